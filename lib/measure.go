package lib

import (
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// RunOptions adjust how an experiment runs, not what it measures.
type RunOptions struct {
	// Target is the base URL of a running flag server to use instead of
	// starting the embedded one.
	Target string
	// MaxConcurrency caps the workers of every model (0: no cap). The CLI
	// sets it for remote targets, to stay polite.
	MaxConcurrency int
	// Dir receives downloaded files; a temporary directory, removed at the
	// end, if empty.
	Dir string
	// Progress, if set, is called after every run, warm-ups included.
	Progress func(done, total int)
	// InProcessServer runs the embedded flag server inside this process
	// instead of in a child process (see flagserver.StartProcess).
	InProcessServer bool
	// Log, if set, receives one line per configuration as it finishes.
	Log func(m Measurement)
}

// ModelSpec is a model name with an optional worker count, written
// "pool:10" on the command line.
type ModelSpec struct {
	Name    string
	Workers int // 0: the experiment's or the model's default
}

func (m ModelSpec) String() string {
	if m.Workers > 0 {
		return m.Name + ":" + strconv.Itoa(m.Workers)
	}
	return m.Name
}

// ParseModel parses "name" or "name:workers" and checks the name.
func ParseModel(s string) (ModelSpec, error) {
	name, w, hasW := strings.Cut(strings.TrimSpace(s), ":")
	spec := ModelSpec{Name: name}
	if hasW {
		n, err := strconv.Atoi(w)
		if err != nil || n <= 0 {
			return spec, fmt.Errorf("model %q: workers must be a whole number > 0", s)
		}
		spec.Workers = n
	}
	if _, ok := LookupModel(name); !ok {
		return spec, unknownModel(name)
	}
	return spec, nil
}

// config is one point of an experiment's grid.
type config struct {
	model      ModelSpec
	tasks      int
	workers    int // resolved worker count, 0 for one per task
	gomaxprocs int // 0: leave as is
}

// DefaultWorkers is the pool size of models that take one when neither the
// model nor the experiment gives it: 20 for I/O (the 2021 asyncio post's 20 threads),
// the number of CPUs for CPU work. The gil model is the exception: without
// a worker count it starts one emulated thread per task.
func DefaultWorkers(workload string) int {
	if workload == "cpu" {
		return runtime.NumCPU()
	}
	return 20
}

// grid lists every configuration of the experiment. A model whose speed does
// not depend on a knob is measured once per size, not once per knob value.
func (e Experiment) grid() ([]config, error) {
	var out []config
	for _, s := range e.Models {
		spec, err := ParseModel(s)
		if err != nil {
			return nil, err
		}
		model, _ := LookupModel(spec.Name) // ParseModel checked the name
		for _, n := range e.Sizes {
			if n <= 0 {
				return nil, fmt.Errorf("experiment %s: number of tasks must be > 0, got %d", e.Name, n)
			}
			if limit, ok := e.MaxTasksFor[spec.Name]; ok && n > limit {
				continue
			}
			base := config{model: spec, tasks: n}
			switch {
			case model.measuredOnce():
				out = append(out, base)
			case len(e.Parallelism) > 0:
				for _, p := range e.Parallelism {
					c := base
					c.gomaxprocs = p
					if model.UsesWorkers() && spec.Workers == 0 {
						c.workers = p
					}
					out = append(out, c)
				}
			default:
				workers := e.Workers
				switch {
				case spec.Workers > 0 || !model.UsesWorkers():
					workers = []int{spec.Workers}
				case len(workers) > 0:
				case model.perTaskByDefault():
					workers = []int{0} // a thread per task, like threading.Thread per item
				default:
					workers = []int{DefaultWorkers(e.Workload)}
				}
				procs := e.GOMAXPROCS
				if len(procs) == 0 {
					procs = []int{0}
				}
				for _, w := range workers {
					for _, p := range procs {
						c := base
						c.workers, c.gomaxprocs = w, p
						out = append(out, c)
					}
				}
			}
		}
	}
	for i := range out {
		if out[i].model.Workers > 0 {
			out[i].workers = out[i].model.Workers
		}
		if out[i].gomaxprocs < 0 || out[i].workers < 0 {
			return nil, fmt.Errorf("experiment %s: workers and GOMAXPROCS must be > 0", e.Name)
		}
	}
	return out, nil
}

// Validate checks an experiment before anything runs.
func (e Experiment) Validate() error {
	switch e.Workload {
	case "io":
		switch e.Kernel {
		case "flags", "slow", "post":
		default:
			return fmt.Errorf("experiment %s: unknown io kernel %q (known: flags, slow, post)", e.Name, e.Kernel)
		}
	case "cpu":
		switch e.Kernel {
		case "sumsquares", "primes", "blur":
		default:
			return fmt.Errorf("experiment %s: unknown cpu kernel %q (known: sumsquares, primes, blur)", e.Name, e.Kernel)
		}
	case "memory":
	default:
		return fmt.Errorf("experiment %s: unknown workload %q (known: io, cpu, memory)", e.Name, e.Workload)
	}
	if e.Repeat <= 0 {
		return fmt.Errorf("experiment %s: repeat must be > 0, got %d", e.Name, e.Repeat)
	}
	for model, n := range e.RepeatFor {
		if n <= 0 {
			return fmt.Errorf("experiment %s: RepeatFor[%s] must be > 0, got %d", e.Name, model, n)
		}
	}
	if len(e.Sizes) == 0 {
		return fmt.Errorf("experiment %s: no sizes to measure", e.Name)
	}
	for _, v := range slices.Concat(e.Workers, e.GOMAXPROCS, e.Parallelism) {
		if v <= 0 {
			return fmt.Errorf("experiment %s: workers, GOMAXPROCS and parallelism must be > 0, got %d", e.Name, v)
		}
	}
	if e.Workload == "memory" {
		return nil
	}
	_, err := e.grid()
	return err
}

// tasks builds the task list of the experiment's kernel; size is the CPU
// kernels' size (see kernelSize).
func (e Experiment) tasks(c *http.Client, base, dir string, n, size int) ([]Task, error) {
	switch e.Kernel {
	case "flags":
		return FlagTasks(c, base, dir, n), nil
	case "slow":
		return SlowTasks(c, base, n), nil
	case "post":
		return PostTasks(c, base, n), nil
	case "sumsquares":
		return SumSquaresTasks(n, int64(size)), nil
	case "primes":
		return PrimeTasks(n), nil
	case "blur":
		return BlurTasks(n, size), nil
	}
	return nil, errors.New("unknown kernel " + strconv.Quote(e.Kernel))
}

// kernelSize is the size a CPU kernel runs at — Size, or the kernel's
// default when Size is 0 — and 0 for kernels without one.
func (e Experiment) kernelSize() int {
	var def int
	switch e.Kernel {
	case "sumsquares":
		def = SumSquaresBase
	case "blur":
		def = 1024
	default:
		return 0
	}
	if e.Size > 0 {
		return e.Size
	}
	return def
}

package lib

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
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
	// instead of in a child process (see StartFlagServerProcess).
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
	if _, ok := ModelInfo[name]; !ok && !isExternal(name) {
		return spec, fmt.Errorf("unknown model %q (known: %s)", name, strings.Join(KnownModels(), ", "))
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
// model nor the experiment gives it: 20 for I/O (the seeds' 20 threads),
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
		for _, n := range e.Sizes {
			if n <= 0 {
				return nil, fmt.Errorf("experiment %s: number of tasks must be > 0, got %d", e.Name, n)
			}
			base := config{model: spec, tasks: n}
			switch {
			case measuredOnce(spec.Name):
				out = append(out, base)
			case len(e.Parallelism) > 0:
				for _, p := range e.Parallelism {
					c := base
					c.gomaxprocs = p
					if UsesWorkers(spec.Name) && spec.Workers == 0 {
						c.workers = p
					}
					out = append(out, c)
				}
			default:
				workers := e.Workers
				switch {
				case spec.Workers > 0 || !UsesWorkers(spec.Name):
					workers = []int{spec.Workers}
				case len(workers) > 0:
				case oneWorkerPerTask(spec.Name):
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
	if len(e.Sizes) == 0 {
		return fmt.Errorf("experiment %s: no sizes to measure", e.Name)
	}
	for _, v := range append(append([]int{}, e.Workers...), append(e.GOMAXPROCS, e.Parallelism...)...) {
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

// Run measures the experiment: for every configuration, one warm-up run and
// Repeat measured runs. It returns what was measured even when tasks
// failed (their count is in each Measurement's Errors); it returns an error
// only when the experiment could not run, or ctx was cancelled — then with
// the measurements finished so far.
func (e Experiment) Run(ctx context.Context, opt RunOptions) (*ResultSet, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if e.Check != nil {
		if err := e.Check(); err != nil {
			return nil, fmt.Errorf("experiment %s: %w: %w", e.Name, ErrUnavailable, err)
		}
	}
	rs := &ResultSet{Schema: ResultsSchema, Experiment: e.Name, Title: e.Title, Env: CurrentEnv()}
	if e.Workload == "memory" {
		for _, n := range e.Sizes {
			if err := ctx.Err(); err != nil {
				return rs, err
			}
			rs.Memory = append(rs.Memory, GoroutineMemory(n))
		}
		return rs, nil
	}
	grid, _ := e.grid()

	base := opt.Target
	if e.Workload == "io" && base == "" {
		cfg := ServerConfig{Delay: e.Delay, Jitter: e.Jitter, Seed: 1}
		if opt.InProcessServer {
			srv, err := StartFlagServer(cfg)
			if err != nil {
				return nil, err
			}
			defer srv.Close()
			base = srv.URL
		} else {
			srv, err := StartFlagServerProcess(cfg)
			if err != nil {
				return nil, err
			}
			defer srv.Close()
			base = srv.URL
		}
	}
	dir := opt.Dir
	if e.Kernel == "flags" && dir == "" {
		tmp, err := os.MkdirTemp("", "flags-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if dir != "" {
		if err := EnsureDir(dir); err != nil {
			return nil, err
		}
	}

	total, done := len(grid)*(e.Repeat+1), 0
	for _, c := range grid {
		if opt.MaxConcurrency > 0 && !measuredOnce(c.model.Name) && (c.workers == 0 || c.workers > opt.MaxConcurrency) {
			c.workers = opt.MaxConcurrency
			if !UsesWorkers(c.model.Name) {
				c.model.Name = "pool" // one-goroutine-per-task models cannot be capped
			}
		}
		if x, ok := External(c.model.Name); ok && x.Describe != nil {
			x.Describe(&rs.Env)
		}
		m, err := e.measure(ctx, c, base, dir, func() {
			done++
			if opt.Progress != nil {
				opt.Progress(done, total)
			}
		})
		if err != nil {
			return rs, err
		}
		rs.Results = append(rs.Results, m)
		if opt.Log != nil {
			opt.Log(m)
		}
	}
	return rs, nil
}

// measure runs one configuration: a warm-up, then Repeat timed runs.
func (e Experiment) measure(ctx context.Context, c config, base, dir string, tick func()) (Measurement, error) {
	m := Measurement{
		Workload: e.Workload, Kernel: e.Kernel, Model: c.model.Name, Tasks: c.tasks,
		Workers: c.workers, GOMAXPROCS: runtime.GOMAXPROCS(0), DelayS: e.Delay.Seconds(), Size: e.kernelSize(),
	}
	switch {
	case c.model.Name == "sequential" || measuredOnce(c.model.Name) && isExternal(c.model.Name):
		m.Workers = 1
	case c.model.Name == "singlethread":
		m.GOMAXPROCS = 1
	}
	if c.gomaxprocs > 0 {
		prev := runtime.GOMAXPROCS(c.gomaxprocs)
		defer runtime.GOMAXPROCS(prev)
		m.GOMAXPROCS = c.gomaxprocs
	}
	if m.Workers == 0 {
		m.Workers = c.tasks // one goroutine, thread or process per task
	}
	if c.model.Name == "processes" && c.workers == 0 {
		m.Workers = runtime.NumCPU()
	}
	runner, err := newRunnerFor(c.model.Name, c.workers)
	if err != nil {
		return m, err
	}
	client := NewHTTPClient(min(m.Workers, c.tasks))
	defer client.CloseIdleConnections()
	tasks, err := e.tasks(client, base, dir, c.tasks)
	if err != nil {
		return m, err
	}

	var reports []*Report
	seen := map[string]bool{}
	for run := 0; run <= e.Repeat; run++ {
		rep := runner.Run(ctx, tasks)
		tick()
		if err := ctx.Err(); err != nil {
			return m, err
		}
		for _, r := range rep.Results {
			if r.Err != nil && len(m.ErrorSamples) < 5 && !seen[r.Err.Error()] {
				seen[r.Err.Error()] = true
				m.ErrorSamples = append(m.ErrorSamples, r.Err.Error())
			}
		}
		if run == 0 {
			continue // the warm-up: caches, connections, page faults
		}
		reports = append(reports, rep)
		m.RunsS = append(m.RunsS, rep.Wall().Seconds())
	}
	st := Summarize(m.RunsS)
	m.MinS, m.MedianS, m.MeanS, m.MaxS, m.StdDevS = st.Min, st.Median, st.Mean, st.Max, st.StdDev
	med := reports[medianIndex(m.RunsS)]
	m.Errors = med.Errors()
	m.StartupS = med.Startup.Seconds()
	m.IPCS = med.IPC.Seconds()
	if e.Timeline {
		m.Timeline = Spans(med)
	}
	return m, nil
}

// tasks builds the task list of the experiment's kernel.
func (e Experiment) tasks(c *http.Client, base, dir string, n int) ([]Task, error) {
	switch e.Kernel {
	case "flags":
		return FlagTasks(c, base, dir, n), nil
	case "slow":
		return SlowTasks(c, base, n), nil
	case "post":
		return PostTasks(c, base, n), nil
	case "sumsquares":
		return SumSquaresTasks(n, int64(e.kernelSize())), nil
	case "primes":
		return PrimeTasks(n), nil
	case "blur":
		return BlurTasks(n, e.kernelSize()), nil
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

package lib

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Model describes an execution model once: its CLI name, what it is, how
// it uses a worker count and how to make its runner. The built-in models
// are the table builtinModels; models implemented outside lib — the Python
// programs of the GIL comparison — are described the same way and added
// with RegisterModel, so that the grid, the labels of a measurement and
// the help text ask one descriptor instead of a switch on the name.
type Model struct {
	Name string // CLI name, such as "pool" or "py-threads"
	Info string // one line for help texts and tables
	// Workers says how the model uses a worker count.
	Workers WorkerUse
	// New returns the model's runner; workers is 0 when none was given.
	New func(workers int) (Runner, error)
	// Describe, if set, adds what ran the model (an interpreter's version)
	// to the environment of the results.
	Describe func(env *Env)
	// AtOnce, if set, is how many tasks the model runs at once given the
	// resolved worker count (0: none given), for the labels of a
	// measurement; unset, it is that count, or one per task for 0.
	AtOnce func(tasks, workers int) int
	// GOMAXPROCS, if > 0, is what the model always runs under, whatever
	// the run's setting (singlethread's 1), for the labels of a measurement.
	GOMAXPROCS int
	// OutOfProcess: the tasks run in another process, so a trace cannot
	// wrap them in regions of this one.
	OutOfProcess bool

	external bool // registered from outside lib; see Experiment.ExternalSize
}

// WorkerUse says what a worker count means to a model.
type WorkerUse int

const (
	// WorkersIgnored: the model has no knob and runs the same at any
	// GOMAXPROCS (a plain loop, an event loop), so an experiment measures
	// it once per size.
	WorkersIgnored WorkerUse = iota
	// WorkersPool: the model is a pool of W workers, by default
	// DefaultWorkers of the workload.
	WorkersPool
	// WorkersOptional: W caps the model, which otherwise starts one worker
	// per task (threading.Thread per item, asyncio.gather).
	WorkersOptional
	// WorkersUnbounded: the model has no knob and starts one worker per
	// task, but how many run at once depends on GOMAXPROCS, so it is
	// measured at every GOMAXPROCS (a goroutine per task).
	WorkersUnbounded
)

// UsesWorkers reports whether the model's parallelism is set by a worker
// count (and so by --workers).
func (m Model) UsesWorkers() bool {
	return m.Workers == WorkersPool || m.Workers == WorkersOptional
}

// perTaskByDefault reports whether the model, given no worker count,
// starts one worker per task rather than a pool of DefaultWorkers.
func (m Model) perTaskByDefault() bool { return m.Workers == WorkersOptional }

// measuredOnce reports whether the model runs the same whatever the worker
// count or GOMAXPROCS, so that an experiment measures it once per size.
func (m Model) measuredOnce() bool { return m.Workers == WorkersIgnored }

// atOnce is how many tasks of n the model runs at once with the resolved
// worker count (see AtOnce).
func (m Model) atOnce(tasks, workers int) int {
	switch {
	case m.AtOnce != nil:
		return m.AtOnce(tasks, workers)
	case workers == 0:
		return tasks // one goroutine, thread or process per task
	}
	return workers
}

// oneAtATime is the AtOnce of the models that run one task after another.
func oneAtATime(_, _ int) int { return 1 }

// builtinModels are lib's execution models, in the order the tutorial
// introduces them. For gil, processes and errgroup, workers <= 0 means the
// model's own default (one thread per task, NumCPU processes, no limit).
var builtinModels = []Model{
	{Name: "sequential", Info: "one task after another (the Python tutorials' plain loop)",
		Workers: WorkersIgnored, AtOnce: oneAtATime,
		New: func(int) (Runner, error) { return Sequential(), nil }},
	{Name: "goroutines", Info: "one goroutine per task (threading.Thread per item; asyncio.gather)",
		Workers: WorkersUnbounded,
		New:     func(int) (Runner, error) { return Goroutines(), nil }},
	{Name: "pool", Info: "a fixed pool of W goroutines, results in input order (ThreadPoolExecutor.map)",
		Workers: WorkersPool,
		New: func(workers int) (Runner, error) {
			if workers <= 0 {
				return nil, fmt.Errorf("model pool needs workers > 0, got %d", workers)
			}
			return NewPool(workers), nil
		}},
	{Name: "errgroup", Info: "errgroup with SetLimit(W): the first error cancels the rest",
		Workers: WorkersPool,
		New:     func(workers int) (Runner, error) { return ErrGroup(workers), nil }},
	{Name: "gil", Info: "EMULATED CPython GIL: W threads, one runs at a time, switching every 5 ms",
		Workers: WorkersOptional,
		New:     func(workers int) (Runner, error) { return GIL(workers, SwitchInterval), nil }},
	{Name: "singlethread", Info: "one goroutine per task under GOMAXPROCS=1 (asyncio's single event-loop thread)",
		Workers: WorkersIgnored, GOMAXPROCS: 1,
		New: func(int) (Runner, error) { return SingleThread(), nil }},
	{Name: "processes", Info: "W OS worker processes fed over pipes (ProcessPoolExecutor)",
		Workers: WorkersPool, OutOfProcess: true,
		AtOnce: func(tasks, workers int) int {
			if workers == 0 {
				return runtime.NumCPU() // Processes(0) starts one per CPU
			}
			return workers
		},
		New: func(workers int) (Runner, error) { return Processes(workers), nil }},
}

var (
	externalsMu sync.RWMutex
	externals   = map[string]Model{}
)

// RegisterModel adds a model implemented outside lib, such as the py-*
// models of lib/python. Registering a built-in name or a name twice
// panics: both are programming errors.
func RegisterModel(m Model) {
	externalsMu.Lock()
	defer externalsMu.Unlock()
	if _, builtin := builtinModel(m.Name); builtin {
		panic("lib: external model shadows a built-in one: " + m.Name)
	}
	if _, dup := externals[m.Name]; dup {
		panic("lib: external model registered twice: " + m.Name)
	}
	m.external = true
	externals[m.Name] = m
}

func builtinModel(name string) (Model, bool) {
	i := slices.IndexFunc(builtinModels, func(m Model) bool { return m.Name == name })
	if i < 0 {
		return Model{}, false
	}
	return builtinModels[i], true
}

// LookupModel returns the descriptor of a built-in or registered model.
func LookupModel(name string) (Model, bool) {
	if m, ok := builtinModel(name); ok {
		return m, true
	}
	externalsMu.RLock()
	defer externalsMu.RUnlock()
	m, ok := externals[name]
	return m, ok
}

// ModelNames lists the built-in models by their CLI names, in the order
// the tutorial introduces them.
func ModelNames() []string {
	names := make([]string, len(builtinModels))
	for i, m := range builtinModels {
		names[i] = m.Name
	}
	return names
}

// KnownModels lists the built-in models, then the registered external ones
// (the py-* models once their package is imported).
func KnownModels() []string {
	names := ModelNames()
	externalsMu.RLock()
	defer externalsMu.RUnlock()
	return append(names, slices.Sorted(maps.Keys(externals))...)
}

// unknownModel is the error for a name that no model has.
func unknownModel(name string) error {
	return fmt.Errorf("unknown model %q (known: %s)", name, strings.Join(KnownModels(), ", "))
}

// NewRunner returns the runner of a built-in or registered model by its
// CLI name. workers sizes the pool, errgroup limit, emulated threads or
// processes; the models without a knob ignore it (see Model.Workers).
func NewRunner(model string, workers int) (Runner, error) {
	m, ok := LookupModel(model)
	if !ok {
		return nil, unknownModel(model)
	}
	return m.New(workers)
}

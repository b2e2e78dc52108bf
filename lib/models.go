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
// it uses a worker count and how to make its runner. Every model the
// tutorial measures is in the table builtinModels, Go's and CPython's
// alike, so that the grid, the labels of a measurement, the plots and the
// help text ask one descriptor instead of a switch on the name — also in
// a process that only reads saved results. CPython's runners live in
// lib/python, which attaches them with ImplementModel; a model of one's
// own is added whole with RegisterModel.
type Model struct {
	Name string // CLI name, such as "pool" or "py-threads"
	Info string // one line for help texts and tables
	// Language is what runs the tasks: LanguageGo, or LanguagePython for
	// the CPython programs of lib/python.
	Language string
	// Baseline marks its language's plain loop, one task after another:
	// what the other models' speedups are measured against.
	Baseline bool
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
}

// The languages of Model.Language.
const (
	LanguageGo     = "Go"
	LanguagePython = "Python"
)

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

// VariesWithGOMAXPROCS reports whether GOMAXPROCS is a knob of the model:
// not for a loop, which runs the same at any setting, nor for a model
// that pins it (singlethread), nor for CPython, which does not read it.
func (m Model) VariesWithGOMAXPROCS() bool {
	return m.Language == LanguageGo && !m.measuredOnce()
}

// oneAtATime is the AtOnce of the models that run one task after another.
func oneAtATime(_, _ int) int { return 1 }

// builtinModels are lib's execution models, in the order the tutorial
// introduces them. For gil, processes and errgroup, workers <= 0 means the
// model's own default (one thread per task, NumCPU processes, no limit).
var builtinModels = slices.Concat(goModels, pythonModels)

// goModels are the models this package implements.
var goModels = []Model{
	{Language: LanguageGo, Name: "sequential", Info: "one task after another (the Python tutorials' plain loop)",
		Workers: WorkersIgnored, AtOnce: oneAtATime, Baseline: true,
		New: func(int) (Runner, error) { return Sequential(), nil }},
	{Language: LanguageGo, Name: "goroutines", Info: "one goroutine per task (threading.Thread per item; asyncio.gather)",
		Workers: WorkersUnbounded,
		New:     func(int) (Runner, error) { return Goroutines(), nil }},
	{Language: LanguageGo, Name: "pool", Info: "a fixed pool of W goroutines, results in input order (ThreadPoolExecutor.map)",
		Workers: WorkersPool,
		New: func(workers int) (Runner, error) {
			if workers <= 0 {
				return nil, fmt.Errorf("model pool needs workers > 0, got %d", workers)
			}
			return NewPool(workers), nil
		}},
	{Language: LanguageGo, Name: "errgroup", Info: "errgroup with SetLimit(W): the first error cancels the rest",
		Workers: WorkersPool,
		New:     func(workers int) (Runner, error) { return ErrGroup(workers), nil }},
	{Language: LanguageGo, Name: "gil", Info: "EMULATED CPython GIL: W threads, one runs at a time, switching every 5 ms",
		Workers: WorkersOptional,
		New:     func(workers int) (Runner, error) { return GIL(workers, SwitchInterval), nil }},
	{Language: LanguageGo, Name: "singlethread", Info: "one goroutine per task under GOMAXPROCS=1 (asyncio's single event-loop thread)",
		Workers: WorkersIgnored, GOMAXPROCS: 1,
		New: func(int) (Runner, error) { return SingleThread(), nil }},
	{Language: LanguageGo, Name: "processes", Info: "W OS worker processes fed over pipes (ProcessPoolExecutor)",
		Workers: WorkersPool, OutOfProcess: true,
		AtOnce: func(tasks, workers int) int {
			if workers == 0 {
				return runtime.NumCPU() // Processes(0) starts one per CPU
			}
			return workers
		},
		New: func(workers int) (Runner, error) { return Processes(workers), nil }},
}

// pythonModels are the CPython programs of the GIL comparison. lib/python
// runs them and attaches their runners with ImplementModel; until it is
// imported, their New says so.
var pythonModels = describePython([]Model{
	{Name: "py-sequential", Info: "CPython: a plain loop, one task after another",
		Workers: WorkersIgnored, AtOnce: oneAtATime, Baseline: true},
	{Name: "py-threads", Info: "CPython: threading.Thread per task, or ThreadPoolExecutor(W) — the real GIL",
		Workers: WorkersOptional},
	{Name: "py-processes", Info: "CPython: ProcessPoolExecutor(W)",
		Workers: WorkersPool},
	{Name: "py-asyncio", Info: "CPython: asyncio.gather on one aiohttp session (Semaphore(W) with workers)",
		Workers: WorkersOptional},
})

// describePython adds what CPython's models share. It runs as the table
// is initialised, not in an init function, so that builtinModels, which
// copies the table, sees it whole.
func describePython(ms []Model) []Model {
	for i := range ms {
		name := ms[i].Name
		ms[i].Language, ms[i].OutOfProcess = LanguagePython, true // python3 runs the tasks
		ms[i].New = func(int) (Runner, error) {
			return nil, fmt.Errorf("model %s runs CPython: import github.com/gomeasure/concurrency/lib/python to use it", name)
		}
	}
	return ms
}

// implementation is how a described model runs: see ImplementModel.
type implementation struct {
	new      func(workers int) (Runner, error)
	describe func(env *Env)
}

var (
	modelsMu        sync.RWMutex
	implementations = map[string]implementation{} // of described models, by name
	externals       = map[string]Model{}          // wholly registered models, by name
)

// ImplementModel attaches the runner of a model that builtinModels
// describes but lib does not run (CPython's, from lib/python), and what to
// add to the environment of its results. Attaching an undescribed model,
// or one twice, panics: both are programming errors.
func ImplementModel(name string, newRunner func(workers int) (Runner, error), describe func(env *Env)) {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	if !slices.ContainsFunc(pythonModels, func(m Model) bool { return m.Name == name }) {
		panic("lib: ImplementModel of a model that is not one of CPython's: " + name)
	}
	if _, dup := implementations[name]; dup {
		panic("lib: model implemented twice: " + name)
	}
	implementations[name] = implementation{newRunner, describe}
}

// RegisterModel adds a model of one's own, described and implemented
// outside lib; an empty Language is Go. Registering a built-in name or a
// name twice panics: both are programming errors.
func RegisterModel(m Model) {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	if _, builtin := builtinModel(m.Name); builtin {
		panic("lib: registered model shadows a built-in one: " + m.Name)
	}
	if _, dup := externals[m.Name]; dup {
		panic("lib: model registered twice: " + m.Name)
	}
	if m.Language == "" {
		m.Language = LanguageGo
	}
	externals[m.Name] = m
}

func builtinModel(name string) (Model, bool) {
	i := slices.IndexFunc(builtinModels, func(m Model) bool { return m.Name == name })
	if i < 0 {
		return Model{}, false
	}
	return builtinModels[i], true
}

// LookupModel returns the descriptor of a built-in or registered model,
// with its runner if one is attached.
func LookupModel(name string) (Model, bool) {
	modelsMu.RLock()
	defer modelsMu.RUnlock()
	if m, ok := builtinModel(name); ok {
		if impl, ok := implementations[name]; ok {
			m.New, m.Describe = impl.new, impl.describe
		}
		return m, true
	}
	m, ok := externals[name]
	return m, ok
}

// ModelNames lists Go's built-in models by their CLI names, in the order
// the tutorial introduces them.
func ModelNames() []string { return ModelsIn(LanguageGo) }

// ModelsIn lists the built-in models of a language by their CLI names, in
// the order the tutorial introduces them.
func ModelsIn(language string) []string {
	var names []string
	for _, m := range builtinModels {
		if m.Language == language {
			names = append(names, m.Name)
		}
	}
	return names
}

// KnownModels lists the built-in models, Go's and then CPython's, then the
// registered ones.
func KnownModels() []string {
	var names []string
	for _, m := range builtinModels {
		names = append(names, m.Name)
	}
	modelsMu.RLock()
	defer modelsMu.RUnlock()
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

package lib

import "sync"

// ExternalModel is an execution model implemented outside this package —
// the Python programs of the GIL comparison — measured beside the Go models
// in the same experiment.
type ExternalModel struct {
	Name string // CLI name, such as "py-threads"; must not clash with a built-in model
	Info string // one line for help texts
	// Workers says how the model uses a worker count.
	Workers WorkerUse
	// New returns the model's runner; workers is 0 when none was given.
	New func(workers int) (Runner, error)
	// Describe, if set, adds what ran the model (an interpreter's version)
	// to the environment of the results.
	Describe func(env *Env)
}

// WorkerUse says what a worker count means to a model.
type WorkerUse int

const (
	// WorkersIgnored: the model has no knob (a plain loop, an event loop).
	WorkersIgnored WorkerUse = iota
	// WorkersPool: the model is a pool of W workers, by default
	// DefaultWorkers of the workload.
	WorkersPool
	// WorkersOptional: W caps the model, which otherwise starts one worker
	// per task (threading.Thread per item, asyncio.gather).
	WorkersOptional
)

var (
	externalsMu sync.RWMutex
	externals   = map[string]ExternalModel{}
)

// RegisterExternalModel adds a model implemented outside lib. Registering
// a built-in name or a name twice panics: both are programming errors.
func RegisterExternalModel(m ExternalModel) {
	externalsMu.Lock()
	defer externalsMu.Unlock()
	if _, builtin := modelInfo[m.Name]; builtin {
		panic("lib: external model shadows a built-in one: " + m.Name)
	}
	if _, dup := externals[m.Name]; dup {
		panic("lib: external model registered twice: " + m.Name)
	}
	externals[m.Name] = m
}

// External returns the external model of that name.
func External(name string) (ExternalModel, bool) {
	externalsMu.RLock()
	defer externalsMu.RUnlock()
	m, ok := externals[name]
	return m, ok
}

func isExternal(name string) bool { _, ok := External(name); return ok }

func newRunnerFor(name string, workers int) (Runner, error) {
	if m, ok := External(name); ok {
		return m.New(workers)
	}
	return NewRunner(name, workers)
}

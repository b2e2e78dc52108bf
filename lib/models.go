package lib

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// modelNames are the execution models' CLI names, in the order the tutorial
// introduces them.
var modelNames = []string{"sequential", "goroutines", "pool", "errgroup", "gil", "singlethread", "processes"}

// ModelNames lists the execution models by their CLI names, in the order the
// tutorial introduces them; a copy, so callers cannot change the list.
func ModelNames() []string { return slices.Clone(modelNames) }

// modelInfo describes each built-in model in one line, for help texts and
// tables; unexported so that no caller can change it (see ModelInfo).
var modelInfo = map[string]string{
	"sequential":   "one task after another (the Python tutorials' plain loop)",
	"goroutines":   "one goroutine per task (threading.Thread per item; asyncio.gather)",
	"pool":         "a fixed pool of W goroutines, results in input order (ThreadPoolExecutor.map)",
	"errgroup":     "errgroup with SetLimit(W): the first error cancels the rest",
	"gil":          "EMULATED CPython GIL: W threads, one runs at a time, switching every 5 ms",
	"singlethread": "one goroutine per task under GOMAXPROCS=1 (asyncio's single event-loop thread)",
	"processes":    "W OS worker processes fed over pipes (ProcessPoolExecutor)",
}

// ModelInfo describes a built-in model in one line, for help texts and
// tables; ok is false for a name that is not a built-in model (an external
// model carries its own description: see External).
func ModelInfo(model string) (info string, ok bool) {
	info, ok = modelInfo[model]
	return info, ok
}

// UsesWorkers reports whether the model's parallelism is set by a worker
// count (and so by --workers).
func UsesWorkers(model string) bool {
	switch model {
	case "pool", "errgroup", "gil", "processes":
		return true
	}
	m, ok := External(model)
	return ok && m.Workers != WorkersIgnored
}

// oneWorkerPerTask reports whether the model, given no worker count, starts
// one worker per task rather than a pool of DefaultWorkers.
func oneWorkerPerTask(model string) bool {
	if model == "gil" {
		return true
	}
	m, ok := External(model)
	return ok && m.Workers == WorkersOptional
}

// measuredOnce reports whether the model runs the same whatever the worker
// count or GOMAXPROCS, so that an experiment measures it once per size.
func measuredOnce(model string) bool {
	if model == "sequential" || model == "singlethread" {
		return true
	}
	m, ok := External(model)
	return ok && m.Workers == WorkersIgnored
}

// NewRunner returns the runner of a model by its CLI name. workers sizes the
// pool, errgroup limit, emulated threads or processes; the other models
// ignore it. For gil, processes and errgroup, workers <= 0 means the model's
// own default (one thread per task, NumCPU processes, no limit).
func NewRunner(model string, workers int) (Runner, error) {
	switch model {
	case "sequential":
		return Sequential(), nil
	case "goroutines":
		return Goroutines(), nil
	case "pool":
		if workers <= 0 {
			return nil, fmt.Errorf("model pool needs workers > 0, got %d", workers)
		}
		return NewPool(workers), nil
	case "errgroup":
		return ErrGroup(workers), nil
	case "gil":
		return GIL(workers, SwitchInterval), nil
	case "singlethread":
		return SingleThread(), nil
	case "processes":
		return Processes(workers), nil
	}
	return nil, fmt.Errorf("unknown model %q (known: %s)", model, strings.Join(KnownModels(), ", "))
}

// KnownModels lists the built-in models, then the registered external ones
// (the py-* models once their package is imported).
func KnownModels() []string {
	names := ModelNames()
	externalsMu.RLock()
	defer externalsMu.RUnlock()
	return append(names, slices.Sorted(maps.Keys(externals))...)
}

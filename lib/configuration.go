package lib

import "strconv"

// What a measurement's model and worker count mean, asked of the model's
// descriptor, so that labels, ideal times and baselines are decided in one
// place for every reader of saved results (plots, claims, the CLI).

// Descriptor returns the descriptor of the measured model; ok is false for
// a model this process does not know (a load generator's mode, or a
// result set from another version).
func (m Measurement) Descriptor() (Model, bool) { return LookupModel(m.Model) }

// PoolSize is how many tasks the measured configuration ran at a time
// whatever their number — a pool's workers, a limit on threads — or 0 when
// it ran one task after another or one worker per task. For a model this
// process does not know, a worker count other than the task count is
// taken as a pool.
func (m Measurement) PoolSize() int {
	d, ok := m.Descriptor()
	switch {
	case !ok, d.Workers == WorkersOptional:
		// Given no limit, an optional one starts a worker per task.
		if m.Workers > 0 && m.Workers != m.Tasks {
			return m.Workers
		}
		return 0
	case d.Workers == WorkersPool:
		return m.Workers
	}
	return 0
}

// Config names the measured configuration as the command line takes it:
// "pool:20", "py-processes:1", "goroutines".
func (m Measurement) Config() string {
	if n := m.PoolSize(); n > 0 {
		return m.Model + ":" + strconv.Itoa(n)
	}
	return m.Model
}

// AtOnce is how many of n tasks the measured configuration would run at
// once: one for a loop, the pool's size (at most n) for a pool, n for one
// worker per task. ok is false for a model this process does not know.
func (m Measurement) AtOnce(n int) (atOnce int, ok bool) {
	d, ok := m.Descriptor()
	switch {
	case !ok:
		return 0, false
	case d.Baseline:
		return 1, true
	case m.PoolSize() > 0:
		return min(m.PoolSize(), n), true
	}
	return n, true
}

// VariesWithGOMAXPROCS reports whether the measured model reads
// GOMAXPROCS (see Model.VariesWithGOMAXPROCS); true for a model this
// process does not know.
func (m Measurement) VariesWithGOMAXPROCS() bool {
	d, ok := m.Descriptor()
	return !ok || d.VariesWithGOMAXPROCS()
}

// Language is the language the measured model's tasks ran in: LanguageGo
// for a model this process does not know.
func (m Measurement) Language() string {
	if d, ok := m.Descriptor(); ok {
		return d.Language
	}
	return LanguageGo
}

// BaselineOf names the plain loop of a language: the model the speedups of
// its other models are measured against ("" for none).
func BaselineOf(language string) string {
	for _, d := range builtinModels {
		if d.Baseline && d.Language == language {
			return d.Name
		}
	}
	return ""
}

// Baseline reports whether the measured model is its language's plain
// loop (see Model.Baseline).
func (m Measurement) Baseline() bool {
	d, ok := m.Descriptor()
	return ok && d.Baseline
}

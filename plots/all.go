package plots

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/gomeasure/concurrency/lib"
)

// Figure kinds, the suffixes of figure names.
const (
	KindTiming   = "timing"
	KindSpeedup  = "speedup"
	KindTimeline = "timeline"
	KindLatency  = "latency"
	KindMemory   = "memory"
)

// fixedNames gives the tutorial's figures the file names its pages link
// to. A figure not listed is named EXPERIMENT-KIND.
var fixedNames = map[[2]string]string{
	{"flags", KindTiming}:          "flags-timing",
	{"staircase", KindTiming}:      "staircase-timing",
	{"c10k", KindTiming}:           "c10k-timing",
	{"timeline-io", KindTimeline}:  "timeline-io",
	{"speedup", KindSpeedup}:       "speedup-sumsquares",
	{"timeline-cpu", KindTimeline}: "timeline-cpu",
	{"primes", KindSpeedup}:        "speedup-primes",
	{"blur", KindSpeedup}:          "speedup-blur",
	{"loadtest", KindLatency}:      "loadtest-latency",
	{"loadtest", KindTimeline}:     "loadtest-timeline",
	{"memory", KindMemory}:         "memory-goroutines",
}

// FigureName is the file name (without extension) of an experiment's
// figure of a kind.
func FigureName(experiment, kind string) string {
	if n, ok := fixedNames[[2]string{experiment, kind}]; ok {
		return n
	}
	return experiment + "-" + kind
}

// FigureKinds lists the figures drawn from a result set, decided by what it
// holds rather than by its name, so a new experiment gets figures too:
//
//   - memory points                        → memory
//   - task timelines                       → timeline, and latency for the
//     "post" kernel (the load test)
//   - cpu work measured at several
//     GOMAXPROCS or worker counts          → speedup
//   - anything else                        → timing (time vs tasks)
//
// With the tutorial's experiments this gives: flags-timing,
// staircase-timing, c10k-timing, timeline-io, speedup-sumsquares,
// timeline-cpu, speedup-primes, speedup-blur, loadtest-latency,
// loadtest-timeline, memory-goroutines.
func FigureKinds(rs *lib.ResultSet) []string {
	if len(rs.Memory) > 0 {
		return []string{KindMemory}
	}
	if len(rs.Results) == 0 {
		return nil
	}
	for _, m := range rs.Results {
		if len(m.Timeline) > 0 {
			if m.Kernel == "post" {
				return []string{KindLatency, KindTimeline}
			}
			return []string{KindTimeline}
		}
	}
	var par []lib.Measurement
	cpu := false
	for _, m := range rs.Results {
		cpu = cpu || m.Workload == "cpu"
		if !m.Baseline() {
			par = append(par, m)
		}
	}
	if cpu && (distinct(par, gomaxprocs) > 1 || distinct(par, workers) > 1) {
		return []string{KindSpeedup}
	}
	if !cpu && distinct(par, workers) > 1 && len(sizes(par)) == 1 {
		return []string{KindWorkers} // a pool-size sweep: poolsize-workers
	}
	return []string{KindTiming}
}

// Draw makes the figure of one kind from a result set.
func Draw(rs *lib.ResultSet, kind string) (*Figure, error) {
	switch kind {
	case KindTiming:
		return TimingFigure(rs)
	case KindSpeedup:
		return SpeedupFigure(rs)
	case KindTimeline:
		return Timeline(rs)
	case KindLatency:
		return LatencyFigure(rs)
	case KindMemory:
		return MemoryFigure(rs)
	case KindWorkers:
		return PoolSizeFigure(rs)
	}
	return nil, fmt.Errorf("unknown figure kind %q", kind)
}

// All draws every figure of the given result sets, keyed by experiment
// name, and returns them by figure name (see FigureName and FigureKinds). A
// result set that cannot be drawn does not stop the others: All returns
// the figures it could draw and an error naming every one it could not.
func All(sets map[string]*lib.ResultSet) (map[string]*Figure, error) {
	exps := slices.Sorted(maps.Keys(sets))
	figs := map[string]*Figure{}
	var errs []error
	for _, e := range exps {
		rs := sets[e]
		if rs == nil {
			errs = append(errs, fmt.Errorf("experiment %s: no results", e))
			continue
		}
		kinds := FigureKinds(rs)
		if len(kinds) == 0 {
			errs = append(errs, fmt.Errorf("experiment %s: no measurements to plot", e))
		}
		for _, k := range kinds {
			f, err := Draw(rs, k)
			if err != nil {
				errs = append(errs, fmt.Errorf("experiment %s, %s figure: %w", e, k, err))
				continue
			}
			n := FigureName(e, k)
			if _, dup := figs[n]; dup {
				errs = append(errs, fmt.Errorf("experiment %s: figure name %s used twice", e, n))
				continue
			}
			figs[n] = f
		}
	}
	return figs, errors.Join(errs...)
}

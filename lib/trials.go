package lib

import (
	"context"
	"runtime"
)

// A Trial is one configuration for Interleave to measure: a runner and the
// tasks it runs, with the labels its Measurement carries.
type Trial struct {
	Workload string // "io" or "cpu", as in Measurement
	Model    string // the measurement's model name: "processes", "pool", ...
	Workers  int    // the runner's workers, for labels and claims
	// Size is what else varies between trials, recorded in
	// Measurement.Size: a payload's bytes, a batch's length.
	Size   int
	Runner Runner
	Tasks  []Task
}

// Interleave measures trials that a notebook defines on the spot, the way
// Experiment.Run measures the catalogued ones: one warm-up run of each,
// then runs rounds of every trial in turn (A B C, A B C, ...), so that the
// drift of a shared machine falls on all of them alike instead of on
// whichever ran last. Each Measurement keeps every run's wall time, and
// the start-up and IPC time of its median run. It stops at the first run
// after ctx is cancelled and returns ctx's error with what it measured.
func Interleave(ctx context.Context, runs int, trials []Trial) ([]Measurement, error) {
	reports := make([][]*Report, len(trials))
	for round := 0; round <= runs; round++ {
		for i, tr := range trials {
			rep := tr.Runner.Run(ctx, tr.Tasks)
			if err := ctx.Err(); err != nil {
				return summarizeTrials(trials, reports), err
			}
			if round > 0 { // round 0 warms caches, connections and page faults
				reports[i] = append(reports[i], rep)
			}
		}
	}
	return summarizeTrials(trials, reports), nil
}

func summarizeTrials(trials []Trial, reports [][]*Report) []Measurement {
	out := make([]Measurement, len(trials))
	for i, tr := range trials {
		out[i] = Measurement{Workload: tr.Workload, Model: tr.Model, Tasks: len(tr.Tasks), Workers: tr.Workers,
			GOMAXPROCS: runtime.GOMAXPROCS(0), Size: tr.Size}
		out[i].summarize(reports[i], true)
	}
	return out
}

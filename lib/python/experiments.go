package python

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

func init() {
	for _, e := range Experiments() {
		lib.RegisterExperiment(e)
	}
}

// Experiments are the Go-and-Python comparisons of chapters 3 and 4. They
// are optional: where no python3 can run them they are skipped with a line
// that says what to install.
func Experiments() []lib.Experiment {
	es := []lib.Experiment{
		{
			Name: "python-io", Title: "Go and CPython waiting on a slow server",
			Workload: "io", Kernel: "slow",
			// The 2021 asyncio post's experiment: 10 to 50 requests to a
			// server that sleeps before answering (5 s there, 100 ms here).
			// Python's loop is measured at 10 requests only: it is slow and
			// varies little, and the Go staircase draws every size. Its
			// process pool (twenty interpreters to start, a second or more a
			// run) is measured in python-cpu, on work where it can pay.
			Models: []string{"goroutines", "pool:20",
				"py-sequential", "py-threads:20", "py-asyncio"},
			Sizes: []int{10, 50}, Delay: 100 * time.Millisecond,
			Repeat: 6, RepeatFor: map[string]int{"py-sequential": 2},
			MaxTasksFor: map[string]int{"py-sequential": 10},
			QuickScale:  20,
		},
		{
			Name: "python-c1k", Title: "A thousand requests at once: goroutines, asyncio, threads",
			Workload: "io", Kernel: "slow",
			Models: []string{"goroutines", "py-asyncio", "py-threads"},
			Sizes:  []int{1000}, Delay: 200 * time.Millisecond,
			Repeat: 3, QuickScale: 4,
		},
		{
			Name: "python-cpu", Title: "Sum of squares: CPython's real GIL beside Go",
			Workload: "cpu", Kernel: "sumsquares",
			// The emulated GIL is chapter 4's speedup experiment; here the
			// real one runs beside Go's loop and goroutines.
			Models: []string{"sequential", "goroutines",
				"py-sequential", "py-threads", "py-processes"},
			// Go sums from 20,000,000 (about 20 ms a task); CPython, tens
			// of times slower at the same loop, from 750,000, which takes it
			// about as long. Each measurement records its size.
			Sizes: []int{20}, Parallelism: []int{1, 2},
			Size: 4 * lib.SumSquaresBase, ExternalSize: 3 * lib.SumSquaresBase / 20,
			Repeat: 6, QuickScale: 4,
		},
	}
	for i := range es {
		e := es[i]
		es[i].Optional = true
		es[i].Check = func(ctx context.Context) error { return Usable(ctx, e.Models, e.Workload) }
	}
	return es
}

// Usable says in one line why the Python models among models cannot run
// the workload here, or returns nil; or ctx's error, if it ended first.
func Usable(ctx context.Context, models []string, workload string) error {
	var errs []error
	seen := map[string]bool{}
	for _, m := range models {
		name, _, _ := strings.Cut(m, ":")
		if d, ok := lib.LookupModel(name); !ok || d.Language != lib.LanguagePython {
			continue
		}
		in, err := FindInterpreterContext(ctx)
		if err != nil {
			return err
		}
		if err := in.Check(name, workload); err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// counterparts maps a Go model to the Python models that do the same job.
var counterparts = map[string][]string{
	"sequential":   {"py-sequential"},
	"goroutines":   {"py-threads", "py-asyncio"},
	"pool":         {"py-threads"},
	"errgroup":     {"py-threads"},
	"gil":          {"py-threads"},
	"singlethread": {"py-asyncio"},
	"processes":    {"py-processes"},
}

// Counterparts returns the Python counterparts of Go models, keeping each
// one's worker count ("pool:10" gives "py-threads:10"), without duplicates
// and without the ones already listed. CPU work gets no py-asyncio: an
// event loop runs computations one after another, which py-sequential
// already shows.
func Counterparts(models []string, workload string) []string {
	have := map[string]bool{}
	for _, m := range models {
		have[m] = true
	}
	var out []string
	for _, m := range models {
		name, workers, hasW := strings.Cut(m, ":")
		for _, py := range counterparts[name] {
			if py == "py-asyncio" && workload != "io" {
				continue
			}
			if hasW && py != "py-sequential" {
				py += ":" + workers
			}
			if !have[py] {
				have[py] = true
				out = append(out, py)
			}
		}
	}
	return out
}

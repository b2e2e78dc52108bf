package lib

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// An Experiment is a measurement defined once — a workload, the models to
// compare and the sizes to try — and run by the CLI (`bench`, `plots`), the
// notebooks and the figures alike, so that no number is computed twice.
type Experiment struct {
	Name  string // short identifier, also the results file name: results/NAME.json
	Title string // what is measured, for figure titles

	Workload string // "io" or "cpu"
	// Kernel selects the tasks: "flags" (download flag GIFs), "slow" (the
	// sleep-then-answer endpoint), "post" (JSON POSTs) for io; "sumsquares",
	// "primes", "blur" for cpu.
	Kernel string

	Models     []string // model names, optionally with workers: "pool:10"
	Sizes      []int    // numbers of tasks to try
	Workers    []int    // pool sizes to try; empty means the model's default
	GOMAXPROCS []int    // GOMAXPROCS values to try; empty means leave it
	// Parallelism, when set, replaces Workers and GOMAXPROCS: each value p
	// runs every model with GOMAXPROCS=p and p workers — "p cores allowed",
	// the x axis of a speedup curve.
	Parallelism []int
	Delay       time.Duration // server delay for io workloads
	Jitter      time.Duration // extra random server delay, up to this much
	// TailFraction of the server's answers wait TailFactor times Delay:
	// a real tail for a load test to find (see flagserver.Config).
	TailFraction, TailFactor float64
	Size                     int // cpu kernel size: sumsquares base n, blur image width
	Repeat                   int // measured runs per configuration, after one warm-up
	// RepeatFor gives some models fewer measured runs than Repeat, by
	// model name ("sequential", "py-processes"): the sequential baselines
	// run longest and vary least, so fewer runs buy time for the others.
	// A model with fewer than MinRunsForSignificance runs can be the
	// subject of a Near claim, not of a Faster one.
	RepeatFor map[string]int
	// MaxTasksFor measures some models only up to a number of tasks, by
	// model name: past it a sequential loop's time is one delay per task,
	// which the smaller sizes already show, and would take the budget.
	MaxTasksFor map[string]int
	// ExternalSize, if set, is the CPU kernel size of the Python models:
	// CPython runs the same loop tens of times slower than Go, and a size
	// that gives Go tasks of tens of milliseconds would give Python
	// seconds. Results record each measurement's size.
	ExternalSize int
	Timeline     bool // keep the median run's tasks for Gantt charts and latency plots
	// QuickScale divides delays and cpu sizes, and Repeat is capped at
	// MinRunsForSignificance, in quick mode: the tests' scale. What
	// `go run . build` publishes is the experiment as written.
	QuickScale int
	// Optional experiments need more than Go — the Python comparison needs
	// python3 — and are skipped, not failed, where that is missing.
	Optional bool
	// Check, if set, says why this machine cannot run the experiment; Run
	// then returns an error wrapping ErrUnavailable. It may look for tools
	// (python3), and stops when ctx is done.
	Check func(ctx context.Context) error
}

// ErrUnavailable marks an experiment this machine cannot run, such as the
// Python comparison without python3; the error says what to install.
var ErrUnavailable = errors.New("not available on this machine")

// Quick returns the experiment scaled down for a fast run: delays and cpu
// sizes divided by QuickScale, at most MinRunsForSignificance repeats, so
// a quick run can still call a difference significant. The shape of every curve
// is kept; only the absolute times shrink.
func (e Experiment) Quick() Experiment {
	q := e
	if q.QuickScale > 1 {
		q.Delay /= time.Duration(q.QuickScale)
		q.Jitter /= time.Duration(q.QuickScale)
		if q.Workload == "cpu" && q.Size > 0 {
			q.Size /= q.QuickScale
		}
		if q.Workload == "cpu" && q.ExternalSize > 0 {
			q.ExternalSize /= q.QuickScale
		}
	}
	if q.Repeat > MinRunsForSignificance {
		q.Repeat = MinRunsForSignificance
	}
	return q
}

// QuickChanges says in words what Quick changes about e — "server delay
// 5ms instead of 200ms, 3 runs instead of 5" — so a quick run's numbers
// are never read as the full experiment's. Empty if Quick changes nothing.
func (e Experiment) QuickChanges() string {
	q := e.Quick()
	var parts []string
	if q.Delay != e.Delay {
		parts = append(parts, fmt.Sprintf("server delay %v instead of %v", q.Delay, e.Delay))
	}
	if q.Jitter != e.Jitter {
		parts = append(parts, fmt.Sprintf("jitter %v instead of %v", q.Jitter, e.Jitter))
	}
	if q.Size != e.Size {
		parts = append(parts, fmt.Sprintf("size %d instead of %d", q.Size, e.Size))
	}
	if q.Repeat != e.Repeat {
		parts = append(parts, fmt.Sprintf("%d runs instead of %d", q.Repeat, e.Repeat))
	}
	return strings.Join(parts, ", ")
}

// String describes the experiment in one line.
func (e Experiment) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s, models %s, sizes %v", e.Name, e.Workload, e.Kernel, strings.Join(e.Models, ","), e.Sizes)
	if len(e.Workers) > 0 {
		fmt.Fprintf(&b, ", workers %v", e.Workers)
	}
	if len(e.GOMAXPROCS) > 0 {
		fmt.Fprintf(&b, ", GOMAXPROCS %v", e.GOMAXPROCS)
	}
	if e.Delay > 0 {
		fmt.Fprintf(&b, ", delay %v", e.Delay)
	}
	if e.Size > 0 {
		fmt.Fprintf(&b, ", size %d", e.Size)
	}
	fmt.Fprintf(&b, ", %d runs", e.Repeat)
	return b.String()
}

// Scale says in words the size the experiment runs at — "server delay
// 100ms, 6 interleaved runs (sequential: 2 runs, up to 30 tasks)" — the
// one place notes and captions read it from.
func (e Experiment) Scale() string {
	if e.Workload == "memory" {
		return "each count of parked goroutines measured once"
	}
	var parts []string
	if e.Delay > 0 {
		d := "server delay " + e.Delay.String()
		if e.Jitter > 0 {
			d += " + up to " + e.Jitter.String() + " jitter"
		}
		parts = append(parts, d)
	}
	switch e.Kernel {
	case "sumsquares":
		s := fmt.Sprintf("sums from n = %s", groupThousands(e.kernelSize()))
		if e.ExternalSize > 0 {
			s += fmt.Sprintf(" (Python: %s)", groupThousands(e.ExternalSize))
		}
		parts = append(parts, s)
	case "blur":
		parts = append(parts, fmt.Sprintf("%d px images", e.kernelSize()))
	}
	runs := fmt.Sprintf("%d interleaved runs", e.Repeat)
	var fewer []string
	for _, m := range slices.Sorted(maps.Keys(e.RepeatFor)) {
		f := fmt.Sprintf("%s: %d", m, e.repeatFor(m))
		if n, ok := e.MaxTasksFor[m]; ok {
			f += fmt.Sprintf(", up to %d tasks", n)
		}
		fewer = append(fewer, f)
	}
	if len(fewer) > 0 {
		runs += " (" + strings.Join(fewer, "; ") + ")"
	}
	return strings.Join(append(parts, runs), ", ")
}

// groupThousands writes 20000000 as "20,000,000".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

package plots

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/gomeasure/concurrency/lib"
)

// group is the measurements of one line of a chart: one model at one
// worker count (and GOMAXPROCS, when that varies between lines).
type group struct {
	model string
	label string
	ms    []lib.Measurement
}

// distinct counts the distinct values of f over ms.
func distinct(ms []lib.Measurement, f func(lib.Measurement) int) int {
	seen := map[int]bool{}
	for _, m := range ms {
		seen[f(m)] = true
	}
	return len(seen)
}

// taskSize says how big each CPU task was — "n = 500,000" for the sums of
// squares, "256 px images" for the blur — when every measurement of ms
// shares one recorded size; "" otherwise.
func taskSize(ms []lib.Measurement) string {
	if len(ms) == 0 || ms[0].Size <= 0 || distinct(ms, func(m lib.Measurement) int { return m.Size }) != 1 {
		return ""
	}
	switch ms[0].Kernel {
	case "sumsquares":
		return "n = " + thousands(ms[0].Size)
	case "blur":
		return strconv.Itoa(ms[0].Size) + " px images"
	}
	return ""
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func gomaxprocs(m lib.Measurement) int { return m.GOMAXPROCS }
func workers(m lib.Measurement) int    { return m.Workers }

// groupByConfig splits measurements into lines for a chart whose x axis is
// the number of tasks: by model, by worker count for pooled models, and by
// GOMAXPROCS if the result set varies it. Lines keep first-seen order and
// their points are sorted by task count.
func groupByConfig(ms []lib.Measurement) []group {
	// Lines split by GOMAXPROCS only where it is a knob: not a loop's,
	// singlethread's pinned 1, or CPython's.
	var knob []lib.Measurement
	for _, m := range ms {
		if m.VariesWithGOMAXPROCS() {
			knob = append(knob, m)
		}
	}
	varyProcs := distinct(knob, gomaxprocs) > 1
	// A model whose worker count always equals the task count starts one
	// worker per task, and its label says nothing more; any other model's
	// lines are split and labelled by worker count — also at the size
	// where a pool of 20 happens to serve 20 tasks.
	oneEach := map[string]bool{}
	for _, m := range ms {
		if _, ok := oneEach[m.Model]; !ok {
			oneEach[m.Model] = true
		}
		oneEach[m.Model] = oneEach[m.Model] && m.Workers == m.Tasks
	}
	var out []group
	index := map[string]int{}
	for _, m := range ms {
		w := m.PoolSize()
		if w == 0 && !oneEach[m.Model] && takesWorkers(m) {
			w = m.Workers // a limit that matched the task count at this size
		}
		p := 0
		if varyProcs && m.VariesWithGOMAXPROCS() {
			p = m.GOMAXPROCS
		}
		key := m.Model + "|" + strconv.Itoa(w) + "|" + strconv.Itoa(p)
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, group{model: m.Model, label: configLabel(m.Model, w, p)})
		}
		out[i].ms = append(out[i].ms, m)
	}
	for _, g := range out {
		sort.SliceStable(g.ms, func(a, b int) bool { return g.ms[a].Tasks < g.ms[b].Tasks })
	}
	return out
}

// takesWorkers reports whether the measured model takes a worker count (a
// pool, a limit), as a model this process does not know is assumed to.
func takesWorkers(m lib.Measurement) bool {
	d, ok := m.Descriptor()
	return !ok || d.UsesWorkers()
}

// configLabel names a line: "pool (20 workers)", "goroutines, GOMAXPROCS 1".
func configLabel(model string, workers, procs int) string {
	s := model
	if workers > 0 {
		s += fmt.Sprintf(" (%s)", plural(workers, "worker"))
	}
	if procs > 0 {
		s += fmt.Sprintf(", GOMAXPROCS %d", procs)
	}
	return s
}

// sizes lists the distinct task counts of ms, ascending.
func sizes(ms []lib.Measurement) []int {
	seen := map[int]bool{}
	var out []int
	for _, m := range ms {
		if !seen[m.Tasks] {
			seen[m.Tasks] = true
			out = append(out, m.Tasks)
		}
	}
	sort.Ints(out)
	return out
}

// runsCount describes how many runs each point summarises, for captions.
func runsCount(ms []lib.Measurement) string {
	lo, hi := -1, 0
	for _, m := range ms {
		n := len(m.RunsS)
		if lo < 0 || n < lo {
			lo = n
		}
		hi = max(hi, n)
	}
	if lo == hi {
		return plural(hi, "run")
	}
	return fmt.Sprintf("%d–%d runs", lo, hi)
}

// intList prints 10, 20, 30 as "10–30" and 20, 194 as "20, 194".
func intList(xs []int) string {
	if len(xs) == 0 {
		return ""
	}
	if len(xs) > 2 {
		return fmt.Sprintf("%d–%d", xs[0], xs[len(xs)-1])
	}
	s := strconv.Itoa(xs[0])
	for _, x := range xs[1:] {
		s += ", " + strconv.Itoa(x)
	}
	return s
}

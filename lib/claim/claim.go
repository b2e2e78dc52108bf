// Package claim turns a sentence about a measurement into a check over the
// run that made it. The tutorial never types a number about its own runs
// into prose: it states what should happen, and the run prints whether it
// did — ✔ held or ✘ did not hold on this machine — with the numbers that
// decided it.
//
//	rs := show.Experiment("staircase", full)
//	show.Verdict(claim.Faster("goroutines beat the loop at 50 requests",
//		rs.Lookup("goroutines", 50, 0), rs.Lookup("sequential", 50, 0)))
//
// "Faster" is never a comparison of two medians alone: it needs at least
// six runs on each side and a Mann–Whitney U test with p < 0.05
// (lib.Compare, which uses golang.org/x/perf/benchmath), and the verdict
// prints the effect size beside the p-value.
package claim

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

// A Verdict is the outcome of checking one claim against one run's
// results. Its JSON form is the application/json output a notebook shows
// under the figure the claim is about, which tools count.
type Verdict struct {
	Claim    string `json:"claim"`    // the sentence, as the reader sees it
	Held     bool   `json:"held"`     // whether the run bore it out
	Evidence string `json:"evidence"` // the numbers that decided it
}

// String is the verdict as one line of text: "✔ claim — evidence".
func (v Verdict) String() string {
	mark := "✔"
	if !v.Held {
		mark = "✘"
	}
	s := mark + " " + v.Claim
	if v.Evidence != "" {
		s += " — " + v.Evidence
	}
	return s
}

// Check is the general claim: held is the outcome of any test the caller
// made, and evidence says what it rested on.
func Check(claim string, held bool, evidence string) Verdict {
	return Verdict{Claim: claim, Held: held, Evidence: evidence}
}

// notMeasured is the verdict on a claim about a configuration the run did
// not measure: it cannot have held.
func notMeasured(claim string, ms ...*lib.Measurement) (Verdict, bool) {
	for _, m := range ms {
		if m == nil || len(m.RunsS) == 0 {
			return Verdict{Claim: claim, Evidence: "a configuration it needs was not measured in this run"}, true
		}
	}
	return Verdict{}, false
}

// Faster claims that fast runs faster than slow. It holds when fast's
// median is lower and the difference is significant: at least
// lib.MinRunsForSignificance runs each, Mann–Whitney U p < lib.Alpha.
// The evidence gives both medians with their 95% intervals, the ratio of
// the medians (the effect size) and the test.
func Faster(claim string, fast, slow *lib.Measurement) Verdict {
	if v, ok := notMeasured(claim, fast, slow); ok {
		return v
	}
	c := lib.Compare(*fast, *slow)
	held := c.Significant && c.Ratio > 1
	ev := fmt.Sprintf("%s %s vs %s %s: %s as fast (%s)", Label(fast), Median(fast), Label(slow), Median(slow), Times(c.Ratio), c)
	switch {
	case c.NA < lib.MinRunsForSignificance || c.NB < lib.MinRunsForSignificance:
		ev += fmt.Sprintf("; too few runs for a significant difference (%d needed each)", lib.MinRunsForSignificance)
	case !c.Significant:
		ev += "; the difference is not significant"
	}
	return Verdict{Claim: claim, Held: held, Evidence: ev}
}

// NotFaster claims that a is at most maxRatio times as fast as b: the
// ratio of medians, b over a, is at most maxRatio. It is the honest form
// of "no faster": a test of sameness cannot prove sameness, so the claim
// bounds the effect instead.
func NotFaster(claim string, a, b *lib.Measurement, maxRatio float64) Verdict {
	if v, ok := notMeasured(claim, a, b); ok {
		return v
	}
	r := b.CI().Median / a.CI().Median
	ev := fmt.Sprintf("%s %s vs %s %s: %s as fast (bound %s)", Label(a), Median(a), Label(b), Median(b), Times(r), Times(maxRatio))
	return Verdict{Claim: claim, Held: r <= maxRatio, Evidence: ev}
}

// Speedup claims that fast takes at most 1/factor of slow's time: the
// ratio of medians, slow over fast, is at least factor. It is the claim
// for effects so large that a few runs settle them, such as one delay
// against N delays; "faster" in general needs Faster's test.
func Speedup(claim string, fast, slow *lib.Measurement, factor float64) Verdict {
	if v, ok := notMeasured(claim, fast, slow); ok {
		return v
	}
	r := slow.CI().Median / fast.CI().Median
	ev := fmt.Sprintf("%s %s vs %s %s: %s (needed at least %s)", Label(fast), Median(fast), Label(slow), Median(slow), Times(r), Times(factor))
	return Verdict{Claim: claim, Held: r >= factor, Evidence: ev}
}

// Similar claims that a's median is within tol (a fraction) of b's, either
// way: "waiting needs no second core" is one goroutine per task under
// GOMAXPROCS=1 within a few percent of all cores.
func Similar(claim string, a, b *lib.Measurement, tol float64) Verdict {
	if v, ok := notMeasured(claim, a, b); ok {
		return v
	}
	r := a.CI().Median/b.CI().Median - 1
	ev := fmt.Sprintf("%s %s vs %s %s: %+.1f%% (tolerance ±%.0f%%)", Label(a), Median(a), Label(b), Median(b), 100*r, 100*tol)
	return Verdict{Claim: claim, Held: math.Abs(r) <= tol, Evidence: ev}
}

// InFlight claims that the server counted at least share (a fraction) of
// m's tasks in flight at the same instant during its median run: "all at
// once" measured, not inferred from the clock.
func InFlight(claim string, m *lib.Measurement, share float64) Verdict {
	if v, ok := notMeasured(claim, m); ok {
		return v
	}
	ev := fmt.Sprintf("%s: the server counted a peak of %d in flight (%.0f%%; needed %.0f%%)",
		Label(m), m.PeakInFlight, 100*float64(m.PeakInFlight)/float64(m.Tasks), 100*share)
	return Verdict{Claim: claim, Held: float64(m.PeakInFlight) >= share*float64(m.Tasks), Evidence: ev}
}

// CoresBusyAtMost claims that m's runs kept at most max cores busy: the
// median over its runs of processor time over wall time (Measurement.CoresBusy).
// A lock that lets one thread compute at a time, such as CPython's GIL,
// holds it near one on any machine, fast or slow, quiet or shared, where a
// ratio of wall times moves with whatever else the machine is doing.
func CoresBusyAtMost(claim string, m *lib.Measurement, max float64) Verdict {
	return coresBusy(claim, m, "at most", max, func(busy float64) bool { return busy <= max })
}

// CoresBusyAtLeast claims that m's runs kept at least min cores busy (see
// CoresBusyAtMost): work that escapes a lock, such as CPython's worker
// processes, each with an interpreter and a GIL of its own.
func CoresBusyAtLeast(claim string, m *lib.Measurement, min float64) Verdict {
	return coresBusy(claim, m, "at least", min, func(busy float64) bool { return busy >= min })
}

func coresBusy(claim string, m *lib.Measurement, bound string, limit float64, holds func(median float64) bool) Verdict {
	if v, ok := notMeasured(claim, m); ok {
		return v
	}
	if len(m.CoresBusy) == 0 {
		return Verdict{Claim: claim, Evidence: Label(m) + ": its processor time was not measured"}
	}
	st := lib.Summarize(m.CoresBusy)
	ev := fmt.Sprintf("%s: a median of %.2f cores busy, %.2f to %.2f over %d runs (processor time over wall time; %s %.2f); wall time %s",
		Label(m), st.Median, st.Min, st.Max, len(m.CoresBusy), bound, limit, Median(m))
	return Verdict{Claim: claim, Held: holds(st.Median), Evidence: ev}
}

// Near claims that m's median is within tol (a fraction: 0.05 for 5%) of
// want.
func Near(claim string, m *lib.Measurement, want time.Duration, tol float64) Verdict {
	if v, ok := notMeasured(claim, m); ok {
		return v
	}
	got := m.CI().Median
	dev := got/want.Seconds() - 1
	ev := fmt.Sprintf("%s %s, expected %s (%+.1f%%, tolerance ±%.0f%%)", Label(m), Median(m), lib.FormatSeconds(want.Seconds()), 100*dev, 100*tol)
	return Verdict{Claim: claim, Held: math.Abs(dev) <= tol, Evidence: ev}
}

// All claims that every one of vs held. The evidence lists each part,
// the ones that failed first.
func All(claim string, vs ...Verdict) Verdict {
	held := len(vs) > 0
	var failed, ok []string
	for _, v := range vs {
		if v.Held {
			ok = append(ok, v.Evidence)
		} else {
			held = false
			failed = append(failed, "✘ "+v.Evidence)
		}
	}
	if len(vs) == 0 {
		return Verdict{Claim: claim, Evidence: "nothing to check"}
	}
	return Verdict{Claim: claim, Held: held, Evidence: strings.Join(append(failed, ok...), "; ")}
}

// Label names a measurement in evidence: "pool:20 at 50 tasks",
// "goroutines at 20 tasks, GOMAXPROCS 2".
func Label(m *lib.Measurement) string {
	// A pool's size is part of its name; a worker per task (goroutines,
	// a thread per flag, asyncio without a limit) is not a pool.
	name := m.Config()
	s := fmt.Sprintf("%s at %d tasks", name, m.Tasks)
	if m.Tasks == 1 {
		s = name + " at 1 task"
	}
	// A loop runs the same whatever GOMAXPROCS, and is measured once; and
	// GOMAXPROCS is Go's: CPython's models (py-*) do not read it.
	if m.Workload == "cpu" && m.GOMAXPROCS > 0 && m.VariesWithGOMAXPROCS() {
		s += fmt.Sprintf(", GOMAXPROCS %d", m.GOMAXPROCS)
	}
	return s
}

// Median is a measurement's median with its 95% interval, as benchstat
// prints it: "101 ms ± 2%", or "101 ms (n=3)" when the runs are too few
// for an interval.
func Median(m *lib.Measurement) string { return m.CI().String() }

// Times formats a ratio as "2.01×".
func Times(r float64) string {
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

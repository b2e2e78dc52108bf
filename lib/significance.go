package lib

import (
	"fmt"
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// Confidence is the level of every confidence interval the tutorial
// prints: 95%, as benchstat uses.
const Confidence = 0.95

// MinRunsForSignificance is the fewest measured runs a configuration needs
// before a difference can be called significant: with fewer than six runs
// each, the Mann–Whitney U test cannot reach p < 0.05 however far apart the
// runs are, and the 95% interval of a median is unbounded.
const MinRunsForSignificance = 6

// Interval is a median with its confidence interval, in seconds, computed
// without assuming any distribution (benchmath.AssumeNothing, the
// statistics behind benchstat).
type Interval struct {
	Median, Lo, Hi float64
	// Bounded is false when there were too few runs for an interval at
	// the requested confidence: Lo and Hi are then infinite.
	Bounded bool
	N       int // the number of runs
}

// String is the median and its interval as benchstat prints them:
// "101 ms ± 2%", or "101 ms (n=3)" when the runs are too few for an
// interval at 95% (six are needed).
func (iv Interval) String() string {
	if iv.N == 0 {
		return "—"
	}
	if !iv.Bounded {
		return fmt.Sprintf("%s (n=%d)", FormatSeconds(iv.Median), iv.N)
	}
	return fmt.Sprintf("%s ± %.0f%%", FormatSeconds(iv.Median), 100*iv.PlusMinus())
}

// CI returns the median of the measured runs and its 95% confidence
// interval.
func (m Measurement) CI() Interval {
	if len(m.RunsS) == 0 {
		return Interval{}
	}
	s := benchmath.NewSample(slices.Clone(m.RunsS), &benchmath.DefaultThresholds)
	sum := benchmath.AssumeNothing.Summary(s, Confidence)
	return Interval{Median: sum.Center, Lo: sum.Lo, Hi: sum.Hi, N: len(m.RunsS),
		Bounded: !math.IsInf(sum.Lo, 0) && !math.IsInf(sum.Hi, 0)}
}

// PlusMinus is the interval's half-width as a fraction of the median, as
// benchstat prints it ("± 3%"); NaN when the interval is unbounded.
func (iv Interval) PlusMinus() float64 {
	if !iv.Bounded || iv.Median == 0 {
		return math.NaN()
	}
	return max(iv.Hi/iv.Median-1, 1-iv.Lo/iv.Median)
}

// Comparison says whether two configurations' run times differ, by the
// Mann–Whitney U test, and by how much.
type Comparison struct {
	// Ratio is median(B) / median(A): above 1 when A is faster.
	Ratio float64
	// P is the test's p-value: the chance of runs at least this far apart
	// if both configurations were equally fast.
	P float64
	// Significant is P < Alpha with at least MinRunsForSignificance runs
	// on each side.
	Significant bool
	NA, NB      int // runs on each side
}

// Alpha is the significance level of every comparison: 0.05.
const Alpha = 0.05

// Compare tests whether a and b come from the same distribution of run
// times (two-sided Mann–Whitney U test via benchmath).
func Compare(a, b Measurement) Comparison {
	c := Comparison{NA: len(a.RunsS), NB: len(b.RunsS), P: 1}
	if c.NA == 0 || c.NB == 0 {
		return c
	}
	th := benchmath.Thresholds{CompareAlpha: Alpha}
	sa := benchmath.NewSample(slices.Clone(a.RunsS), &th)
	sb := benchmath.NewSample(slices.Clone(b.RunsS), &th)
	res := benchmath.AssumeNothing.Compare(sa, sb)
	c.P = res.P
	ma, mb := a.CI().Median, b.CI().Median
	if ma > 0 {
		c.Ratio = mb / ma
	}
	c.Significant = c.P < Alpha && c.NA >= MinRunsForSignificance && c.NB >= MinRunsForSignificance
	return c
}

// String reads like benchstat's verdict: "p=0.002 n=6+6".
func (c Comparison) String() string {
	if c.NA == c.NB {
		return fmt.Sprintf("p=%.3f n=%d", c.P, c.NA)
	}
	return fmt.Sprintf("p=%.3f n=%d+%d", c.P, c.NA, c.NB)
}

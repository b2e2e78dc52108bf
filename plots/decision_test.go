package plots

import (
	"math"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

// pythonIOFixture imitates python-io: Go's goroutines and pool beside
// CPython's loop and threads, with no Go loop to compare Go's models with.
func pythonIOFixture() *lib.ResultSet {
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "python-io", Env: fixtureEnv}
	for _, n := range []int{10, 30, 50} {
		rs.Results = append(rs.Results,
			measurement("io", "slow", "goroutines", n, n, 2, 0.1, []float64{0.104, 0.105, 0.103}),
			measurement("io", "slow", "py-threads", n, 20, 2, 0.1, []float64{0.2, 0.21, 0.22}))
		if n <= 30 { // CPython's loop only up to 30 requests
			rs.Results = append(rs.Results, measurement("io", "slow", "py-sequential", n, 1, 2, 0.1, []float64{float64(n) * 0.1, float64(n) * 0.101}))
		}
	}
	return rs
}

func TestDecisions(t *testing.T) {
	find := func(ds []Decision, exp, model string) Decision {
		for _, d := range ds {
			if d.Experiment == exp && d.Model == model {
				return d
			}
		}
		t.Fatalf("no decision for %s in %s", model, exp)
		return Decision{}
	}
	ds := Decisions(staircaseFixture(), speedupFixture(), pythonIOFixture(), nil)
	tests := []struct {
		exp, model   string
		tasks, procs int
		lo, hi       float64 // the speedup's expected range; 0, 0: not measured
	}{
		{"staircase", "sequential", 50, 2, 1, 1},
		{"staircase", "goroutines", 50, 2, 30, 55},  // 50 delays in about one
		{"staircase", "pool", 50, 2, 12, 17},        // ⌈50/20⌉ = 3 steps
		{"speedup", "goroutines", 20, 2, 1.5, 2.05}, // the most cores the machine has, not p = 4
		{"speedup", "gil", 20, 2, 0.8, 1.2},
		{"python-io", "py-threads", 30, 2, 10, 16}, // the largest size with CPython's loop
		{"python-io", "goroutines", 50, 2, 0, 0},   // no Go loop in this set
	}
	for _, tc := range tests {
		d := find(ds, tc.exp, tc.model)
		if d.Tasks != tc.tasks || d.GOMAXPROCS != tc.procs {
			t.Errorf("%s %s compared at %d tasks, GOMAXPROCS %d; want %d, %d", tc.exp, tc.model, d.Tasks, d.GOMAXPROCS, tc.tasks, tc.procs)
		}
		if d.Speedup < tc.lo || d.Speedup > tc.hi {
			t.Errorf("%s %s speedup %.2f, want %.2f…%.2f", tc.exp, tc.model, d.Speedup, tc.lo, tc.hi)
		}
	}
}

func TestDecisionChart(t *testing.T) {
	f, err := DecisionChart(flagsFixture(), staircaseFixture(), speedupFixture(), pythonIOFixture())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"flags", "staircase", "speedup", "python-io"}
	if len(f.Series) != len(want) {
		t.Fatalf("columns %q, want %q", f.Series, want)
	}
	for i := range want {
		if f.Series[i] != want[i] {
			t.Errorf("column %d is %q, want %q", i, f.Series[i], want[i])
		}
	}
	p := f.Panels[0][0]
	rows := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	// Go's models first, from the loop down, then CPython's.
	if rows[0].Label != "sequential" || rows[len(rows)-1].Label != "py-threads" {
		t.Errorf("rows from %q to %q, want sequential … py-threads", rows[0].Label, rows[len(rows)-1].Label)
	}
	if _, err := Encode(f, "svg"); err != nil {
		t.Fatal(err)
	}
	if _, err := DecisionChart(); err == nil {
		t.Error("DecisionChart() drew an empty chart, want an error")
	}
	noBase := pythonIOFixture()
	noBase.Results = noBase.Results[:2]
	if _, err := DecisionChart(noBase); err == nil {
		t.Error("a set without any loop drew a chart, want an error")
	}
}

func TestSpeedupColor(t *testing.T) {
	lum := func(v float64) float64 {
		r, g, b := speedupColor(v)
		return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
	}
	if r, g, b := speedupColor(1); r != g || g != b {
		t.Errorf("1× is (%d,%d,%d), want a neutral grey", r, g, b)
	}
	if !(lum(30) < lum(3) && lum(3) < lum(1) && lum(0.25) < lum(0.8)) {
		t.Error("colours do not deepen with the distance from 1×")
	}
	if r, _, b := speedupColor(10); r >= b {
		t.Error("a speedup is not blue")
	}
	if r, _, b := speedupColor(0.5); r <= b {
		t.Error("a slowdown is not red")
	}
	if r, g, b := speedupColor(math.Inf(1)); r == 0 && g == 0 && b == 0 {
		t.Error("an infinite speedup is black")
	}
}

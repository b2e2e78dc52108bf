package claim_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/claim"
)

func runs(model string, xs ...float64) *lib.Measurement {
	st := lib.Summarize(xs)
	return &lib.Measurement{Workload: "io", Model: model, Tasks: 50, RunsS: xs, MedianS: st.Median}
}

func TestFaster(t *testing.T) {
	fast6 := runs("goroutines", 0.101, 0.102, 0.100, 0.103, 0.101, 0.102)
	slow6 := runs("sequential", 5.01, 5.02, 5.00, 5.03, 5.01, 5.02)
	overlap := runs("pool", 0.100, 0.104, 0.099, 0.102, 0.103, 0.101)
	fast3 := runs("goroutines", 0.101, 0.102, 0.100)
	tests := []struct {
		name       string
		fast, slow *lib.Measurement
		held       bool
		evidence   string
	}{
		{"significant", fast6, slow6, true, "p=0.002 n=6"},
		{"wrong way round", slow6, fast6, false, "0.02×"},
		{"overlapping runs", fast6, overlap, false, "not significant"},
		{"too few runs", fast3, slow6, false, "too few runs"},
		{"not measured", nil, slow6, false, "not measured"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := claim.Faster("x beats y", tt.fast, tt.slow)
			if v.Held != tt.held || !strings.Contains(v.Evidence, tt.evidence) {
				t.Errorf("held %v, evidence %q; want %v and %q", v.Held, v.Evidence, tt.held, tt.evidence)
			}
		})
	}
}

func TestNearAndNotFaster(t *testing.T) {
	m := runs("pool:20", 0.203, 0.204, 0.205, 0.203, 0.206, 0.204)
	if v := claim.Near("two steps", m, 200*time.Millisecond, 0.05); !v.Held || !strings.Contains(v.Evidence, "+2.0%") {
		t.Errorf("Near 5%%: %v", v)
	}
	if v := claim.Near("two steps", m, 200*time.Millisecond, 0.01); v.Held {
		t.Errorf("Near 1%% held: %v", v)
	}
	gil := runs("gil", 1.10, 1.12, 1.09)
	seq := runs("sequential", 1.20, 1.21, 1.19)
	if v := claim.NotFaster("no faster", gil, seq, 1.15); !v.Held {
		t.Errorf("1.09× within 1.15×: %v", v)
	}
	if v := claim.NotFaster("no faster", gil, seq, 1.05); v.Held {
		t.Errorf("1.09× within 1.05×: %v", v)
	}
	if v := claim.Speedup("ten times", runs("goroutines", 0.1, 0.1), runs("sequential", 1.2, 1.2), 10); !v.Held || !strings.Contains(v.Evidence, "12.0×") {
		t.Errorf("12× is at least 10×: %v", v)
	}
	if v := claim.Speedup("ten times", runs("goroutines", 0.2), runs("sequential", 1.2), 10); v.Held {
		t.Errorf("6× is not 10×: %v", v)
	}
}

func TestSimilarAndInFlight(t *testing.T) {
	a, b := runs("singlethread", 0.104, 0.105), runs("goroutines", 0.100, 0.101)
	if v := claim.Similar("same", a, b, 0.05); !v.Held {
		t.Errorf("4%% apart within 5%%: %v", v)
	}
	if v := claim.Similar("same", b, runs("x", 0.2), 0.05); v.Held {
		t.Errorf("half as long is not within 5%%: %v", v)
	}
	m := runs("goroutines", 0.2)
	m.PeakInFlight = 40
	if v := claim.InFlight("all at once", m, 1); v.Held || !strings.Contains(v.Evidence, "peak of 40") {
		t.Errorf("40 of 50 is not all: %v", v)
	}
	if v := claim.InFlight("most at once", m, 0.5); !v.Held {
		t.Errorf("40 of 50 is more than half: %v", v)
	}
}

// TestCoresBusy checks both bounds on cores busy: at most (the GIL's
// threads) and at least (processes, each with a lock of its own), whatever
// the wall times did.
func TestCoresBusy(t *testing.T) {
	busy := func(model string, workers int, xs ...float64) *lib.Measurement {
		m := runs(model, 0.45, 0.80, 0.46, 0.79, 0.45, 0.81) // a shared machine's two speeds
		m.Workload, m.Workers, m.GOMAXPROCS, m.CoresBusy = "cpu", workers, 2, xs
		return m
	}
	atMost := func(m *lib.Measurement) claim.Verdict { return claim.CoresBusyAtMost("one at a time", m, 1.15) }
	atLeast := func(m *lib.Measurement) claim.Verdict { return claim.CoresBusyAtLeast("escapes the lock", m, 1.5) }
	tests := []struct {
		name     string
		check    func(*lib.Measurement) claim.Verdict
		m        *lib.Measurement
		held     bool
		evidence string
	}{
		{"at most: one core busy, whatever the wall times", atMost, busy("py-threads", 2, 1.01, 0.99, 1.02, 1.00, 1.03, 1.00), true, "a median of 1.00 cores busy, 0.99 to 1.03 over 6 runs"},
		{"at most: two cores busy", atMost, busy("py-threads", 2, 1.9, 1.95, 1.97, 1.92, 1.96, 1.94), false, "a median of 1.94 cores busy"},
		{"at least: two cores busy, whatever the wall times", atLeast, busy("py-processes", 2, 1.88, 1.85, 1.89, 1.84, 1.86, 1.86), true,
			"py-processes:2 at 50 tasks: a median of 1.86 cores busy, 1.84 to 1.89 over 6 runs (processor time over wall time; at least 1.50)"},
		{"at least: one core busy", atLeast, busy("py-processes", 2, 1.01, 0.99, 1.02, 1.00, 1.03, 1.00), false, "a median of 1.00 cores busy"},
		{"processor time not measured", atMost, busy("py-threads", 2), false, "not measured"},
		{"not measured at all", atMost, nil, false, "not measured"},
		{"not measured at all, at least", atLeast, nil, false, "not measured"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.check(tt.m)
			if v.Held != tt.held || !strings.Contains(v.Evidence, tt.evidence) {
				t.Errorf("held %v, evidence %q; want %v and %q", v.Held, v.Evidence, tt.held, tt.evidence)
			}
			if tt.m != nil && strings.Contains(v.Evidence, "GOMAXPROCS") {
				t.Errorf("evidence about CPython names Go's GOMAXPROCS: %q", v.Evidence)
			}
		})
	}
}

func TestAll(t *testing.T) {
	yes, no := claim.Check("a", true, "fine"), claim.Check("b", false, "off")
	if v := claim.All("both", yes, yes); !v.Held {
		t.Error(v)
	}
	if v := claim.All("both", yes, no); v.Held || !strings.HasPrefix(v.Evidence, "✘ off") {
		t.Errorf("a failing part must fail the whole and come first: %v", v)
	}
	if v := claim.All("none"); v.Held {
		t.Error("an empty All cannot hold")
	}
}

func ExampleNear() {
	steps := &lib.Measurement{Model: "pool:20", Tasks: 50, RunsS: []float64{0.301, 0.302, 0.304, 0.303, 0.302, 0.305}}
	v := claim.Near("50 requests through 20 workers take three delays", steps, 300*time.Millisecond, 0.05)
	fmt.Println(v)
	// Output: ✔ 50 requests through 20 workers take three delays — pool:20 at 50 tasks 302 ms ± 1%, expected 300 ms (+0.8%, tolerance ±5%)
}

func TestParse(t *testing.T) {
	tests := []struct {
		raw  string
		ok   bool
		held bool
	}{
		{`{"claim":"c","held":true,"evidence":"e"}`, true, true},
		{`{"claim":"c","held":"false","evidence":"e"}`, true, false},
		{`{"claim":"c","held":"true"}`, true, true},
		{`{"claim":"c","held":"maybe"}`, false, false},
		{`{"claim":"c","held":"True"}`, true, true},
		{`{"claim":"c","held":"1"}`, false, false},
		{`"{\"claim\":\"c\",\"held\":true}"`, true, true}, // the document as a JSON string
		{`{"claim":"c"}`, false, false},
		{`{"held":true}`, false, false},
		{`[1,2]`, false, false},
		{`not json`, false, false},
	}
	for _, tt := range tests {
		v, ok := claim.Parse([]byte(tt.raw))
		if ok != tt.ok || v.Held != tt.held {
			t.Errorf("Parse(%s) = %v, %v; want held %v, ok %v", tt.raw, v, ok, tt.held, tt.ok)
		}
	}
}

package plots

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"

	"github.com/gomeasure/concurrency/lib"
)

// ladderFixture: a ladder shaped like a 2-core virtual machine's.
func ladderFixture() []lib.Latency {
	return []lib.Latency{
		{What: "add two numbers", NS: 0.3}, {What: "read memory in the L1 cache", NS: 1.2},
		{What: "read main memory (cache miss)", NS: 95}, {What: "make a system call (getppid)", NS: 240},
		{What: "HTTP request over loopback", NS: 62_000}, {What: "start a process and wait for it", NS: 1.4e6},
	}
}

func TestLatencyLadder(t *testing.T) {
	f, err := LatencyLadder(ladderFixture(), fixtureEnv)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0][0]
	if _, ok := p.X.Scale.(plot.LogScale); !ok {
		t.Errorf("x axis scale %T, want a log scale", p.X.Scale)
	}
	var rungs []string
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		rungs = append(rungs, tk.Label)
	}
	want := []string{"add two numbers", "read memory in the L1 cache", "read main memory (cache miss)",
		"make a system call (getppid)", "HTTP request over loopback", "start a process and wait for it"}
	if !slices.Equal(rungs, want) {
		t.Errorf("rungs %q, want %q", rungs, want)
	}
	// Every rung is inside the axis, with room right of the slowest.
	if !(p.X.Min < 0.3e-9 && p.X.Max > 1.4e-3*10) {
		t.Errorf("x axis %g…%g s does not hold 0.3 ns…1.4 ms with room for labels", p.X.Min, p.X.Max)
	}
	if _, err := Encode(f, "svg"); err != nil {
		t.Fatal(err)
	}
}

func TestLatencyLadderRefuses(t *testing.T) {
	zero := ladderFixture()
	zero[2].NS = 0
	nan := ladderFixture()
	nan[0].NS = math.NaN()
	for name, l := range map[string][]lib.Latency{"none": nil, "zero": zero, "NaN": nan} {
		if f, err := LatencyLadder(l, fixtureEnv); err == nil {
			t.Errorf("%s: drew %v, want an error", name, f)
		}
	}
}

func TestDecadeLabel(t *testing.T) {
	for _, c := range []struct {
		e    int
		want string
	}{{-10, "0.1 ns"}, {-9, "1 ns"}, {-8, "10 ns"}, {-7, "100 ns"}, {-6, "1 µs"}, {-4, "100 µs"}, {-3, "1 ms"}, {0, "1 s"}, {1, "10 s"}} {
		if got := decadeLabel(c.e); got != c.want {
			t.Errorf("decadeLabel(%d) = %q, want %q", c.e, got, c.want)
		}
	}
}

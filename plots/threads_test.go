package plots

import (
	"slices"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

// threadsFixture: parked goroutines share a handful of threads; each one
// blocked in the kernel holds its own.
func threadsFixture() []lib.ThreadCount {
	var out []lib.ThreadCount
	for _, n := range []int{10, 100, 1000} {
		out = append(out, lib.ThreadCount{Wait: lib.WaitNetwork, Goroutines: n, PeakThreads: 6, InFlight: n})
	}
	for _, n := range []int{10, 100, 1000} {
		out = append(out, lib.ThreadCount{Wait: lib.WaitSyscall, Goroutines: n, PeakThreads: n + 5})
	}
	return out
}

func TestThreadsFigure(t *testing.T) {
	tests := []struct {
		name   string
		counts []lib.ThreadCount
		series int
	}{
		{"both waits", threadsFixture(), 2},
		{"network only", threadsFixture()[:3], 1},
		{"syscall only", threadsFixture()[3:], 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ThreadsFigure(tc.counts, fixtureEnv)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Series) != tc.series {
				t.Errorf("series %q, want %d", f.Series, tc.series)
			}
			p := f.Panels[0][0]
			if p.Y.Max < 1005 {
				t.Errorf("y axis ends at %g, below the largest count", p.Y.Max)
			}
			if _, err := Encode(f, "svg"); err != nil {
				t.Fatal(err)
			}
		})
	}
	f, _ := ThreadsFigure(threadsFixture(), fixtureEnv)
	if !slices.Equal(f.Series, []string{waitStyles[lib.WaitNetwork].label, waitStyles[lib.WaitSyscall].label}) {
		t.Errorf("series %q: want the network first, then the system call", f.Series)
	}
}

func TestThreadsFigureRefuses(t *testing.T) {
	zero := threadsFixture()
	zero[1].PeakThreads = 0
	unknown := []lib.ThreadCount{{Wait: "sleep", Goroutines: 10, PeakThreads: 3}}
	for name, c := range map[string][]lib.ThreadCount{"none": nil, "zero threads": zero, "unknown wait": unknown} {
		if f, err := ThreadsFigure(c, fixtureEnv); err == nil {
			t.Errorf("%s: drew %v, want an error", name, f)
		}
	}
}

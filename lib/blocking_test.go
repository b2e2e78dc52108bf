package lib

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"
)

func TestCountThreads(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts threads through /proc")
	}
	// The runtime keeps every thread it started, so threads made by
	// earlier tests in this binary (or by a first -count round) would be
	// the peak of both waits: measure in a process of its own.
	if !testenv.IsChild(t) {
		if out, err := testenv.ChildCommand(t).CombinedOutput(); err != nil {
			t.Fatalf("in a fresh process: %v\n%s", err, out)
		}
		return
	}
	const n = 60
	// Each wait must outlast starting all n goroutines, or the first
	// sleepers' threads are free again before the last start: under CI's
	// race pass, 100 ms let 60 sleepers peak at 58 threads.
	counts, err := CountThreads(context.Background(), []int{5, n}, 500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 4 {
		t.Fatalf("%d counts, want 4 (two sizes, two waits): %+v", len(counts), counts)
	}
	byWait := map[string]ThreadCount{}
	for i, c := range counts {
		want := []string{WaitNetwork, WaitNetwork, WaitSyscall, WaitSyscall}[i]
		if c.Wait != want {
			t.Errorf("count %d waits %q, want %q (network first)", i, c.Wait, want)
		}
		if c.PeakThreads < 1 {
			t.Errorf("%+v: no threads counted", c)
		}
		if c.Wait == WaitNetwork && c.InFlight != c.Goroutines {
			t.Errorf("%+v: the server saw %d requests at once, want all %d", c, c.InFlight, c.Goroutines)
		}
		if c.Goroutines == n {
			byWait[c.Wait] = c
		}
	}
	// Each blocked goroutine holds a thread; parked ones share a few.
	if s := byWait[WaitSyscall].PeakThreads; s < n {
		t.Errorf("%d goroutines in nanosleep peaked at %d threads, want at least %d", n, s, n)
	}
	if net, s := byWait[WaitNetwork].PeakThreads, byWait[WaitSyscall].PeakThreads; net >= s {
		t.Errorf("network waits peaked at %d threads, not fewer than the blocking calls' %d", net, s)
	}
}

func TestCountThreadsRefuses(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts threads through /proc")
	}
	for _, sizes := range [][]int{{0}, {3, -1}} {
		if _, err := CountThreads(context.Background(), sizes, time.Millisecond); err == nil {
			t.Errorf("CountThreads(%v) = nil error, want one", sizes)
		}
	}
}

func ExampleCountThreads() {
	counts, err := CountThreads(context.Background(), []int{100}, 50*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	network, blocking := counts[0], counts[1]
	fmt.Printf("%d goroutines: the network wait needed fewer threads than the blocking call: %v\n",
		network.Goroutines, network.PeakThreads < blocking.PeakThreads)
	// Output: 100 goroutines: the network wait needed fewer threads than the blocking call: true
}

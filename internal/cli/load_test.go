package cli

import (
	"runtime"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

// TestBackToBackBenchesDoNotLeak runs `bench io` a hundred times in this
// process. Every run starts a server process, clients and workers; after
// the last one, no goroutine and no file descriptor may remain beyond what
// the first ten runs settled at.
func TestBackToBackBenchesDoNotLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("a hundred benches")
	}
	if _, err := lib.OpenFiles(0); err != nil {
		t.Skipf("needs Linux's /proc: %v", err)
	}
	bench := func() {
		t.Helper()
		code, _, stderr := run(t, "bench", "io", "--model", "sequential,goroutines,pool:3,processes:2", "--tasks", "4", "--delay", "1ms", "--repeat", "1")
		if code != ExitOK {
			t.Fatalf("bench io: exit %d: %s", code, stderr)
		}
	}
	// settled waits briefly for goroutines and sockets that are already on
	// their way out (a connection's reader goroutine, a process's pipes).
	settled := func(maxG, maxFD int) (int, int) {
		var g, fd int
		for deadline := time.Now().Add(2 * time.Second); ; {
			g = runtime.NumGoroutine()
			fd, _ = lib.OpenFiles(0)
			if (g <= maxG && fd <= maxFD) || time.Now().After(deadline) {
				return g, fd
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	const warm, total = 10, 100
	for range warm {
		bench()
	}
	g0, fd0 := settled(0, 0)
	for range total - warm {
		bench()
	}
	g1, fd1 := settled(g0, fd0)
	t.Logf("after %d runs: %d goroutines, %d open files; after %d: %d goroutines, %d open files", warm, g0, fd0, total, g1, fd1)
	if g1 > g0 || fd1 > fd0 {
		t.Errorf("grew over %d bench io runs: goroutines %d → %d, open files %d → %d", total-warm, g0, g1, fd0, fd1)
	}
}

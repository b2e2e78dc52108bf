// PeakThreads counts threads through /proc, and syscall.Nanosleep is
// Linux's: this test is Linux only.

package lib

import (
	"context"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"
	"github.com/gomeasure/concurrency/lib/flagserver"
)

// Goroutines stuck in a blocking system call each hold an OS thread;
// goroutines waiting on the network do not.
func TestPeakThreadsBlockingVsNetwork(t *testing.T) {
	// The runtime keeps the threads earlier tests made it start (chapter
	// 1's CountThreads starts hundreds), so the count only means something
	// in a process of its own.
	if !testenv.IsChild(t) {
		if out, err := testenv.ChildCommand(t).CombinedOutput(); err != nil {
			t.Fatalf("in a fresh process: %v\n%s", err, out)
		}
		return
	}
	srv := startServer(t, flagserver.Config{Delay: 200 * time.Millisecond})
	c := NewHTTPClient(50)
	defer c.CloseIdleConnections()
	network, err := PeakThreads(func() { Goroutines().Run(context.Background(), SlowTasks(c, srv.URL, 50)) })
	if err != nil {
		t.Fatal(err)
	}
	blocking, _ := PeakThreads(func() {
		var wg sync.WaitGroup
		for range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ts := syscall.Timespec{Nsec: 200e6}
				syscall.Nanosleep(&ts, nil) // blocks the OS thread, not just the goroutine
			}()
		}
		wg.Wait()
	})
	if blocking < 50 || network >= blocking {
		t.Errorf("peak threads: network %d, blocking syscalls %d; want blocking >= 50 > network", network, blocking)
	}
}

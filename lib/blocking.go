package lib

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// The two ways a goroutine can wait, as ThreadCount.Wait names them.
const (
	// WaitNetwork: the goroutine waits for a server's answer on a socket.
	// The runtime parks it and hands the socket to the network poller
	// (epoll on Linux), so the wait holds no OS thread.
	WaitNetwork = "network"
	// WaitSyscall: the goroutine waits inside a system call that blocks
	// the OS thread it runs on (nanosleep), as a blocking read of a file or
	// a C library call does. The runtime must start another thread to keep
	// running Go code, so each such wait holds a thread of its own.
	WaitSyscall = "syscall"
)

// ThreadCount is how many OS threads the process had at most while a
// number of goroutines all waited at once in one way.
type ThreadCount struct {
	Wait        string `json:"wait"` // WaitNetwork or WaitSyscall
	Goroutines  int    `json:"goroutines"`
	PeakThreads int    `json:"peak_threads"`
	// InFlight is the most requests the server counted at once during a
	// network wait: proof that the goroutines really waited together.
	InFlight int `json:"in_flight,omitempty"`
}

// CountThreads counts the OS threads a Go process needs while n
// goroutines wait for d at once, for each n in sizes: first on the
// network (one goroutine per request to an embedded server that answers
// after d, over connections opened beforehand), then in a blocking system
// call. The network waits go first
// because the runtime keeps the threads a blocking call made it start:
// measured after them, the network's count would include theirs. It needs
// Linux, where /proc says how many threads a process has.
func CountThreads(ctx context.Context, sizes []int, d time.Duration) ([]ThreadCount, error) {
	if OSThreads() < 0 {
		return nil, fmt.Errorf("counting threads needs /proc/self/status (Linux)")
	}
	srv, err := flagserver.Start(flagserver.Config{Delay: d})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	var out []ThreadCount
	for _, n := range sizes {
		if n < 1 {
			return nil, fmt.Errorf("count threads: %d goroutines", n)
		}
		// A first round opens the n connections and keeps them idle, so
		// the counted round only waits: connecting a thousand sockets at
		// once takes long enough that the first answers would come back
		// before the last requests left.
		client := NewHTTPClient(n)
		rep := Goroutines().Run(ctx, SlowTasks(client, srv.URL, n))
		err := rep.Err()
		var peak int
		if err == nil {
			srv.ResetPeak()
			peak, err = PeakThreads(func() { rep = Goroutines().Run(ctx, SlowTasks(client, srv.URL, n)) })
		}
		client.CloseIdleConnections()
		if err == nil {
			err = rep.Err()
		}
		if err != nil {
			return out, fmt.Errorf("count threads, %d network waits: %w", n, err)
		}
		out = append(out, ThreadCount{Wait: WaitNetwork, Goroutines: n, PeakThreads: peak, InFlight: int(srv.PeakInFlight())})
	}
	for _, n := range sizes {
		var errs []error
		var mu sync.Mutex
		peak, err := PeakThreads(func() {
			var wg sync.WaitGroup
			for range n {
				wg.Go(func() {
					if err := blockingSleep(d); err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
					}
				})
			}
			wg.Wait()
		})
		if err == nil && len(errs) > 0 {
			err = errs[0]
		}
		if err != nil {
			return out, fmt.Errorf("count threads, %d blocking waits: %w", n, err)
		}
		out = append(out, ThreadCount{Wait: WaitSyscall, Goroutines: n, PeakThreads: peak})
	}
	return out, nil
}

package lib

import (
	"fmt"
	"sync/atomic"
	"time"
)

// OSThreads returns how many OS threads this process has now, from
// /proc/self/status, or -1 where that file does not exist (not Linux).
func OSThreads() int {
	n, err := statusField("self", "Threads")
	if err != nil {
		return -1
	}
	return int(n)
}

// PeakThreads runs fn and returns the largest number of OS threads the
// process had while fn ran, sampled every millisecond. It shows the
// difference between waiting in the runtime's network poller (goroutines
// park, a few threads serve them all) and waiting in a blocking system
// call (each waiting goroutine holds a thread of its own).
func PeakThreads(fn func()) (int, error) {
	if OSThreads() < 0 {
		return 0, fmt.Errorf("counting threads needs /proc/self/status (Linux)")
	}
	var peak atomic.Int64
	peak.Store(int64(OSThreads()))
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if n := int64(OSThreads()); n > peak.Load() {
				peak.Store(n)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return int(peak.Load()), nil
}

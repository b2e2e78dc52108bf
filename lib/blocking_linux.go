package lib

import (
	"fmt"
	"syscall"
	"time"
)

// blockingSleep sleeps in the nanosleep system call, which holds the
// calling OS thread for the whole wait; time.Sleep, by contrast, parks
// only the goroutine.
func blockingSleep(d time.Duration) error {
	ts := syscall.NsecToTimespec(d.Nanoseconds())
	for {
		err := syscall.Nanosleep(&ts, &ts) // on EINTR, ts holds what is left
		if err != syscall.EINTR {
			if err != nil {
				return fmt.Errorf("nanosleep %v: %w", d, err)
			}
			return nil
		}
	}
}

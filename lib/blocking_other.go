//go:build !linux

package lib

import (
	"fmt"
	"runtime"
	"time"
)

// blockingSleep is a blocking system call on Linux only; CountThreads
// needs Linux anyway to count threads.
func blockingSleep(d time.Duration) error {
	return fmt.Errorf("a blocking sleep of %v: not implemented on %s", d, runtime.GOOS)
}

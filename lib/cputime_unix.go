//go:build unix

package lib

import (
	"syscall"
	"time"
)

// ProcessCPUTime is the processor time this process has used so far, user
// and system, summed over its threads; -1 where it cannot be read.
func ProcessCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

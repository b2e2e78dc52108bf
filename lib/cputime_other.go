//go:build !unix

package lib

import "time"

// ProcessCPUTime is the processor time this process has used so far; it
// is -1 on this system, where getrusage does not exist.
func ProcessCPUTime() time.Duration { return -1 }

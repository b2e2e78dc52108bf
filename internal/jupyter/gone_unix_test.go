//go:build unix

package jupyter

import (
	"errors"
	"syscall"
)

// gone reports whether no process with this pid exists any more.
func gone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

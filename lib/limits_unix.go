//go:build unix

package lib

import "syscall"

// OpenFileLimit is how many file descriptors this process may open (the
// soft RLIMIT_NOFILE): every connection needs one. 0 if it is unknown.
func OpenFileLimit() uint64 {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0
	}
	return lim.Cur
}

//go:build !unix

package lib

// OpenFileLimit is how many file descriptors this process may open: 0,
// unknown, where there is no RLIMIT_NOFILE.
func OpenFileLimit() uint64 { return 0 }

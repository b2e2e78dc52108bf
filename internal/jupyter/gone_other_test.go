//go:build !unix

package jupyter

import "os"

// gone reports whether no process with this pid exists any more: outside
// Unix, finding a process opens it, which fails once it has exited.
func gone(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	p.Release()
	return false
}

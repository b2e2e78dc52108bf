package python

import "syscall"

// groupAttr puts python3 in its own process group, which killGroup ends
// with its pool's workers, and has the kernel kill it if we die first.
func groupAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

package lib

import "syscall"

// workerProcAttr makes the kernel kill a worker when its parent dies, so a
// crashed or killed bench never leaves orphan workers behind.
func workerProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

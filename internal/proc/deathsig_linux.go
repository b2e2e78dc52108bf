package proc

import (
	"os/exec"
	"syscall"
)

// DieWithParent makes the kernel kill cmd's process when this process dies
// (the parent-death signal, SIGKILL), so a crashed or killed parent leaves no
// orphan behind. Call it before cmd.Start.
func DieWithParent(cmd *exec.Cmd) {
	attr(cmd).Pdeathsig = syscall.SIGKILL
}

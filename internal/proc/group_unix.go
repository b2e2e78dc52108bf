//go:build unix

package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// NewGroup starts cmd's process in a process group of its own, so that
// KillGroup ends it and every program it started. Call it before cmd.Start.
func NewGroup(cmd *exec.Cmd) {
	attr(cmd).Setpgid = true
}

// KillGroup sends SIGKILL to the process group p leads (see NewGroup): the
// process and everything it started. A group that is already gone is not
// an error.
func KillGroup(p *os.Process) error {
	// kill(-1) would signal every process we may signal, and -0 our own group.
	if p.Pid <= 1 {
		return fmt.Errorf("kill process group %d: not a child's group", p.Pid)
	}
	err := syscall.Kill(-p.Pid, syscall.SIGKILL)
	if err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("kill process group %d: %w", p.Pid, err)
	}
	return nil
}

// attr returns cmd's SysProcAttr, creating it when it is nil.
func attr(cmd *exec.Cmd) *syscall.SysProcAttr {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	return cmd.SysProcAttr
}

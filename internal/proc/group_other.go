//go:build !unix

package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// NewGroup does nothing where there are no Unix process groups: KillGroup
// then ends the process alone.
func NewGroup(cmd *exec.Cmd) {}

// KillGroup kills p; without process groups, the programs it started are
// left to notice that their input closed. A process that has already
// finished is not an error.
func KillGroup(p *os.Process) error {
	if err := p.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("kill process %d: %w", p.Pid, err)
	}
	return nil
}

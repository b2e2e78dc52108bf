//go:build !linux

package proc

import "os/exec"

// DieWithParent does nothing outside Linux, which alone has a parent-death
// signal: there a child ends when its input pipe closes, which happens when
// the parent exits.
func DieWithParent(cmd *exec.Cmd) {}

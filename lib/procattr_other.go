//go:build !linux

package lib

import "syscall"

// workerProcAttr returns nil: outside Linux a worker ends when its input
// pipe closes, which happens when the parent exits.
func workerProcAttr() *syscall.SysProcAttr { return nil }

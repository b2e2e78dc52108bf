//go:build unix

package proc

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestKillGroupEndsTheProcessAndItsChildren starts a shell that starts a
// sleep and waits for it: killing the shell alone would leave the sleep
// holding the output pipe open, and Wait would not return.
func TestKillGroupEndsTheProcessAndItsChildren(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 60 & wait")
	DieWithParent(cmd)
	NewGroup(cmd)
	var out Tail
	cmd.Stdout = &out // a pipe the sleep inherits
	if err := cmd.Start(); err != nil {
		t.Skipf("no sh: %v", err)
	}
	time.Sleep(100 * time.Millisecond) // let the shell start the sleep
	if err := KillGroup(cmd.Process); err != nil {
		t.Fatalf("KillGroup: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the group survived KillGroup: Wait did not return")
	}
	if err := KillGroup(cmd.Process); err != nil {
		t.Errorf("KillGroup of a group already gone = %v, want nil", err)
	}
}

// KillGroup refuses the pids whose negation means "every process" (-1) or
// "my own group" (0), rather than signal them.
func TestKillGroupRefusesSpecialPids(t *testing.T) {
	for _, pid := range []int{0, 1} {
		if err := KillGroup(&os.Process{Pid: pid}); err == nil {
			t.Errorf("KillGroup(pid %d) = nil, want a refusal", pid)
		}
	}
}

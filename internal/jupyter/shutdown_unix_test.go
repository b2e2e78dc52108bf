//go:build unix

package jupyter

import (
	"os/exec"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/proc"
)

// Kill ends a kernel's whole process group and reports success; Close
// after it returns what the first shutdown returned. A sleeping shell
// stands in for GoNB, so the test needs no kernel.
func TestKillEndsTheGroupAndCloseRepeatsItsAnswer(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 60 & wait")
	proc.NewGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Skipf("no sh: %v", err)
	}
	k := &Kernel{cmd: cmd, died: make(chan struct{})}
	go func() {
		k.exitErr = cmd.Wait()
		close(k.died)
	}()
	start := time.Now()
	if err := k.Kill(); err != nil {
		t.Errorf("Kill = %v, want nil", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Kill waited %v: it should not wait for a grace period", took)
	}
	if !gone(cmd.Process.Pid) {
		t.Errorf("process %d still running after Kill", cmd.Process.Pid)
	}
	if err := k.Close(); err != nil {
		t.Errorf("Close after Kill = %v, want the first answer, nil", err)
	}
}

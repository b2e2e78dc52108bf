//go:build unix

package cli

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"
)

// The first Ctrl-C cancels the command's context; the second ends the
// program at once, even when its clean-up hangs, instead of being swallowed.
func TestSecondInterruptEndsTheProgram(t *testing.T) {
	if testenv.IsChild(t) { // a command whose clean-up hangs after the first Ctrl-C
		ctx, stop := interruptContext()
		defer stop()
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		<-ctx.Done()
		time.Sleep(100 * time.Millisecond) // let the context hand the signal back
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		time.Sleep(10 * time.Second) // a clean-up that hangs
		os.Exit(0)
	}
	cmd := testenv.ChildCommand(t)
	start := time.Now()
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("err = %v, want the program killed by SIGINT", err)
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("exit %v, want death by SIGINT", ee)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the second Ctrl-C took %v to end the program", took)
	}
}

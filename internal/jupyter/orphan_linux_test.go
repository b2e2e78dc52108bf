package jupyter

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"
)

// A runner killed with SIGKILL — no chance to close anything — leaves no
// kernel behind: the kernel gets the parent-death signal.
func TestKilledRunnerLeavesNoKernel(t *testing.T) {
	if testenv.IsChild(t) { // a runner that starts a kernel and is then killed
		opt, err := FindKernel()
		if err != nil {
			os.Exit(3)
		}
		opt.Dir = os.TempDir()
		k, err := StartKernel(context.Background(), opt)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(k.Pid())
		time.Sleep(time.Hour) // until the test kills us
	}
	gonb(t) // skips without GoNB
	runner := testenv.ChildCommand(t)
	out, err := runner.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(); err != nil {
		t.Fatal(err)
	}
	defer runner.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	pid, perr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || perr != nil {
		t.Fatalf("the runner did not start a kernel: %q %v", line, err)
	}
	runner.Process.Kill()
	runner.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for !gone(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("kernel %d still running 10 s after its runner was killed", pid)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

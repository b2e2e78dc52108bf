package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestProcessesWithEnvFindsOnlyMarkedChildren(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("needs /proc")
	}
	mark := fmt.Sprintf("TESTENV_MARK=%d", time.Now().UnixNano())
	marked := exec.Command("sleep", "30")
	marked.Env = append(os.Environ(), mark)
	other := exec.Command("sleep", "30")
	other.Env = append(os.Environ(), mark+"0") // a longer value is another mark
	for _, c := range []*exec.Cmd{marked, other} {
		if err := c.Start(); err != nil {
			t.Skipf("cannot start sleep: %v", err)
		}
		defer c.Wait()
		defer c.Process.Kill()
	}
	found := ProcessesWithEnv(mark)
	if len(found) != 1 || !strings.HasPrefix(found[0], fmt.Sprint(marked.Process.Pid)+" sleep 30") {
		t.Fatalf("ProcessesWithEnv = %q, want only pid %d", found, marked.Process.Pid)
	}
	marked.Process.Kill()
	marked.Wait()
	if found := ProcessesWithEnv(mark); len(found) != 0 {
		t.Errorf("after the kill: %q, want none", found)
	}
}

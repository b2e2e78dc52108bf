package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary compiles the command once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "concurrency")
	cmd := exec.Command("go", "build", "-o", bin, "../..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// processesOf lists live processes running the given executable.
func processesOf(exe string) []string {
	var pids []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && target == exe {
			stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
			if !strings.Contains(string(stat), ") Z ") { // zombies are already dead
				pids = append(pids, e.Name())
			}
		}
	}
	return pids
}

// Ctrl-C during a bench stops it within a second, prints what finished,
// exits 130 and leaves no server or worker process behind.
func TestInterruptStopsPromptlyWithoutOrphans(t *testing.T) {
	if _, err := os.Stat("/proc/self/exe"); err != nil {
		t.Skip("needs /proc to look for orphans")
	}
	bin := buildBinary(t)
	for _, args := range [][]string{
		// A server process and slow requests: the first configuration
		// finishes, the second is interrupted.
		{"bench", "io", "--kernel", "slow", "--model", "goroutines,sequential", "--tasks", "20", "--delay", "200ms", "--repeat", "2"},
		// Worker processes busy with long sums.
		{"bench", "cpu", "--model", "processes", "--workers", "2", "--size", "4000000000", "--tasks", "4", "--repeat", "1"},
	} {
		t.Run(args[1], func(t *testing.T) {
			cmd := exec.Command(bin, args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.Dir = t.TempDir()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(2500 * time.Millisecond)
			if len(processesOf(bin)) < 2 {
				t.Logf("children not seen yet: %v", processesOf(bin))
			}
			sent := time.Now()
			cmd.Process.Signal(syscall.SIGINT)
			err := cmd.Wait()
			took := time.Since(sent)
			code := -1
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != ExitCanceled {
				t.Errorf("exit status %d, want %d; stderr %q", code, ExitCanceled, stderr.String())
			}
			if took > time.Second {
				t.Errorf("stopped %v after SIGINT, want within 1 s", took)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr %q does not say it was interrupted", stderr.String())
			}
			time.Sleep(200 * time.Millisecond) // let the kernel reap
			if left := processesOf(bin); len(left) > 0 {
				t.Errorf("processes left behind: %v", left)
			}
			if entries, _ := os.ReadDir(cmd.Dir); len(entries) != 0 {
				t.Errorf("files left in the working directory: %v", entries)
			}
		})
	}
}

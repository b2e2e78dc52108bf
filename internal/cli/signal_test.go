//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/gomeasure/concurrency/internal/jupyter"
	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/python"
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

// Ctrl-C during bench, plots or notebooks run stops the command within a
// second, says what finished, exits 130, leaves no process or temporary
// file behind and no earlier result or figure changed.
func TestInterruptStopsPromptlyWithoutOrphans(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("needs /proc to look for orphans")
	}
	bin := buildBinary(t)
	root, _ := filepath.Abs("../..")
	cases := []struct {
		name string
		args []string
		wait time.Duration
		skip func() error
	}{
		// A server process and slow requests: the first configuration
		// finishes, the second is interrupted.
		{"bench-io", []string{"bench", "io", "--kernel", "slow", "--model", "goroutines,sequential", "--tasks", "20", "--delay", "200ms", "--repeat", "2"}, 2500 * time.Millisecond, nil},
		// Worker processes busy with long sums.
		{"bench-processes", []string{"bench", "cpu", "--model", "processes", "--workers", "2", "--size", "4000000000", "--tasks", "4", "--repeat", "1"}, 2500 * time.Millisecond, nil},
		// python3 and its process pool.
		{"bench-python", []string{"bench", "cpu", "--model", "py-processes:2", "--size", "200000000", "--tasks", "4", "--repeat", "1"}, 2500 * time.Millisecond,
			func() error { return python.Usable(t.Context(), []string{"py-processes"}, "cpu") }},
		// The first experiment is saved, the second interrupted.
		{"plots", []string{"plots", "--only", "primes,staircase", "--quick"}, 6 * time.Second, nil},
		// The GoNB kernel and a compiled cell running an experiment.
		{"notebooks", []string{"notebooks", "run", "03-io-bound"}, 8 * time.Second,
			func() error { _, err := jupyter.FindKernel(); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != nil {
				testenv.Need(t, tc.skip())
			}
			work := t.TempDir()
			results, figures, out := filepath.Join(work, "results"), filepath.Join(work, "figures"), filepath.Join(work, "out")
			for _, d := range []string{results, figures, out} {
				os.Mkdir(d, 0o755)
			}
			// Earlier results and figures that an interrupted run must not touch.
			earlier := map[string][]byte{
				filepath.Join(results, "staircase.json"):       []byte(`{"schema":1,"experiment":"staircase","results":[]}`),
				filepath.Join(figures, "staircase-timing.svg"): []byte("<svg/>"),
			}
			for p, b := range earlier {
				os.WriteFile(p, b, 0o644)
			}
			chapter, _ := os.ReadFile(filepath.Join(root, "notebooks", "03-io-bound.ipynb"))

			args := tc.args
			switch args[0] {
			case "plots":
				args = append(args, "--results", results, "--out", figures)
			case "notebooks":
				args = append(args, "--out", out)
			}
			cmd := exec.Command(bin, args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.Dir = root
			mark := fmt.Sprintf("GOMEASURE_TEST_MARK=%s-%d", tc.name, time.Now().UnixNano())
			cmd.Env = append(os.Environ(), mark, lib.ResultsEnv+"="+results)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(tc.wait)
			if len(testenv.ProcessesWithEnv(mark)) < 2 {
				t.Logf("children not seen yet: %v", testenv.ProcessesWithEnv(mark))
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
			time.Sleep(300 * time.Millisecond) // let the kernel reap
			if left := testenv.ProcessesWithEnv(mark); len(left) > 0 {
				t.Errorf("processes left behind: %q", left)
				for _, l := range left {
					if pid, err := strconv.Atoi(strings.Fields(l)[0]); err == nil {
						syscall.Kill(pid, syscall.SIGKILL)
					}
				}
			}
			for p, b := range earlier {
				if got, _ := os.ReadFile(p); !bytes.Equal(got, b) {
					t.Errorf("%s changed by the interrupted run", filepath.Base(p))
				}
			}
			if now, _ := os.ReadFile(filepath.Join(root, "notebooks", "03-io-bound.ipynb")); !bytes.Equal(now, chapter) {
				t.Errorf("the chapter's notebook file changed")
			}
			filepath.WalkDir(work, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && earlier[p] == nil && !isFinishedResult(p) {
					t.Errorf("file left behind: %s", p)
				}
				return nil
			})
			t.Logf("stderr: %s", strings.TrimSpace(stderr.String()))
		})
	}
}

// isFinishedResult: an experiment that finished before the interrupt is
// saved, whole.
func isFinishedResult(p string) bool {
	if filepath.Ext(p) != ".json" || strings.HasPrefix(filepath.Base(p), ".") {
		return false
	}
	_, err := lib.LoadResults(p)
	return err == nil
}

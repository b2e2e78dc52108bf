package python

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/flagserver"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// needPython skips a test without a python3 that imports the tutorial's
// modules, and fails it on CI, whose .ci/run installs them.
func needPython(t *testing.T) *Interpreter {
	t.Helper()
	in, err := FindInterpreter()
	if err == nil {
		err = errors.Join(in.Check("py-threads", "io"), in.Check("py-asyncio", "io"))
	}
	testenv.Need(t, err)
	return in
}

func TestCounterparts(t *testing.T) {
	tests := []struct {
		models   []string
		workload string
		want     []string
	}{
		{[]string{"sequential"}, "cpu", []string{"py-sequential"}},
		{[]string{"goroutines"}, "io", []string{"py-threads", "py-asyncio"}},
		{[]string{"goroutines"}, "cpu", []string{"py-threads"}},
		{[]string{"pool:10", "processes:4"}, "io", []string{"py-threads:10", "py-processes:4"}},
		{[]string{"gil", "goroutines", "py-threads"}, "cpu", nil},
		{[]string{"singlethread"}, "cpu", nil},
		{[]string{"sequential:1"}, "cpu", []string{"py-sequential"}},
	}
	for _, tt := range tests {
		if got := Counterparts(tt.models, tt.workload); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Counterparts(%v, %s) = %v, want %v", tt.models, tt.workload, got, tt.want)
		}
	}
}

func TestCheckSaysWhatToInstall(t *testing.T) {
	in := &Interpreter{Path: "/opt/python3", Version: "3.12.0", Missing: []string{"aiohttp"}}
	if err := in.Check("py-threads", "io"); err != nil {
		t.Errorf("py-threads needs requests only, got %v", err)
	}
	if err := in.Check("py-asyncio", "cpu"); err != nil {
		t.Errorf("CPU work needs no module, got %v", err)
	}
	err := in.Check("py-asyncio", "io")
	if err == nil || !strings.Contains(err.Error(), "apt-get install python3-aiohttp") || strings.Contains(err.Error(), "\n") {
		t.Errorf("py-asyncio without aiohttp: %v, want one line naming python3-aiohttp", err)
	}
}

// TestProbeStopsWithContext: an interpreter that never answers its probe
// (here a script that sleeps, as a slow shim might) is abandoned when the
// context ends, and the interrupted probe is not remembered as the answer.
func TestProbeStopsWithContext(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a shell script as the interpreter")
	}
	slow := filepath.Join(t.TempDir(), "python3")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nsleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(PathEnv, slow)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := FindInterpreterContext(ctx)
	// A loose bound: the probe's own timeout is 20 s, the script sleeps 60.
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("FindInterpreterContext = %v after %v, want the context's deadline, long before the probe's own", err, time.Since(start))
	}
	findMu.Lock()
	_, cached := found[slow]
	findMu.Unlock()
	if cached {
		t.Error("an interrupted probe was remembered as the answer")
	}
}

func TestUnknownInterpreter(t *testing.T) {
	in, err := find(t.Context()) // not FindInterpreter: its answer is cached for the process
	if err != nil || in == nil {
		t.Skip("no python3 here")
	}
	t.Setenv(PathEnv, "/nonexistent/python3")
	if _, err := find(t.Context()); err == nil || !strings.Contains(err.Error(), "/nonexistent/python3") {
		t.Errorf("find with %s=/nonexistent/python3: %v, want an error naming it", PathEnv, err)
	}
}

// TestSameAnswersAsGo runs the CPU kinds under every Python model and
// compares each value with Go's.
func TestSameAnswersAsGo(t *testing.T) {
	needPython(t)
	tasks := append(lib.SumSquaresTasks(3, 1000), lib.PrimeTasks(6)...)
	want := lib.Sequential().Run(context.Background(), tasks)
	for _, model := range []string{"py-sequential", "py-threads", "py-processes", "py-asyncio"} {
		r, err := New(model, 2)
		if err != nil {
			t.Fatal(err)
		}
		rep := r.Run(context.Background(), tasks)
		if len(rep.Results) != len(tasks) {
			t.Fatalf("%s: %d results for %d tasks", model, len(rep.Results), len(tasks))
		}
		for i, res := range rep.Results {
			if res.Err != nil {
				t.Errorf("%s task %s: %v", model, res.Name, res.Err)
				continue
			}
			if res.Value != want.Results[i].Value {
				t.Errorf("%s task %s = %v, Go says %v", model, res.Name, res.Value, want.Results[i].Value)
			}
			if res.Start.Before(rep.Start) || res.End.After(rep.End) || res.End.Before(res.Start) {
				t.Errorf("%s task %s ran %v..%v, outside the run %v..%v", model, res.Name, res.Start, res.End, rep.Start, rep.End)
			}
			if res.Worker < 0 || res.Worker >= 2 && model != "py-asyncio" {
				t.Errorf("%s task %s: worker %d, want 0 or 1 with 2 workers", model, res.Name, res.Worker)
			}
		}
	}
}

// TestProcessorTime: every Python model reports python3's processor time.
// In one process the GIL keeps it near one core's worth of the wall time;
// a process pool's includes its workers', without which it would be a
// small fraction of the loop's, since the pool's own process only hands
// out tasks.
func TestProcessorTime(t *testing.T) {
	needPython(t)
	tasks := lib.SumSquaresTasks(4, 3_000_000) // about 0.1 s each: the work outweighs a pool's start-up
	var loop time.Duration
	for _, model := range []string{"py-sequential", "py-threads", "py-processes"} {
		r, err := New(model, 2)
		if err != nil {
			t.Fatal(err)
		}
		rep := r.Run(context.Background(), tasks)
		if err := rep.Err(); err != nil {
			t.Fatalf("%s: %v", model, err)
		}
		if model == "py-sequential" {
			loop = rep.CPU
		}
		if model == "py-processes" {
			// Processor time does not depend on how busy the machine is,
			// so this bound holds on a shared one too.
			if rep.CPU < loop*9/10 {
				t.Errorf("%s reports %v of processor time, under 90%% of the loop's %v: its workers' time is missing", model, rep.CPU, loop)
			}
			continue
		}
		// Above zero and below two cores' worth: a loose bound, because
		// the claims, not this test, judge how close to one it is.
		if busy := rep.CPU.Seconds() / rep.Wall().Seconds(); rep.CPU <= 0 || busy > 2 {
			t.Errorf("%s: processor time %v over wall %v = %.2f cores busy, want between 0 and 2", model, rep.CPU, rep.Wall(), busy)
		}
	}
}

// TestFaultsCountedExactly: with every 4th request answered 500, every
// Python model returns one result per task and exactly the failed ones
// carry an error.
func TestFaultsCountedExactly(t *testing.T) {
	needPython(t)
	for _, model := range Models {
		t.Run(model, func(t *testing.T) {
			srv, err := flagserver.Start(flagserver.Config{FailEvery: 4})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			c := lib.NewHTTPClient(4)
			defer c.CloseIdleConnections()
			dir := t.TempDir()
			tasks := lib.FlagTasks(c, srv.URL, dir, 20)
			r, err := New(model, 4)
			if err != nil {
				t.Fatal(err)
			}
			rep := r.Run(context.Background(), tasks)
			if got := rep.Errors(); got != 5 {
				t.Errorf("%d failed tasks, want 5 (every 4th of 20); first: %v", got, rep.Err())
			}
			for _, res := range rep.Results {
				if res.Err == nil {
					if _, err := os.Stat(dir + "/" + res.Name + ".gif"); err != nil {
						t.Errorf("task %s succeeded but saved nothing: %v", res.Name, err)
					}
				} else if !strings.Contains(res.Err.Error(), "500") {
					t.Errorf("task %s: %v, want the server's 500", res.Name, res.Err)
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					t.Errorf("temporary file left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestCancelEndsPython: cancelling a run kills python3 and its pool's
// worker processes within a second, and every task still gets a result.
func TestCancelEndsPython(t *testing.T) {
	needPython(t)
	// Processes started from here inherit this mark in their environment,
	// which tells them apart from other tests' python3 running meanwhile.
	mark := fmt.Sprintf("GOMEASURE_TEST_MARK=%d-%d", os.Getpid(), time.Now().UnixNano())
	k, v, _ := strings.Cut(mark, "=")
	t.Setenv(k, v)
	r, err := New("py-processes", 2)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	rep := r.Run(ctx, lib.SumSquaresTasks(40, 20_000_000)) // minutes of Python work
	if took := time.Since(start); took > 2500*time.Millisecond {
		t.Errorf("cancelled run returned after %v", took)
	}
	for _, res := range rep.Results {
		if res.Err == nil {
			t.Fatalf("task %s finished in a cancelled run", res.Name)
		}
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc to look for orphans in")
	}
	for _, p := range testenv.ProcessesWithEnv(mark) {
		t.Errorf("process left running: %s", p)
		if pid, err := strconv.Atoi(strings.Fields(p)[0]); err == nil {
			if orphan, err := os.FindProcess(pid); err == nil {
				orphan.Kill()
			}
		}
	}
}

func TestUnsupportedKind(t *testing.T) {
	needPython(t)
	r, err := New("py-sequential", 0)
	if err != nil {
		t.Fatal(err)
	}
	rep := r.Run(context.Background(), lib.BlurTasks(1, 64))
	if err := rep.Err(); err == nil || !strings.Contains(err.Error(), `kind "blur" has no Python version`) {
		t.Errorf("blur under py-sequential: %v, want a clear refusal", err)
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

func TestBenchTraceWritesTraceAndFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("measures and traces a CPU run")
	}
	dir := filepath.Join(t.TempDir(), "out")
	code, _, stderr := run(t, "bench", "cpu", "--model", "goroutines", "--parallelism", "1,2",
		"--tasks", "3", "--size", "1000000", "--repeat", "1", "--trace", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range []int{1, 2} {
		m := lib.Measurement{Model: "goroutines", Tasks: 3, Workers: 3, GOMAXPROCS: p}
		jsonPath, rawPath := lib.TraceFiles(dir, lib.TraceName("cpu", m))
		tr, err := lib.LoadTrace(jsonPath)
		if err != nil {
			t.Fatal(err)
		}
		if tr.GOMAXPROCS != p || len(tr.Tasks) != 3 {
			t.Errorf("%s: GOMAXPROCS %d, %d tasks", jsonPath, tr.GOMAXPROCS, len(tr.Tasks))
		}
		if st, err := os.Stat(rawPath); err != nil || st.Size() == 0 {
			t.Errorf("raw trace %s: %v", rawPath, err)
		}
	}
	for _, ext := range []string{"svg", "png"} {
		if _, err := os.Stat(filepath.Join(dir, "cpu-trace."+ext)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stderr, "go tool trace") {
		t.Errorf("stderr does not say how to open the trace:\n%s", stderr)
	}
}

func TestBenchTraceRefusesMemory(t *testing.T) {
	code, _, stderr := run(t, "bench", "memory", "--tasks", "10", "--trace", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "--trace: only io and cpu") {
		t.Errorf("exit %d, stderr %q; want 2 and a one-line reason", code, stderr)
	}
}

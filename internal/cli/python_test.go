package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/gomeasure/concurrency/lib/python"
)

// TestBenchWithPython runs a tiny I/O and CPU bench with --with-python:
// the Python counterparts land in the same table and JSON as the Go
// models, and the environment names the interpreter. Without a python3
// that imports requests and aiohttp it is skipped, except on CI.
func TestBenchWithPython(t *testing.T) {
	testenv.Need(t, python.Usable(t.Context(), []string{"py-threads", "py-asyncio"}, "io"))
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"io", "--kernel", "slow", "--delay", "20ms", "--tasks", "6", "--model", "goroutines,pool:3"},
			[]string{"goroutines", "pool", "py-threads", "py-asyncio"}},
		{[]string{"cpu", "--size", "20000", "--tasks", "4", "--model", "sequential,goroutines,processes"},
			[]string{"sequential", "goroutines", "processes", "py-sequential", "py-threads", "py-processes"}},
	} {
		args := append([]string{"bench"}, tt.args...)
		args = append(args, "--with-python", "--repeat", "1", "--json")
		code, stdout, stderr := run(t, args...)
		if code != ExitOK {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
		var doc struct {
			Env struct {
				Python *struct {
					Version string `json:"version"`
				} `json:"python"`
			} `json:"env"`
			Results []struct {
				Model  string `json:"model"`
				Tasks  int    `json:"tasks"`
				Errors int    `json:"errors"`
			} `json:"results"`
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if doc.Env.Python == nil || !strings.HasPrefix(doc.Env.Python.Version, "3.") {
			t.Errorf("%q: env.python = %+v, want the interpreter's version", args, doc.Env.Python)
		}
		got := map[string]bool{}
		for _, r := range doc.Results {
			got[r.Model] = true
			if r.Errors != 0 {
				t.Errorf("%q: %s had %d errors", args, r.Model, r.Errors)
			}
		}
		for _, m := range tt.want {
			if !got[m] {
				t.Errorf("%q: no results for %s (got %v)", args, m, got)
			}
		}
	}
}

// Without a usable python3, the Python models are skipped with one line
// and the Go models still run.
func TestBenchWithPythonMissing(t *testing.T) {
	t.Setenv(python.PathEnv, "/nonexistent/python3")
	code, stdout, stderr := run(t, "bench", "cpu", "--size", "1000", "--tasks", "2", "--model", "sequential", "--with-python", "--repeat", "1")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "sequential") || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "skipping py-sequential") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
}

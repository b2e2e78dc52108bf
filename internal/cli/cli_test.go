package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// run calls the CLI as `go run .` would and returns its exit status and
// output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBadInputIsOneLineAndExitTwo(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"nonsense"}, `unknown command "nonsense"`},
		{[]string{"bench", "gpu"}, `unknown experiment "gpu"`},
		{[]string{"bench", "io", "--model", "threads"}, `unknown model "threads"`},
		{[]string{"bench", "io", "--model", "pool:x"}, `workers must be`},
		{[]string{"bench", "io", "--tasks", "0"}, `--tasks: "0"`},
		{[]string{"bench", "io", "--tasks", "10,,20"}, `--tasks: ""`},
		{[]string{"bench", "io", "--workers", "-3"}, `--workers: -3`},
		{[]string{"bench", "io", "--delay", "soon"}, `"soon" is not a duration`},
		{[]string{"bench", "io", "--delay", "-1s"}, `"-1s" is negative`},
		{[]string{"bench", "io", "--repeat", "0"}, `--repeat`},
		{[]string{"bench", "io", "--kernel", "ftp"}, `unknown io kernel "ftp"`},
		{[]string{"bench", "cpu", "--kernel", "flags"}, `unknown cpu kernel "flags"`},
		{[]string{"bench", "io", "--target", "ftp://127.0.0.1"}, `is not an http:// URL`},
		{[]string{"bench", "io", "--target", "http://192.0.2.1:8999"}, `not a loopback address`},
		{[]string{"bench", "io", "--target", "http://127.0.0.1:1"}, `unreachable`},
		{[]string{"bench", "cpu", "--target", "http://127.0.0.1:1"}, `only applies to io`},
		{[]string{"bench", "io", "--frobnicate"}, `flag provided but not defined`},
		{[]string{"flagserver", "--addr", "0.0.0.0:8999"}, `not a loopback address`},
		{[]string{"flagserver", "--fail-rate", "2"}, `between 0 and 1`},
		{[]string{"flagserver", "--tail", "1.5"}, `tail fraction 1.5 must be between 0 and 1`},
		{[]string{"flagserver", "--stall-every", "5s"}, `give both or neither`},
		{[]string{"plots", "--from", "/no/such/dir"}, `/no/such/dir`},
		{[]string{"plots", "--only", "nope"}, `unknown experiment "nope"`},
		{[]string{"build", "extra"}, `unexpected argument "extra"`},
		{[]string{"bench", "io", "extra"}, `unexpected argument "extra"`},
		{[]string{"site", "--notebooks", "x", "y"}, `unexpected argument "y"`},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != ExitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %q)", tt.args, code, ExitUsage, stderr)
		}
		if !strings.Contains(stderr, tt.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: stderr %q, want one line containing %q", tt.args, stderr, tt.want)
		}
	}
}

func TestBenchJSON(t *testing.T) {
	code, stdout, stderr := run(t, "bench", "io", "--model", "sequential,pool:4", "--tasks", "3,5", "--delay", "1ms", "--repeat", "2", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Env     map[string]any   `json:"env"`
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if doc.Env["num_cpu"] == nil || doc.Env["go_version"] == nil || len(doc.Results) != 4 {
		t.Fatalf("env %v, %d results", doc.Env, len(doc.Results))
	}
	for _, key := range []string{"workload", "model", "tasks", "workers", "gomaxprocs", "runs_s", "min_s", "median_s", "mean_s", "max_s", "errors"} {
		if _, ok := doc.Results[0][key]; !ok {
			t.Errorf("result has no %q: %v", key, doc.Results[0])
		}
	}
	if stderr != "" {
		t.Errorf("stderr should be silent with --json, got %q", stderr)
	}
}

// A run whose tasks fail still prints its results, names the errors and
// exits with status 1.
func TestBenchWithFailuresExitsOne(t *testing.T) {
	srv, err := flagserver.Start(flagserver.Config{FailEvery: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	code, stdout, stderr := run(t, "bench", "io", "--target", srv.URL, "--kernel", "slow", "--model", "sequential", "--tasks", "9", "--repeat", "1")
	if code != ExitFailed {
		t.Fatalf("exit %d, want %d; stderr %q", code, ExitFailed, stderr)
	}
	if !strings.Contains(stdout, "sequential") || !strings.Contains(stderr, "500 Internal Server Error") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
}

func TestBenchSaveAndPlotsFrom(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, "bench", "primes", "--quick", "--repeat", "1", "--save", filepath.Join(dir, "primes.json"))
	if code != ExitOK {
		t.Fatalf("bench: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "figs")
	code, stdout, stderr := run(t, "plots", "--from", dir, "--out", out)
	if code != ExitOK {
		t.Fatalf("plots: exit %d: %s", code, stderr)
	}
	for _, ext := range []string{".svg", ".png"} {
		if _, err := os.Stat(filepath.Join(out, "speedup-primes"+ext)); err != nil {
			t.Errorf("plots wrote no speedup-primes%s: %v (stdout %q)", ext, err, stdout)
		}
	}
	// A malformed results file is named, exit 2, and no figure is touched.
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte("{not json"), 0o644)
	code, _, stderr = run(t, "plots", "--from", dir, "--out", out)
	if code != ExitUsage || !strings.Contains(stderr, "broken.json") {
		t.Errorf("malformed results: exit %d, stderr %q", code, stderr)
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, stdout, _ := run(t, "help")
	if code != ExitOK {
		t.Fatal(code)
	}
	for name := range commands {
		if !strings.Contains(stdout, name) {
			t.Errorf("help does not list %q", name)
		}
	}
}

package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

// A trial `plots --out DIR` keeps its results under DIR: the published
// results folder is left as it was.
func TestPlotsOutKeepsResultsUnderIt(t *testing.T) {
	if testing.Short() {
		t.Skip("measures an experiment")
	}
	published := t.TempDir()
	t.Setenv(lib.ResultsEnv, published)
	out := filepath.Join(t.TempDir(), "trial")
	code, stdout, stderr := run(t, "plots", "--only", "memory", "--quick", "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(lib.ResultsFile(filepath.Join(out, "results"), "memory")); err != nil {
		t.Errorf("no results under --out: %v", err)
	}
	if entries, _ := os.ReadDir(published); len(entries) != 0 {
		t.Errorf("plots --out wrote to the published results: %v", entries)
	}
}

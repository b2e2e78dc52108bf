package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

func TestBenchCompare(t *testing.T) {
	set := func(a, b []float64) *lib.ResultSet {
		return &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "x", Results: []lib.Measurement{
			{Workload: "io", Model: "pool", Workers: 20, Tasks: 50, RunsS: a},
			{Workload: "io", Model: "goroutines", Workers: 50, Tasks: 50, RunsS: b},
		}}
	}
	fast := []float64{0.10, 0.101, 0.102, 0.1, 0.103, 0.101}
	slow := []float64{0.30, 0.301, 0.302, 0.3, 0.303, 0.301}
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	if err := set(slow, fast).Save(oldPath); err != nil {
		t.Fatal(err)
	}
	if err := set(fast, slow).Save(newPath); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := runCompare([]string{oldPath, newPath}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-66.4%", "+198.0%", "p=0.002 n=6", "second faster, now first faster", "1 conclusion flipped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if err := runCompare([]string{oldPath}, &out); err == nil {
		t.Error("one argument was accepted")
	}
	if err := runCompare([]string{oldPath, filepath.Join(dir, "missing.json")}, &out); err == nil {
		t.Error("a missing file was accepted")
	}
}

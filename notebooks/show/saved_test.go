package show

import (
	"github.com/gomeasure/concurrency/lib/claim"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

func timedSet(name string, ms ...lib.Measurement) *lib.ResultSet {
	return &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: name, Results: ms}
}

func timed(model string, tasks, workers int, runs ...float64) lib.Measurement {
	st := lib.Summarize(runs)
	return lib.Measurement{Workload: "io", Model: model, Tasks: tasks, Workers: workers, GOMAXPROCS: 2,
		RunsS: runs, MinS: st.Min, MedianS: st.Median, MeanS: st.Mean, MaxS: st.Max}
}

func TestSavedSets(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(lib.ResultsEnv, dir)
	if err := timedSet("staircase", timed("sequential", 10, 1, 1, 1.01)).Save(filepath.Join(dir, "staircase.json")); err != nil {
		t.Fatal(err)
	}
	var sets Sets
	out := capture(t, func() { sets = SavedSets("staircase", "loadtest", "speedup") })
	if sets["staircase"] == nil || sets["loadtest"] != nil {
		t.Fatalf("sets %v: want staircase only", sets)
	}
	if !strings.Contains(out, "`loadtest`, `speedup`") || strings.Contains(out, "`staircase`") {
		t.Errorf("note %q: want the two missing sets named, not the saved one", out)
	}
	if got := sets.In("loadtest", "staircase"); len(got) != 1 || got[0].Experiment != "staircase" {
		t.Errorf("In = %v, want the staircase alone", got)
	}
	// A missing set's lookups find nothing, and the claims say so.
	v := claim.Speedup("x", sets["loadtest"].Lookup("goroutines", 10, 0), sets["staircase"].Lookup("sequential", 10, 0), 2)
	if v.Held || !strings.Contains(v.Evidence, "not measured") {
		t.Errorf("a claim on a missing set: %+v", v)
	}
	quiet := capture(t, func() { SavedSets("staircase") })
	if quiet != "" {
		t.Errorf("all saved, yet the note %q", quiet)
	}
	os.Remove(filepath.Join(dir, "staircase.json"))
}

func TestMaxTasks(t *testing.T) {
	rs := timedSet("staircase", timed("sequential", 10, 1, 1), timed("sequential", 30, 1, 3),
		timed("pool", 50, 20, 0.3), timed("pool", 40, 10, 0.4))
	tests := []struct {
		model string
		want  int
	}{{"sequential", 30}, {"pool", 50}, {"pool:10", 40}, {"goroutines", 0}}
	for _, tc := range tests {
		if got := MaxTasks(rs, tc.model); got != tc.want {
			t.Errorf("MaxTasks(%s) = %d, want %d", tc.model, got, tc.want)
		}
	}
	if MaxTasks(nil, "pool") != 0 {
		t.Error("MaxTasks(nil) is not 0")
	}
}

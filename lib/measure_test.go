package lib

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

func TestSummarizeAndPercentile(t *testing.T) {
	st := Summarize([]float64{3, 1, 2, 4})
	if st.Min != 1 || st.Max != 4 || st.Median != 2.5 || st.Mean != 2.5 || math.Abs(st.StdDev-1.290994) > 1e-6 {
		t.Errorf("Summarize = %+v", st)
	}
	if st := Summarize([]float64{5}); st.Median != 5 || st.StdDev != 0 {
		t.Errorf("one value: %+v", st)
	}
	if st := Summarize(nil); st != (Stats{}) {
		t.Errorf("empty: %+v", st)
	}
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, tt := range []struct{ p, want float64 }{{0, 1}, {50, 5.5}, {90, 9.1}, {100, 10}} {
		if got := Percentile(xs, tt.p); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Percentile(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("Percentile of nothing should be NaN")
	}
	if i := medianIndex([]float64{5, 1, 3}); i != 2 {
		t.Errorf("medianIndex = %d, want 2", i)
	}
}

func TestExperimentGrid(t *testing.T) {
	e := Experiment{Name: "x", Workload: "cpu", Kernel: "sumsquares", Repeat: 1,
		Models: []string{"sequential", "goroutines", "pool:3", "gil"}, Sizes: []int{4}, Parallelism: []int{1, 2}}
	grid, err := e.grid()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range grid {
		got = append(got, c.model.String()+"/"+strconv.Itoa(c.workers)+"/"+strconv.Itoa(c.gomaxprocs))
	}
	want := "sequential/0/0 goroutines/0/1 goroutines/0/2 pool:3/3/1 pool:3/3/2 gil/1/1 gil/2/2"
	if strings.Join(got, " ") != want {
		t.Errorf("grid = %s\nwant   %s", strings.Join(got, " "), want)
	}
	// Without parallelism: pools default to the workload's size, the gil to
	// a thread per task.
	e = Experiment{Name: "y", Workload: "io", Kernel: "slow", Repeat: 1, Models: []string{"pool", "gil", "gil:4"}, Sizes: []int{30}}
	grid, _ = e.grid()
	got = nil
	for _, c := range grid {
		got = append(got, c.model.String()+"/"+strconv.Itoa(c.workers))
	}
	if want := "pool/20 gil/0 gil:4/4"; strings.Join(got, " ") != want {
		t.Errorf("grid = %s, want %s", strings.Join(got, " "), want)
	}
}

func TestMeasurementRecordsKernelSize(t *testing.T) {
	for _, tt := range []struct {
		kernel string
		size   int
		want   int
	}{
		{"sumsquares", 1000, 1000},
		{"sumsquares", 0, SumSquaresBase},
		{"blur", 32, 32},
		{"blur", 0, 1024},
		{"primes", 0, 0},
	} {
		if got := (Experiment{Kernel: tt.kernel, Size: tt.size}).kernelSize(); got != tt.want {
			t.Errorf("%s with size %d runs at %d, want %d", tt.kernel, tt.size, got, tt.want)
		}
	}
	e := Experiment{Name: "x", Workload: "cpu", Kernel: "blur", Size: 32, Repeat: 1, Models: []string{"sequential"}, Sizes: []int{1}}
	rs, err := e.Run(context.Background(), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rs.Results[0].Size; got != 32 {
		t.Errorf("the measurement records size %d, want 32", got)
	}
}

func TestQuickChanges(t *testing.T) {
	for _, tt := range []struct {
		e    Experiment
		want string
	}{
		{Experiment{Workload: "io", Delay: 200 * time.Millisecond, Repeat: 10, QuickScale: 40}, "server delay 5ms instead of 200ms, 6 runs instead of 10"},
		{Experiment{Workload: "io", Delay: 100 * time.Millisecond, Jitter: 50 * time.Millisecond, Repeat: 3, QuickScale: 2}, "server delay 50ms instead of 100ms, jitter 25ms instead of 50ms"},
		{Experiment{Workload: "cpu", Size: 1024, Repeat: 8, QuickScale: 4}, "size 256 instead of 1024, 6 runs instead of 8"},
		{Experiment{Workload: "cpu", Size: 1024, Repeat: 3, QuickScale: 1}, ""},
	} {
		if got := tt.e.QuickChanges(); got != tt.want {
			t.Errorf("QuickChanges(%v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestExperimentRunMeasuresEveryConfiguration(t *testing.T) {
	e := Experiment{Name: "tiny", Workload: "io", Kernel: "flags", Models: []string{"sequential", "pool:4"},
		Sizes: []int{3, 6}, Delay: time.Millisecond, Repeat: 3, Timeline: true}
	var progress []int
	rs, err := e.Run(context.Background(), RunOptions{Progress: func(done, total int) {
		progress = append(progress, done)
		if total != 16 {
			t.Errorf("total = %d, want 4 configurations × 4 runs", total)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Results) != 4 || len(progress) != 16 {
		t.Fatalf("%d measurements, %d progress calls", len(rs.Results), len(progress))
	}
	for _, m := range rs.Results {
		if len(m.RunsS) != 3 || m.MinS > m.MedianS || m.MedianS > m.MaxS || m.Errors != 0 {
			t.Errorf("%s/%d: %+v", m.Model, m.Tasks, m)
		}
		if len(m.Timeline) != m.Tasks || m.DelayS != 0.001 {
			t.Errorf("%s/%d: %d spans, delay %v", m.Model, m.Tasks, len(m.Timeline), m.DelayS)
		}
	}
	if rs.Env.NumCPU == 0 || rs.Env.GoVersion == "" || rs.Schema != ResultsSchema {
		t.Errorf("env %+v schema %d", rs.Env, rs.Schema)
	}
}

func TestExperimentRunCountsErrors(t *testing.T) {
	srv := startServer(t, flagserver.Config{FailEvery: 2})
	e := Experiment{Name: "faults", Workload: "io", Kernel: "slow", Models: []string{"sequential"}, Sizes: []int{10}, Repeat: 1}
	rs, err := e.Run(context.Background(), RunOptions{Target: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if m := rs.Results[0]; m.Errors != 5 || len(m.ErrorSamples) == 0 {
		t.Errorf("errors = %d, samples %q; want 5 of 10", m.Errors, m.ErrorSamples)
	}
}

// TestExperimentRunStopsOnCancel cancels an experiment in the middle of
// its first measured run, when 30 runs of about a second each remain, and
// expects it back within 10 s of the cancel: far sooner than running on,
// and loose enough for a loaded machine under the race detector. The
// cancel is timed from the warm-up's end, not from the start, so a slow
// start (the flag server's process) cannot land it before measuring began.
func TestExperimentRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := Experiment{Name: "c", Workload: "io", Kernel: "slow", Models: []string{"sequential"}, Sizes: []int{5}, Delay: 200 * time.Millisecond, Repeat: 30}
	var cancelledAt atomic.Int64
	var once sync.Once
	progress := func(done, total int) {
		once.Do(func() {
			time.AfterFunc(300*time.Millisecond, func() { // a request or two into the run
				cancelledAt.Store(time.Now().UnixNano())
				cancel()
			})
		})
	}
	_, err := e.Run(ctx, RunOptions{Progress: progress})
	after := time.Since(time.Unix(0, cancelledAt.Load()))
	if !errors.Is(err, context.Canceled) || cancelledAt.Load() == 0 || after > 10*time.Second {
		t.Errorf("err = %v, %v after the cancel", err, after)
	}
}

func TestResultsSaveLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	rs := &ResultSet{Schema: ResultsSchema, Experiment: "x", Env: CurrentEnv(),
		Results: []Measurement{{Workload: "cpu", Model: "gil", Tasks: 2, RunsS: []float64{1, 2}}}}
	if err := rs.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadResults(path)
	if err != nil || back.Results[0].Model != "gil" || len(back.Find("gil")) != 1 || back.Models()[0] != "gil" {
		t.Fatalf("LoadResults = %+v, %v", back, err)
	}
	var csv bytes.Buffer
	if err := rs.WriteCSV(&csv); err != nil || !strings.Contains(csv.String(), "x,cpu,,gil,2") {
		t.Errorf("CSV = %q, %v", csv.String(), err)
	}
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644)
	os.WriteFile(filepath.Join(dir, "old.json"), []byte(`{"schema": 0}`), 0o644)
	for _, tt := range []struct{ file, want string }{
		{"missing.json", "missing.json"},
		{"bad.json", "bad.json: malformed"},
		{"old.json", "old.json: schema 0"},
	} {
		if _, err := LoadResults(filepath.Join(dir, tt.file)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadResults(%s) = %v, want %q", tt.file, err, tt.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("files in dir: %d, want 3 (no temp files)", len(entries))
	}
}

func TestGoroutineMemory(t *testing.T) {
	m := GoroutineMemory(10000)
	// A parked goroutine needs at least its 2 KiB stack, and far less than
	// an OS thread's megabytes.
	if m.Goroutines != 10000 || m.BytesPerGoroutine < 1024 || m.BytesPerGoroutine > 64<<10 {
		t.Errorf("GoroutineMemory = %+v", m)
	}
}

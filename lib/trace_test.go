package lib

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

	xtrace "golang.org/x/exp/trace"
)

// spinTask computes for d of wall time, offering the emulated GIL a switch
// point now and then, like the CPU kernels.
func spinTask(name string, d time.Duration) Task {
	return FuncTask(name, func(ctx context.Context, t *Thread) (any, error) {
		x, start := uint64(1), time.Now()
		for i := 0; time.Since(start) < d; i++ {
			for range 1000 {
				x = x*6364136223846793005 + 1442695040888963407
			}
			t.Tick()
		}
		return x, nil
	})
}

// tracedAt runs two 40 ms spinning tasks traced under r at procs Ps.
func tracedAt(t *testing.T, r Runner, procs int) *Trace {
	t.Helper()
	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	tasks := []Task{spinTask("a", 40*time.Millisecond), spinTask("b", 40*time.Millisecond)}
	rep, tr, err := RunTraced(context.Background(), r, tasks)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Err() != nil {
		t.Fatal(rep.Err())
	}
	if got := len(tr.Raw); got == 0 {
		t.Fatal("no raw trace kept")
	}
	return tr
}

func TestTracedSlicesOverlapOnlyWithTwoPs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs traced CPU work")
	}
	one := tracedAt(t, Goroutines(), 1)
	o := one.Overlap()
	if o.Two != 0 || o.MaxRuns != 1 {
		t.Errorf("GOMAXPROCS 1: two tasks ran at once for %v (at most %d at once), want never", o.Two, o.MaxRuns)
	}
	seen := map[int]bool{}
	for _, s := range one.TaskSlices(StateRunning) {
		seen[s.Task] = true
		if s.P != 0 {
			t.Errorf("GOMAXPROCS 1: slice on P %d", s.P)
		}
	}
	if len(seen) != 2 {
		t.Errorf("GOMAXPROCS 1: slices of tasks %v, want both", seen)
	}
	if one.Lefts()[LeftPreempted] == 0 {
		t.Errorf("GOMAXPROCS 1: no slice was preempted, though each task outlasts the 10 ms quantum: %v", one.Lefts())
	}
	two := tracedAt(t, Goroutines(), 2)
	if o := two.Overlap(); o.Two <= 0 || o.MaxRuns != 2 {
		t.Errorf("GOMAXPROCS 2: two tasks at once for %v (at most %d at once), want some", o.Two, o.MaxRuns)
	}
	gil := tracedAt(t, GIL(2, SwitchInterval), 2)
	for _, tr := range []*Trace{one, two, gil} {
		t.Log(tr.Summary(), tr.Lefts())
	}
	if o := gil.Overlap(); o.TwoFraction() > 0.5 {
		t.Errorf("emulated GIL at GOMAXPROCS 2: two tasks computed at once for %.0f%% of the run", 100*o.TwoFraction())
	}
	if len(gil.Holds) == 0 {
		t.Error("emulated GIL: no lock holds in the trace")
	}
	if o := gil.ComputingOverlap(); o.Two != 0 {
		t.Errorf("emulated GIL: two tasks computed at once, holding the lock, for %v", o.Two)
	}
	if gil.Lefts()[LeftSync] == 0 {
		t.Errorf("emulated GIL: no slice ended waiting for the lock: %v", gil.Lefts())
	}
}

func TestTracedRunnerKeepsLastTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs traced work")
	}
	tr := Traced(Sequential())
	if _, err := tr.Last(); err == nil {
		t.Error("Last before any run: want an error")
	}
	rep := tr.Run(context.Background(), []Task{spinTask("a", time.Millisecond)})
	got, err := tr.Last()
	if err != nil || rep.Err() != nil {
		t.Fatal(err, rep.Err())
	}
	if got.Model != "sequential" || len(got.Tasks) != 1 || len(got.TaskSlices(StateRunning)) == 0 {
		t.Errorf("trace: model %q, tasks %v, %d running slices", got.Model, got.Tasks, len(got.TaskSlices(StateRunning)))
	}
}

func TestSaveAndLoadTrace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	tr := &Trace{Model: "goroutines", GOMAXPROCS: 1, Tasks: []string{"a"}, Raw: []byte("raw"),
		Slices: []Slice{{G: 1, Task: 0, State: StateRunning, P: 0, M: 3, StartNS: 0, EndNS: 5, Left: LeftDone}}}
	if err := SaveTrace(tr, dir, "x"); err != nil {
		t.Fatal(err)
	}
	jsonPath, rawPath := TraceFiles(dir, "x")
	got, err := LoadTrace(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	want := *tr
	want.Raw = nil
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("loaded %+v, want %+v", *got, want)
	}
	if raw, err := os.ReadFile(rawPath); err != nil || string(raw) != "raw" {
		t.Errorf("raw trace: %q, %v", raw, err)
	}
	if _, err := LoadTrace(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: want an error")
	}
}

func TestLeftState(t *testing.T) {
	for _, c := range []struct {
		to     xtrace.GoState
		reason string
		want   string
	}{
		{xtrace.GoRunnable, "preempted", LeftPreempted},
		{xtrace.GoRunnable, "runtime.Gosched", LeftYielded},
		{xtrace.GoRunnable, "", LeftRunnable},
		{xtrace.GoWaiting, "network", LeftNet},
		{xtrace.GoWaiting, "sleep", LeftSleep},
		{xtrace.GoWaiting, "chan send", LeftSync},
		{xtrace.GoSyscall, "", LeftSyscall},
		{xtrace.GoRunning, "", LeftRunning},
		{xtrace.GoNotExist, "", LeftDone},
	} {
		if got := leftState(c.to, c.reason); got != c.want {
			t.Errorf("leftState(%v, %q) = %q, want %q", c.to, c.reason, got, c.want)
		}
	}
}

// TestReduceFixture feeds the reducer a hand-built trace of two goroutines
// taking turns on one P and checks every slice it makes.
func TestReduceFixture(t *testing.T) {
	evs := fixtureEvents(t)
	i := 0
	got, err := reduceEvents(func() (xtrace.Event, error) {
		if i == len(evs) {
			return xtrace.Event{}, io.EOF
		}
		i++
		return evs[i-1], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.MarshalIndent(got, "", " ")
	want, err := os.ReadFile(filepath.Join("testdata", "trace-fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	json.Unmarshal(data, &g)
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("reduced trace:\n%s\nwant testdata/trace-fixture.json:\n%s", data, want)
	}
	want2 := Overlap{Run: 27790, Busy: 22400, MaxRuns: 1}
	if o := got.Overlap(); o != want2 {
		t.Errorf("overlap %+v, want %+v", o, want2)
	}
	if m := got.MedianSlice(); m != 4790 {
		t.Errorf("median slice %v, want 4.79µs", m)
	}
	if n := got.Threads(); n != 1 {
		t.Errorf("%d threads, want 1", n)
	}
	if n := got.ThreadsIn(StateSyscall); n != 1 {
		t.Errorf("%d threads in a syscall, want 1", n)
	}
	// Task 0 spans 100..20000 and never waits; task 1 spans 10110..28400
	// and waits 14900..24900.
	if f, want := got.BlockedFraction(), 10000.0/(19900+18290); f != want {
		t.Errorf("blocked fraction %v, want %v", f, want)
	}
	if f, want := got.StateFraction(StateRunnable), 4790.0/(19900+18290); f != want {
		t.Errorf("runnable fraction %v, want %v", f, want)
	}
}

func TestComputingOverlap(t *testing.T) {
	run := func(g int64, start, end int64) Slice {
		return Slice{G: g, Task: int(g), State: StateRunning, StartNS: start, EndNS: end, Left: LeftSync}
	}
	hold := func(g, start, end int64) Phase {
		return Phase{Name: strconv.FormatInt(g, 10), StartNS: start, EndNS: end}
	}
	// Goroutine 0 holds the lock until 10 and parks at 12; goroutine 1
	// takes it at 11: they run at once from 11 to 12, computing never.
	handOver := &Trace{
		Slices: []Slice{run(0, 0, 12), run(1, 11, 20)},
		Holds:  []Phase{hold(0, 0, 10), hold(1, 11, 20)},
	}
	if o := handOver.Overlap(); o.Two != 1 || o.Stretches != 1 {
		t.Errorf("hand-over: running overlap %+v, want 1 ns in 1 stretch", o)
	}
	if o := handOver.ComputingOverlap(); o.Two != 0 || o.Busy != 19 {
		t.Errorf("hand-over: computing overlap %+v, want none in 19 ns of computing", o)
	}
	// Without holds (no lock), running is computing.
	free := &Trace{Slices: []Slice{run(0, 0, 12), run(1, 11, 20)}}
	if o := free.ComputingOverlap(); o.Two != 1 {
		t.Errorf("no lock: computing overlap %+v, want 1 ns", o)
	}
	// A broken lock: both hold it at once.
	broken := &Trace{Slices: handOver.Slices, Holds: []Phase{hold(0, 0, 12), hold(1, 11, 20)}}
	if o := broken.ComputingOverlap(); o.Two != 1 {
		t.Errorf("broken lock: computing overlap %+v, want 1 ns", o)
	}
}

func TestTraceOverhead(t *testing.T) {
	if testing.Short() {
		t.Skip("runs traced work")
	}
	tasks := SumSquaresTasks(2, 500_000)
	if _, err := TraceOverhead(context.Background(), Goroutines(), tasks, 0); err == nil {
		t.Error("repeat 0: want an error")
	}
	c, err := TraceOverhead(context.Background(), Goroutines(), tasks, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []Measurement{c.Wall, c.TracedWall, c.CPU, c.TracedCPU} {
		if len(m.RunsS) != 2 || m.MedianS <= 0 {
			t.Errorf("%s: runs %v, median %v; want two positive runs", m.Model, m.RunsS, m.MedianS)
		}
	}
	if c.Wall.Model != "goroutines" || c.TracedCPU.Model != "goroutines+trace" {
		t.Errorf("models %q and %q", c.Wall.Model, c.TracedCPU.Model)
	}
}

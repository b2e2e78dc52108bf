package lib

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/trace"
	"strconv"
	"strings"
	"time"
)

// Trace is what Go's execution tracer saw of one run, reduced to what a
// timeline needs: when each goroutine ran, on which P (a processor, one of
// the GOMAXPROCS slots that may execute Go code) and which M (an OS
// thread), and what stopped it. Its JSON form is small and documented, for
// figures and claims; Raw keeps the tracer's own bytes for `go tool trace`.
//
// Times are nanoseconds since the first event of the trace.
type Trace struct {
	Model string `json:"model"` // the runner's name
	// Label says what the run was in a figure's panel title ("waiting on
	// sockets"); the model's name is used if it is empty.
	Label      string   `json:"label,omitempty"`
	GOMAXPROCS int      `json:"gomaxprocs"` // during the run
	Tasks      []string `json:"tasks"`      // task names, by task index
	// RunStartNS and RunEndNS bound the tasks: the first task's start and
	// the last task's end as the tracer saw them (0, 0 if no task was seen).
	RunStartNS int64 `json:"run_start_ns"`
	RunEndNS   int64 `json:"run_end_ns"`
	// Slices lists every stretch a goroutine spent running on a P or in a
	// system call, and, for goroutines in the middle of a task, the
	// stretches spent runnable or waiting, in order of start.
	Slices []Slice `json:"slices"`
	// GC lists the garbage collector's global phases (concurrent mark,
	// stop-the-world pauses).
	GC []Phase `json:"gc,omitempty"`
	// Holds lists, under the emulated GIL, when each goroutine held the
	// lock (Phase.Name is its goroutine id): only a holder computes.
	Holds []Phase `json:"holds,omitempty"`
	// Spans are the tasks' start and end as the runner measured them,
	// seconds since the run began: the only view of work done in other
	// processes, which the tracer cannot see.
	Spans []Span `json:"spans,omitempty"`
	// Raw is the trace as the runtime wrote it (not in the JSON; saved
	// beside it by SaveTrace).
	Raw []byte `json:"-"`
}

// Slice states: what a goroutine was doing during a slice.
const (
	StateRunning  = "running"  // executing Go code on a P
	StateSyscall  = "syscall"  // in a system call, holding its M
	StateRunnable = "runnable" // ready, waiting for a P
	StateWaiting  = "waiting"  // blocked: network, channel, lock, sleep
)

// Slice ends: the state a goroutine left a slice in (Slice.Left).
const (
	LeftPreempted = "preempted" // the scheduler took the P away (time slice used up)
	LeftYielded   = "yielded"   // runtime.Gosched or a similar voluntary yield
	LeftNet       = "net"       // blocked on the network (parked on the netpoller)
	LeftSleep     = "sleep"     // time.Sleep or a timer
	LeftSync      = "sync"      // blocked on a channel, mutex, WaitGroup or select
	LeftSyscall   = "syscall"   // entered a system call
	LeftRunning   = "running"   // got (back) onto a P
	LeftRunnable  = "runnable"  // became ready to run
	LeftDone      = "done"      // the goroutine exited, or its task ended and the next began
	LeftEnd       = "end"       // the trace stopped first
)

// Slice is one stretch of one goroutine in one state.
type Slice struct {
	G       int64  `json:"g"`                // goroutine id
	Task    int    `json:"task"`             // index into Trace.Tasks; -1 outside any task
	State   string `json:"state"`            // StateRunning, StateSyscall, StateRunnable or StateWaiting
	P       int    `json:"p"`                // the P it ran on; -1 if none
	M       int64  `json:"m"`                // the OS thread; -1 if none
	StartNS int64  `json:"start_ns"`         // since the trace began
	EndNS   int64  `json:"end_ns"`           // since the trace began
	Left    string `json:"left"`             // the state it left in: one of the Left* constants
	Reason  string `json:"reason,omitempty"` // the runtime's own words, e.g. "chan send"
}

// Duration is how long the slice lasted.
func (s Slice) Duration() time.Duration { return time.Duration(s.EndNS - s.StartNS) }

// Phase is one global phase of the runtime, such as a GC mark phase.
type Phase struct {
	Name    string `json:"name"`
	StartNS int64  `json:"start_ns"`
	EndNS   int64  `json:"end_ns"`
}

// taskRegion is the runtime/trace region type that marks task i, so the
// reducer can tell which goroutine ran which task.
func taskRegion(i int) string { return "lib.task " + strconv.Itoa(i) }

// parseTaskRegion is the inverse of taskRegion.
func parseTaskRegion(s string) (int, bool) {
	rest, ok := strings.CutPrefix(s, "lib.task ")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(rest)
	return i, err == nil && i >= 0
}

// RunTraced runs tasks with r while Go's execution tracer records, and
// returns the runner's report with the reduced trace. Each in-process task
// runs inside a trace region, so its goroutine is known; tasks run in other
// processes (the processes model, the Python models) are invisible to the
// tracer and appear only in Trace.Spans.
//
// Only one trace can be recorded at a time in a process; RunTraced fails if
// one is already running (for example under `go test -trace`). Tracing
// slows a run down: quote timings from untraced runs (see TraceOverhead).
func RunTraced(ctx context.Context, r Runner, tasks []Task) (*Report, *Trace, error) {
	rep, raw, err := recordRun(ctx, r, tasks)
	if err != nil {
		return nil, nil, err
	}
	tr, err := ReduceTrace(bytes.NewReader(raw))
	if err != nil {
		return rep, nil, fmt.Errorf("trace %s: %w", r.Name(), err)
	}
	tr.Model, tr.GOMAXPROCS, tr.Raw = r.Name(), runtime.GOMAXPROCS(0), raw
	for _, task := range tasks {
		tr.Tasks = append(tr.Tasks, task.Name)
	}
	tr.Spans = Spans(rep)
	return rep, tr, nil
}

// recordRun runs tasks with r under the tracer, each in-process task in a
// region of its own, and returns the report and the raw trace.
func recordRun(ctx context.Context, r Runner, tasks []Task) (*Report, []byte, error) {
	model, _ := LookupModel(r.Name())
	wrapped := make([]Task, len(tasks))
	for i, task := range tasks {
		wrapped[i] = task
		if model.OutOfProcess {
			continue // the task runs in another process; keep it data
		}
		wrapped[i].Fn = func(ctx context.Context, t *Thread) (v any, err error) {
			trace.WithRegion(ctx, taskRegion(i), func() { v, err = task.call(ctx, t) })
			return v, err
		}
	}
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		return nil, nil, fmt.Errorf("trace %s: %w", r.Name(), err)
	}
	rep := r.Run(ctx, wrapped)
	trace.Stop()
	return rep, buf.Bytes(), nil
}

// TracedRunner is a Runner that records every run with RunTraced and keeps
// the last trace.
type TracedRunner struct {
	inner Runner
	last  *Trace
	err   error
}

// Traced wraps r so that each run is traced; Last returns the trace.
func Traced(r Runner) *TracedRunner { return &TracedRunner{inner: r} }

// Name implements Runner: the wrapped runner's name.
func (t *TracedRunner) Name() string { return t.inner.Name() }

// Run implements Runner. If the trace could not be recorded the run still
// happens (untraced if the tracer was busy) and Last reports why.
func (t *TracedRunner) Run(ctx context.Context, tasks []Task) *Report {
	rep, tr, err := RunTraced(ctx, t.inner, tasks)
	if rep == nil {
		rep = t.inner.Run(ctx, tasks)
	}
	t.last, t.err = tr, err
	return rep
}

// Last returns the trace of the last run, or why there is none.
func (t *TracedRunner) Last() (*Trace, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.last == nil {
		return nil, fmt.Errorf("trace %s: nothing has run yet", t.inner.Name())
	}
	return t.last, nil
}

// TracesDir is where the chapters keep their traces: a "traces" folder
// inside ResultsDir, so that tools reading every results/*.json file never
// mistake a trace for a result set.
func TracesDir() string { return filepath.Join(ResultsDir(), "traces") }

// TraceFiles names the two files SaveTrace writes for a trace called name
// in dir: the reduced JSON and the raw trace `go tool trace` opens.
func TraceFiles(dir, name string) (jsonPath, rawPath string) {
	base := filepath.Join(dir, name)
	return base + ".trace.json", base + ".trace"
}

// SaveTrace writes tr as dir/name.trace.json and its raw bytes as
// dir/name.trace, each atomically, creating dir if needed.
func SaveTrace(tr *Trace, dir, name string) error {
	if err := EnsureDir(dir); err != nil {
		return err
	}
	jsonPath, rawPath := TraceFiles(dir, name)
	data, err := json.MarshalIndent(tr, "", " ")
	if err != nil {
		return fmt.Errorf("save trace %s: %w", name, err)
	}
	if err := WriteFileAtomic(jsonPath, append(data, '\n')); err != nil {
		return err
	}
	if len(tr.Raw) == 0 {
		return nil
	}
	return WriteFileAtomic(rawPath, tr.Raw)
}

// LoadTrace reads a trace saved by SaveTrace (the JSON; Raw stays empty).
func LoadTrace(path string) (*Trace, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load trace: %w", err)
	}
	var tr Trace
	if err := json.Unmarshal(data, &tr); err != nil {
		return nil, fmt.Errorf("load trace %s: %w", path, err)
	}
	return &tr, nil
}

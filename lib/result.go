package lib

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Result is the outcome of one task. Every runner returns exactly one Result
// per task, in task order, whether the task succeeded, failed or never ran
// because the run was cancelled.
type Result struct {
	Index  int       // position of the task in the input
	Name   string    // the task's name
	Value  any       // what the task returned; nil on error
	Err    error     // why the task failed, or nil
	Worker int       // which worker ran it (see Thread.Worker); -1 if it never ran
	Start  time.Time // when the task started; zero if it never ran
	End    time.Time // when it finished
}

// Duration is how long the task ran.
func (r Result) Duration() time.Duration {
	if r.Start.IsZero() {
		return 0
	}
	return r.End.Sub(r.Start)
}

// Report is what a runner returns: the results of one run and its timing.
type Report struct {
	Model   string
	Results []Result  // one per task, in task order
	Start   time.Time // when the run began
	End     time.Time // when the last result arrived
	// Startup is the time spent before the first task could start: starting
	// worker processes for Processes, zero for the in-process models.
	Startup time.Duration
	// IPC is the time tasks spent being encoded, passed over pipes and
	// decoded rather than running, summed over tasks (Processes only).
	IPC time.Duration
}

// Wall is the wall-clock time of the run.
func (r *Report) Wall() time.Duration { return r.End.Sub(r.Start) }

// Errors counts the failed tasks.
func (r *Report) Errors() int {
	n := 0
	for _, res := range r.Results {
		if res.Err != nil {
			n++
		}
	}
	return n
}

// Err returns the first task error in task order, or nil.
func (r *Report) Err() error {
	for _, res := range r.Results {
		if res.Err != nil {
			return res.Err
		}
	}
	return nil
}

// A Runner runs tasks under one execution model.
type Runner interface {
	// Name is the model's CLI name, such as "pool" or "gil".
	Name() string
	// Run runs every task and returns one Result per task. It returns when
	// all tasks have finished or been abandoned because ctx was cancelled;
	// tasks that never started carry ctx's error.
	Run(ctx context.Context, tasks []Task) *Report
}

// NewReport starts the report of a run: one Result per task, each saying
// "not run" (Worker -1) until a worker takes it. Every Runner starts with
// it, the Python runners outside this package too.
func NewReport(model string, tasks []Task) *Report {
	rep := &Report{Model: model, Results: make([]Result, len(tasks)), Start: time.Now()}
	for i, t := range tasks {
		rep.Results[i] = Result{Index: i, Name: t.Name, Worker: -1}
	}
	return rep
}

// errNotRun marks a result whose task was never started.
var errNotRun = errors.New("task was not run")

// finish fills results that are still empty with ctx's error (or errNotRun)
// and stamps the end time, so no task is ever left without a result.
func (r *Report) finish(ctx context.Context) *Report {
	for i := range r.Results {
		res := &r.Results[i]
		if res.Worker == -1 && res.Err == nil {
			res.Err = errNotRun
			if err := ctx.Err(); err != nil {
				res.Err = err
			}
		}
	}
	r.End = time.Now()
	return r
}

// runTask runs task number i on thread t. A task whose context is already
// cancelled is not started, but still gets its result.
func runTask(ctx context.Context, task Task, i int, t *Thread) Result {
	res := Result{Index: i, Name: task.Name, Worker: t.Worker, Start: time.Now()}
	if err := ctx.Err(); err != nil {
		res.Err = err
	} else {
		res.Value, res.Err = task.call(ctx, t)
	}
	res.End = time.Now()
	return res
}

// MarshalJSON writes the error as a string, since error values do not
// encode themselves.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	var msg string
	if r.Err != nil {
		msg = r.Err.Error()
	}
	return json.Marshal(struct {
		plain
		Err string `json:"Err,omitempty"`
	}{plain(r), msg})
}

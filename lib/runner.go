package lib

import (
	"context"
	"errors"
	"time"
)

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

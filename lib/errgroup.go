package lib

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

type errGroup struct{ limit int }

// ErrGroup runs tasks with golang.org/x/sync/errgroup, at most limit at a
// time (no limit if limit <= 0). The first task error cancels the context
// of the others: tasks that had not started are not started, and tasks in
// flight that honour ctx stop early. Both fail with an error that says
// which task's failure cancelled them and wraps context.Canceled; tasks
// that failed on their own keep their own errors.
func ErrGroup(limit int) Runner { return errGroup{limit: limit} }

func (errGroup) Name() string { return "errgroup" }

func (e errGroup) Run(ctx context.Context, tasks []Task) *Report {
	rep := NewReport("errgroup", tasks)
	g, gctx := errgroup.WithContext(ctx)
	if e.limit > 0 {
		g.SetLimit(e.limit)
	}
	for i := range tasks {
		if gctx.Err() != nil {
			break // the rest keep their "not run" results, relabelled below
		}
		g.Go(func() error {
			res := runTask(gctx, tasks[i], i, &Thread{Worker: i})
			rep.Results[i] = res
			if res.Err != nil {
				return &taskFailure{index: i, err: res.Err}
			}
			return nil
		})
	}
	// Wait returns the first error a task returned: the one that cancelled
	// gctx, and so the cancellation's cause.
	first, failed := errors.AsType[*taskFailure](g.Wait())
	if failed && ctx.Err() == nil {
		k := first.index
		cancelled := fmt.Errorf("cancelled after task %d (%s) failed: %w", k, tasks[k].Name, context.Canceled)
		for i := range rep.Results {
			res := &rep.Results[i]
			if i != k && (res.Worker == -1 || (res.Err != nil && cancelledBy(gctx, res.Err))) {
				res.Err = cancelled
			}
		}
	}
	return rep.finish(ctx)
}

// cancelledBy reports whether err is the group's cancellation showing
// through a task: context.Canceled itself, or the cause that net/http and
// others report in its place.
func cancelledBy(gctx context.Context, err error) bool {
	if gctx.Err() == nil {
		return false
	}
	if errors.Is(err, context.Canceled) {
		return true
	}
	cause := context.Cause(gctx)
	return cause != nil && cause != context.Canceled && errors.Is(err, cause)
}

// taskFailure is a task's error as the group sees it: with the task's index,
// so that the error Wait returns says which task cancelled the others.
type taskFailure struct {
	index int
	err   error
}

func (f *taskFailure) Error() string { return f.err.Error() }
func (f *taskFailure) Unwrap() error { return f.err }

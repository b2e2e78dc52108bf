package lib

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

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
	rep := newReport("errgroup", tasks)
	g, gctx := errgroup.WithContext(ctx)
	if e.limit > 0 {
		g.SetLimit(e.limit)
	}
	var first atomic.Int64 // index of the task whose error cancelled the group
	first.Store(-1)
	for i := range tasks {
		if gctx.Err() != nil {
			break // the rest keep their "not run" results, relabelled below
		}
		g.Go(func() error {
			res := runTask(gctx, tasks[i], i, &Thread{Worker: i})
			rep.Results[i] = res
			// Claim "first" before returning: errgroup cancels gctx only
			// after this function returns the error.
			if res.Err != nil && !cancelledBy(gctx, res.Err) {
				first.CompareAndSwap(-1, int64(i))
			}
			return res.Err
		})
	}
	g.Wait()
	if k := first.Load(); k >= 0 && ctx.Err() == nil {
		cancelled := fmt.Errorf("cancelled after task %d (%s) failed: %w", k, tasks[k].Name, context.Canceled)
		for i := range rep.Results {
			res := &rep.Results[i]
			if int64(i) != k && (res.Worker == -1 || (res.Err != nil && cancelledBy(gctx, res.Err))) {
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

package lib

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

type errGroup struct{ limit int }

// ErrGroup runs tasks with golang.org/x/sync/errgroup, at most limit at a
// time (no limit if limit <= 0). The first task error cancels the context
// of the others: tasks that had not started yet fail with an error saying
// they were cancelled and why, and tasks that honour ctx stop early.
func ErrGroup(limit int) Runner { return errGroup{limit: limit} }

func (errGroup) Name() string { return "errgroup" }

func (e errGroup) Run(ctx context.Context, tasks []Task) *Report {
	rep := newReport("errgroup", tasks)
	g, gctx := errgroup.WithContext(ctx)
	if e.limit > 0 {
		g.SetLimit(e.limit)
	}
	for i := range tasks {
		if gctx.Err() != nil {
			break // the rest keep their "not run" results, filled in below
		}
		g.Go(func() error {
			rep.Results[i] = runTask(gctx, tasks[i], i, &Thread{Worker: i})
			return rep.Results[i].Err
		})
	}
	first := g.Wait()
	for i := range rep.Results {
		res := &rep.Results[i]
		if res.Worker == -1 && first != nil && ctx.Err() == nil {
			res.Err = fmt.Errorf("cancelled after an earlier task failed: %w", context.Canceled)
		}
	}
	return rep.finish(ctx)
}

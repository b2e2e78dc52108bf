package lib

import "context"

type sequential struct{}

// Sequential runs tasks one after another on the calling goroutine: the
// baseline every other model is compared with.
func Sequential() Runner { return sequential{} }

func (sequential) Name() string { return "sequential" }

func (sequential) Run(ctx context.Context, tasks []Task) *Report {
	rep := NewReport("sequential", tasks)
	t := &Thread{Worker: 0}
	for i := range tasks {
		rep.Results[i] = runTask(ctx, tasks[i], i, t)
	}
	return rep.finish(ctx)
}

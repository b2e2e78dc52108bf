package lib

import "context"

// Pool is a fixed pool of worker goroutines, the Go form of Python's
// ThreadPoolExecutor. Run returns results in input order, like
// executor.map; Stream delivers them as they complete, like as_completed.
type Pool struct {
	Workers int
}

// NewPool returns a pool of n workers (n must be > 0).
func NewPool(n int) *Pool { return &Pool{Workers: n} }

// Name returns "pool".
func (p *Pool) Name() string { return "pool" }

// Run runs the tasks on the pool and returns their results in input order.
func (p *Pool) Run(ctx context.Context, tasks []Task) *Report {
	rep := NewReport("pool", tasks)
	for res := range p.Stream(ctx, tasks) {
		rep.Results[res.Index] = res
	}
	return rep.finish(ctx)
}

// Stream runs the tasks on the pool and sends each result on the returned
// channel as soon as its task finishes — completion order, not input order.
// The channel is closed after exactly one result per task. It is buffered
// for every task, so a caller that stops reading leaks nothing.
func (p *Pool) Stream(ctx context.Context, tasks []Task) <-chan Result {
	out := make(chan Result, len(tasks))
	next := taskQueue(len(tasks), nil)
	go func() {
		defer close(out)
		runWorkers(max(p.Workers, 1), func(w int) {
			t := &Thread{Worker: w}
			for i := range next {
				out <- runTask(ctx, tasks[i], i, t)
			}
		})
	}()
	return out
}

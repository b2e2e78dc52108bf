package lib

import (
	"context"
	"time"
)

type gilRunner struct {
	threads  int
	interval time.Duration
}

// GIL runs tasks on emulated Python threads that share one emulated global
// interpreter lock (see GILLock): threads > 0 threads take tasks from a
// queue like a ThreadPoolExecutor, threads <= 0 starts one thread per task
// like threading.Thread per item. A thread holds the lock while it computes
// and releases it inside Thread.Blocking, so I/O overlaps and CPU work does
// not — this is an emulation of CPython's behaviour, not CPython.
func GIL(threads int, interval time.Duration) Runner {
	return gilRunner{threads: threads, interval: interval}
}

func (gilRunner) Name() string { return "gil" }

func (g gilRunner) Run(ctx context.Context, tasks []Task) *Report {
	rep := NewReport("gil", tasks)
	lock := NewGILLock(g.interval)
	threads := g.threads
	if threads <= 0 || threads > len(tasks) {
		threads = len(tasks)
	}
	next := taskQueue(len(tasks), nil)
	runWorkers(threads, func(w int) {
		st := &gilState{lock: lock}
		t := &Thread{Worker: w, gil: st}
		for i := range next {
			st.acquire()
			rep.Results[i] = runTask(ctx, tasks[i], i, t)
			st.release()
		}
	})
	return rep.finish(ctx)
}

package lib

import (
	"context"
	"runtime"
	"sync"
)

type goroutines struct{ name string }

// Goroutines starts one goroutine per task and waits for all of them — the
// Go form of a thread per item or of asyncio.gather. Goroutines are cheap
// enough (a few KiB each, see GoroutineMemory) that this is reasonable for
// tens of thousands of I/O-bound tasks.
func Goroutines() Runner { return goroutines{name: "goroutines"} }

func (g goroutines) Name() string { return g.name }

func (g goroutines) Run(ctx context.Context, tasks []Task) *Report {
	rep := NewReport(g.name, tasks)
	var wg sync.WaitGroup
	for i := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep.Results[i] = runTask(ctx, tasks[i], i, &Thread{Worker: i})
		}()
	}
	wg.Wait()
	return rep.finish(ctx)
}

type singleThread struct{}

// SingleThread runs one goroutine per task with GOMAXPROCS set to 1 for the
// duration of the run: concurrency without parallelism, the Go analogue of
// asyncio's single event-loop thread. Waiting tasks overlap; computing tasks
// take turns.
//
// GOMAXPROCS is process-wide, so everything else in this process — an
// embedded server included — also runs on one thread during the run; do not
// run other runners at the same time.
func SingleThread() Runner { return singleThread{} }

func (singleThread) Name() string { return "singlethread" }

func (singleThread) Run(ctx context.Context, tasks []Task) *Report {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	rep := goroutines{name: "singlethread"}.Run(ctx, tasks)
	return rep
}

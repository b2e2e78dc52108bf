package lib

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// The speed targets of the tutorial, as benchmarks (timings are never
// asserted in tests: these machines are shared and noisy). Run with
//
//	go test ./lib -run '^$' -bench . -benchtime 3x

// BenchmarkStaircase reproduces seed 003's table: a pool of 20 workers
// against a server that waits 100 ms takes ceil(N/20) × 100 ms. The
// "x-ideal" metric is the measured time over that ideal.
func BenchmarkStaircase(b *testing.B) {
	const delay = 100 * time.Millisecond
	srv, err := flagserver.Start(flagserver.Config{Delay: delay})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	for _, n := range []int{10, 20, 30, 40, 50} {
		b.Run(fmt.Sprintf("pool20/N=%d", n), func(b *testing.B) {
			c := NewHTTPClient(20)
			defer c.CloseIdleConnections()
			tasks := SlowTasks(c, srv.URL, n)
			NewPool(20).Run(context.Background(), tasks) // warm the connections
			b.ResetTimer()
			for b.Loop() {
				if rep := NewPool(20).Run(context.Background(), tasks); rep.Errors() > 0 {
					b.Fatal(rep.Err())
				}
			}
			ideal := time.Duration((n+19)/20) * delay
			b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(ideal), "x-ideal")
		})
	}
}

// BenchmarkC10k starts one goroutine per request against a 200 ms server.
// Python's asyncio + aiohttp took 0.71 s for 1000 and 2.68 s for 5000 on
// this kind of machine.
func BenchmarkC10k(b *testing.B) {
	srv, err := flagserver.StartProcess(flagserver.Config{Delay: 200 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	for _, n := range []int{1000, 5000, 10000} {
		b.Run(fmt.Sprintf("goroutines/N=%d", n), func(b *testing.B) {
			c := NewHTTPClient(n)
			defer c.CloseIdleConnections()
			tasks := SlowTasks(c, srv.URL, n)
			for b.Loop() {
				if rep := Goroutines().Run(context.Background(), tasks); rep.Errors() > 0 {
					b.Fatalf("%d errors: %v", rep.Errors(), rep.Err())
				}
			}
		})
	}
}

// BenchmarkSumSquares is seed 004's CPU-bound job: 20 sums of squares from
// 5,000,000. goroutines should approach NumCPU× sequential; gil should not
// beat sequential.
func BenchmarkSumSquares(b *testing.B) {
	tasks := SumSquaresTasks(20, SumSquaresBase)
	for _, name := range []string{"sequential", "goroutines", "gil", "processes"} {
		b.Run(name, func(b *testing.B) {
			r, err := NewRunner(name, runtime.NumCPU())
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if rep := r.Run(context.Background(), tasks); rep.Errors() > 0 {
					b.Fatal(rep.Err())
				}
			}
		})
	}
}

// BenchmarkGoroutineMemory reports the bytes one parked goroutine costs.
func BenchmarkGoroutineMemory(b *testing.B) {
	var m MemoryPoint
	for b.Loop() {
		m = GoroutineMemory(100_000)
	}
	b.ReportMetric(m.BytesPerGoroutine, "B/goroutine")
}

// BenchmarkPoolOverhead measures what the pool itself costs per task.
func BenchmarkPoolOverhead(b *testing.B) {
	tasks := make([]Task, 1000)
	for i := range tasks {
		tasks[i] = FuncTask("nop", func(context.Context, *Thread) (any, error) { return nil, nil })
	}
	p := NewPool(runtime.NumCPU())
	for b.Loop() {
		p.Run(context.Background(), tasks)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(tasks)), "ns/task")
}

// BenchmarkFlagServer measures the embedded server's cost per flag served.
func BenchmarkFlagServer(b *testing.B) {
	srv, err := flagserver.Start(flagserver.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c := NewHTTPClient(8)
	defer c.CloseIdleConnections()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := Get(context.Background(), c, nil, srv.FlagURL("cn")); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

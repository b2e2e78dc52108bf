package lib

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// allRunners returns one runner of every model, with two workers where a
// model takes them.
func allRunners(t *testing.T) []Runner {
	t.Helper()
	var rs []Runner
	for _, name := range ModelNames() {
		r, err := NewRunner(name, 2)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestEveryModelReturnsOneResultPerTaskInOrder(t *testing.T) {
	tasks := append(SumSquaresTasks(5, 1000), PrimeTasks(6)...)
	want := []any{}
	for x := range 5 {
		want = append(want, SumSquares(nil, int64(1000+x)))
	}
	for _, n := range PrimeNumbers() {
		want = append(want, IsPrime(nil, n))
	}
	for _, r := range allRunners(t) {
		t.Run(r.Name(), func(t *testing.T) {
			rep := r.Run(context.Background(), tasks)
			if rep.Model != r.Name() {
				t.Errorf("report model = %q", rep.Model)
			}
			if len(rep.Results) != len(tasks) {
				t.Fatalf("%d results for %d tasks", len(rep.Results), len(tasks))
			}
			for i, res := range rep.Results {
				if res.Index != i || res.Name != tasks[i].Name {
					t.Errorf("result %d is for task %d %q", i, res.Index, res.Name)
				}
				if res.Err != nil {
					t.Errorf("task %d: %v", i, res.Err)
				}
				if fmt.Sprint(res.Value) != fmt.Sprint(want[i]) {
					t.Errorf("task %d = %v, want %v", i, res.Value, want[i])
				}
				if res.Worker < 0 || res.Start.IsZero() || res.End.Before(res.Start) {
					t.Errorf("task %d: worker %d, start %v, end %v", i, res.Worker, res.Start, res.End)
				}
			}
			if rep.Errors() != 0 || rep.Wall() <= 0 {
				t.Errorf("errors %d, wall %v", rep.Errors(), rep.Wall())
			}
		})
	}
}

func TestFailedTasksKeepTheirErrors(t *testing.T) {
	boom := errors.New("boom")
	tasks := make([]Task, 8)
	for i := range tasks {
		tasks[i] = FuncTask(fmt.Sprint(i), func(ctx context.Context, th *Thread) (any, error) {
			if i%3 == 0 {
				return nil, fmt.Errorf("task %d: %w", i, boom)
			}
			return i, nil
		})
	}
	for _, name := range []string{"sequential", "goroutines", "pool", "gil", "singlethread"} {
		t.Run(name, func(t *testing.T) {
			r, _ := NewRunner(name, 3)
			rep := r.Run(context.Background(), tasks)
			for i, res := range rep.Results {
				if failed := errors.Is(res.Err, boom); failed != (i%3 == 0) {
					t.Errorf("task %d: err = %v", i, res.Err)
				}
				if i%3 != 0 && res.Value != i {
					t.Errorf("task %d: value = %v", i, res.Value)
				}
			}
			if rep.Errors() != 3 {
				t.Errorf("Errors() = %d, want 3", rep.Errors())
			}
		})
	}
}

func TestErrGroupFirstErrorCancelsTheRest(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	tasks := make([]Task, 10)
	for i := range tasks {
		tasks[i] = FuncTask(fmt.Sprint(i), func(ctx context.Context, th *Thread) (any, error) {
			ran.Add(1)
			if i == 2 {
				return nil, boom
			}
			return i, nil
		})
	}
	rep := ErrGroup(1).Run(context.Background(), tasks)
	if len(rep.Results) != 10 {
		t.Fatalf("%d results", len(rep.Results))
	}
	if !errors.Is(rep.Results[2].Err, boom) {
		t.Errorf("task 2: %v", rep.Results[2].Err)
	}
	for i := range 2 {
		if rep.Results[i].Err != nil {
			t.Errorf("task %d ran before the failure but has error %v", i, rep.Results[i].Err)
		}
	}
	for i := 3; i < 10; i++ {
		err := rep.Results[i].Err
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "after task 2 (2) failed") {
			t.Errorf("task %d after the failure: err = %v, want a cancellation naming task 2", i, err)
		}
	}
	if n := ran.Load(); n > 4 {
		t.Errorf("%d tasks ran; with limit 1 at most one more may start after the failure", n)
	}
}

// Tasks in flight when the group is cancelled report the cancellation, not
// the cause that net/http puts in their error messages.
func TestErrGroupInFlightTasksSayTheyWereCancelled(t *testing.T) {
	srv := startServer(t, flagserver.Config{Delay: 200 * time.Millisecond})
	c := NewHTTPClient(8)
	defer c.CloseIdleConnections()
	urls := []string{srv.FlagURL("cn"), srv.FlagURL("in"), srv.URL + "/nothing", srv.FlagURL("us")}
	tasks := URLTasks(c, urls)
	tasks[2] = FuncTask("fails", func(ctx context.Context, th *Thread) (any, error) { return nil, errors.New("boom") })
	rep := ErrGroup(4).Run(context.Background(), tasks)
	if rep.Results[2].Err == nil || rep.Results[2].Err.Error() != "boom" {
		t.Errorf("the failing task: %v", rep.Results[2].Err)
	}
	for _, i := range []int{0, 1, 3} {
		err := rep.Results[i].Err
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "after task 2 (fails) failed") {
			t.Errorf("task %d: err = %v, want cancelled after task 2", i, err)
		}
	}
}

func TestCancellationStillGivesEveryTaskAResult(t *testing.T) {
	for _, r := range allRunners(t) {
		t.Run(r.Name(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			tasks := make([]Task, 6)
			for i := range tasks {
				tasks[i] = FuncTask(fmt.Sprint(i), func(ctx context.Context, th *Thread) (any, error) {
					if i == 0 {
						cancel()
					}
					var err error
					th.Blocking(func() {
						select {
						case <-ctx.Done():
							err = ctx.Err()
						case <-time.After(10 * time.Second):
						}
					})
					return nil, err
				})
			}
			if r.Name() == "processes" {
				// A worker process cannot run closures; cancel a slow kind instead.
				tasks = SumSquaresTasks(6, 2_000_000_000)
				time.AfterFunc(50*time.Millisecond, cancel)
			}
			start := time.Now()
			rep := r.Run(ctx, tasks)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("cancelled run took %v", d)
			}
			if len(rep.Results) != len(tasks) {
				t.Fatalf("%d results for %d tasks", len(rep.Results), len(tasks))
			}
			for i, res := range rep.Results {
				if !errors.Is(res.Err, context.Canceled) {
					t.Errorf("task %d: err = %v, want context.Canceled", i, res.Err)
				}
			}
			cancel()
		})
	}
}

func TestPoolStreamDeliversInCompletionOrder(t *testing.T) {
	delays := []time.Duration{300 * time.Millisecond, 0, 150 * time.Millisecond}
	tasks := make([]Task, len(delays))
	for i, d := range delays {
		tasks[i] = FuncTask(fmt.Sprint(i), func(ctx context.Context, th *Thread) (any, error) {
			time.Sleep(d)
			return i, nil
		})
	}
	var order []int
	for res := range NewPool(3).Stream(context.Background(), tasks) {
		order = append(order, res.Index)
	}
	if fmt.Sprint(order) != "[1 2 0]" {
		t.Errorf("completion order = %v, want [1 2 0]", order)
	}
	rep := NewPool(3).Run(context.Background(), tasks)
	for i, res := range rep.Results {
		if res.Value != i {
			t.Errorf("Run: result %d holds %v; Run must keep input order", i, res.Value)
		}
	}
}

// The emulated GIL must let only one thread compute at a time, and must let
// threads wait on I/O together.
func TestGILSerialisesComputeButNotBlocking(t *testing.T) {
	var inside, most, blocked, mostBlocked atomic.Int32
	raise := func(n int32, m *atomic.Int32) {
		for {
			old := m.Load()
			if n <= old || m.CompareAndSwap(old, n) {
				return
			}
		}
	}
	tasks := make([]Task, 4)
	for i := range tasks {
		tasks[i] = FuncTask(fmt.Sprint(i), func(ctx context.Context, th *Thread) (any, error) {
			raise(inside.Add(1), &most)
			deadline := time.Now().Add(20 * time.Millisecond)
			for time.Now().Before(deadline) {
				inside.Add(-1)
				th.Tick() // may hand the lock over
				raise(inside.Add(1), &most)
			}
			inside.Add(-1)
			th.Blocking(func() {
				raise(blocked.Add(1), &mostBlocked)
				time.Sleep(100 * time.Millisecond)
				blocked.Add(-1)
			})
			return nil, nil
		})
	}
	lock := GIL(0, time.Millisecond)
	rep := lock.Run(context.Background(), tasks)
	if rep.Errors() != 0 {
		t.Fatal(rep.Err())
	}
	if most.Load() != 1 {
		t.Errorf("%d threads computed at once under the GIL, want 1", most.Load())
	}
	if mostBlocked.Load() < 2 {
		t.Errorf("at most %d threads blocked on I/O at once; the GIL must be released while blocking", mostBlocked.Load())
	}
}

func TestGILLockHandsOverOnTick(t *testing.T) {
	g := NewGILLock(time.Millisecond)
	a, b := &gilState{lock: g}, &gilState{lock: g}
	a.acquire()
	got := make(chan struct{})
	go func() {
		b.acquire()
		close(got)
		b.release()
	}()
	for g.waiting.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(2 * time.Millisecond)
	a.tick() // past the interval with a waiter: must switch
	<-got
	a.release()
	if g.Switches() != 1 {
		t.Errorf("Switches() = %d, want 1", g.Switches())
	}
}

func TestProcessesRefuseClosuresAndReportStartup(t *testing.T) {
	tasks := []Task{
		NewTask("sumsquares", "10", int64(10)),
		FuncTask("closure", func(ctx context.Context, th *Thread) (any, error) { return 1, nil }),
		NewTask("no-such-kind", "x", 1),
	}
	rep := Processes(2).Run(context.Background(), tasks)
	if rep.Results[0].Err != nil || rep.Results[0].Value != "285" {
		t.Errorf("sumsquares(10) in a worker = %v, %v; want 285", rep.Results[0].Value, rep.Results[0].Err)
	}
	if err := rep.Results[1].Err; err == nil || !strings.Contains(err.Error(), "closure") {
		t.Errorf("closure task: err = %v, want a refusal", err)
	}
	if err := rep.Results[2].Err; err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("unknown kind: err = %v", err)
	}
	if rep.Startup <= 0 {
		t.Errorf("Startup = %v, want the measured worker start-up", rep.Startup)
	}
}

func TestNewRunnerRejectsBadInput(t *testing.T) {
	for _, tt := range []struct {
		model   string
		workers int
		want    string
	}{
		{"threads", 2, `unknown model "threads"`},
		{"pool", 0, "workers > 0"},
	} {
		if _, err := NewRunner(tt.model, tt.workers); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewRunner(%q, %d) = %v, want %q", tt.model, tt.workers, err, tt.want)
		}
	}
}

package lib

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"github.com/gomeasure/concurrency/internal/proc"
)

// WorkerEnv is the environment variable that turns any binary importing this
// package into a task worker. lib's init checks it before main runs, so the
// worker entry works from every binary — the bench, a test binary, or a
// compiled notebook cell whose main is not ours.
const WorkerEnv = "GOMEASURE_WORKER"

type processes struct{ workers int }

// Processes runs tasks in worker OS processes — the same executable started
// again with WorkerEnv set — fed one task at a time over pipes: the Go
// analogue of multiprocessing.Pool and ProcessPoolExecutor. Tasks must be
// of a built-in kind: a closure cannot cross a process boundary, just as
// Python cannot pickle a lambda. Workers run with GOMAXPROCS=1, so the
// parallelism is exactly the number of processes.
//
// The report's Startup is the time until every worker was ready, and IPC the
// time tasks spent being encoded, piped and decoded rather than running.
// workers <= 0 means runtime.NumCPU().
func Processes(workers int) Runner { return processes{workers: workers} }

func (processes) Name() string { return "processes" }

// wireTask and wireResult are the messages on a worker's stdin and stdout,
// one JSON document per line.
type wireTask struct {
	Index int             `json:"i"`
	Name  string          `json:"name"`
	Kind  string          `json:"kind"`
	Arg   json.RawMessage `json:"arg,omitempty"`
}

type wireResult struct {
	Index   int             `json:"i"`
	Value   json.RawMessage `json:"value,omitempty"`
	Err     string          `json:"error,omitempty"`
	Compute time.Duration   `json:"compute_ns"`
	Ready   bool            `json:"ready,omitempty"`
}

func (p processes) Run(ctx context.Context, tasks []Task) *Report {
	rep := NewReport("processes", tasks)
	if len(tasks) == 0 {
		return rep.finish(ctx)
	}
	n := p.workers
	if n <= 0 {
		n = runtime.NumCPU()
	}
	n = min(n, len(tasks))

	next := taskQueue(len(tasks), func(i int) bool {
		if tasks[i].Kind == "" {
			rep.Results[i].Err = fmt.Errorf("task %q cannot run in a worker process: it is a Go closure with no built-in kind", tasks[i].Name)
			return false
		}
		return true
	})

	exe, err := os.Executable()
	if err != nil {
		for i := range rep.Results {
			if rep.Results[i].Err == nil {
				rep.Results[i].Err = fmt.Errorf("find own executable: %w", err)
			}
		}
		return rep.finish(ctx)
	}

	var (
		mu      sync.Mutex
		lastUp  time.Duration
		ipc     time.Duration
		lastErr error
	)
	runWorkers(n, func(w int) {
		// A worker that dies mid-task costs that one task: another
		// process takes its place while tasks are queued, so no other
		// result is lost (where Python's pool would turn broken and
		// fail every pending future with BrokenProcessPool).
		for first := true; ; first = false {
			up, spent, err := runWorker(ctx, exe, w, tasks, next, rep)
			mu.Lock()
			if first {
				lastUp = max(lastUp, up)
			}
			ipc += spent
			if err != nil {
				lastErr = err
			}
			mu.Unlock()
			if _, died := errors.AsType[diedError](err); !died || ctx.Err() != nil || len(next) == 0 {
				return
			}
		}
	})
	// Tasks still queued had no live worker left to run them.
	for i := range next {
		res := &rep.Results[i]
		res.Err = ctx.Err()
		if res.Err == nil {
			res.Err = fmt.Errorf("no worker process left to run the task: %w", lastErr)
		}
	}
	rep.Startup = lastUp
	rep.IPC = ipc
	return rep.finish(ctx)
}

// runWorker starts worker process w and feeds it tasks until the queue is
// empty, ctx is cancelled or the process dies. It returns the process's
// start-up time and the time its tasks spent outside the task function.
func runWorker(ctx context.Context, exe string, w int, tasks []Task, next <-chan int, rep *Report) (startup, ipc time.Duration, err error) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1", "GOMAXPROCS=1")
	proc.DieWithParent(cmd)
	var stderr proc.Tail
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, 0, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, 0, fmt.Errorf("start worker process %d: %w", w, err)
	}
	// Kill the worker when the run is cancelled; closing stdin ends it otherwise.
	stop := context.AfterFunc(ctx, func() { cmd.Process.Kill() })
	defer func() {
		stop()
		stdin.Close()
		if werr := cmd.Wait(); werr != nil && err == nil && ctx.Err() == nil {
			err = fmt.Errorf("worker process %d: %w%s", w, werr, stderr.Suffix("stderr"))
		}
	}()

	in := bufio.NewReader(stdout)
	enc := json.NewEncoder(stdin)
	var hello wireResult
	if err := readLine(in, &hello); err != nil || !hello.Ready {
		return 0, 0, fmt.Errorf("worker process %d did not start: %v%s", w, err, stderr.Suffix("stderr"))
	}
	startup = time.Since(rep.Start)

	for i := range next {
		res := &rep.Results[i]
		res.Worker = w
		res.Start = time.Now()
		if err := ctx.Err(); err != nil {
			res.Err, res.End = err, time.Now()
			continue
		}
		t := tasks[i]
		var out wireResult
		err := enc.Encode(wireTask{Index: i, Name: t.Name, Kind: t.Kind, Arg: t.Arg})
		if err == nil {
			err = readLine(in, &out)
		}
		res.End = time.Now()
		if err != nil {
			if ctx.Err() != nil {
				res.Err = ctx.Err()
			} else {
				res.Err = fmt.Errorf("worker process %d died running task %q: %w%s", w, t.Name, err, stderr.Suffix("stderr"))
				return startup, ipc, diedError{res.Err}
			}
			return startup, ipc, res.Err
		}
		ipc += res.End.Sub(res.Start) - out.Compute
		if out.Err != "" {
			res.Err = errors.New(out.Err)
		} else if len(out.Value) > 0 {
			var v any
			if err := json.Unmarshal(out.Value, &v); err != nil {
				res.Err = fmt.Errorf("decode result of task %q: %w", t.Name, err)
			}
			res.Value = v
		}
	}
	return startup, ipc, nil
}

// diedError marks a worker process that died running a task, which Run
// replaces, from one that could not start, which it does not.
type diedError struct{ error }

func (e diedError) Unwrap() error { return e.error }

func readLine(r *bufio.Reader, v any) error {
	line, err := r.ReadBytes('\n')
	if err != nil {
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	return json.Unmarshal(line, v)
}

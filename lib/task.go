package lib

import (
	"context"
	"encoding/json"
	"fmt"
)

// A Task is one unit of work handed to a Runner.
//
// A task can always be described as data — a built-in Kind and a JSON Arg —
// so that a worker process can rebuild it: that is Go's counterpart of
// Python pickling a function and its arguments for a ProcessPoolExecutor.
// In-process runners call Fn when it is set (it may capture things that
// cannot cross a process boundary, such as a shared *http.Client) and look
// up Kind otherwise.
type Task struct {
	Name string          // shown in timelines and error messages, e.g. "cn" or "5000003"
	Kind string          // a built-in kind (see builtinKinds), or "" for closures only
	Arg  json.RawMessage // the kind's input
	Fn   TaskFunc        // optional in-process implementation
}

// TaskFunc does the work of a task. It must honour ctx, call t.Tick in long
// CPU loops and wrap blocking calls in t.Blocking: the emulated GIL needs
// both to decide when to hand the interpreter lock over.
type TaskFunc func(ctx context.Context, t *Thread) (any, error)

// call runs the task in this process.
func (task Task) call(ctx context.Context, t *Thread) (any, error) {
	if task.Fn != nil {
		return task.Fn(ctx, t)
	}
	fn, ok := builtinKinds[task.Kind]
	if !ok {
		return nil, fmt.Errorf("task %q: unknown kind %q", task.Name, task.Kind)
	}
	return fn(ctx, t, task.Arg)
}

// NewTask builds a task of a built-in kind, encoding arg as JSON.
func NewTask(kind, name string, arg any) Task {
	raw, err := json.Marshal(arg)
	if err != nil {
		// Only programming errors end here: args are plain structs and numbers.
		panic(fmt.Sprintf("lib: task %q: cannot encode arg: %v", name, err))
	}
	return Task{Name: name, Kind: kind, Arg: raw}
}

// FuncTask wraps a Go function as a task. It runs in every in-process model
// but not in Processes, which can only send built-in kinds to a worker.
func FuncTask(name string, fn TaskFunc) Task {
	return Task{Name: name, Fn: fn}
}

// Thread is what a running task sees of the model that runs it.
type Thread struct {
	// Worker numbers the goroutine, pool worker, emulated thread or process
	// that runs the task, from 0. Timelines draw one lane per worker.
	Worker int
	gil    *gilState
}

// Tick marks a point in a CPU loop where an interpreter could switch
// threads. Outside the GIL model it does nothing and costs a nil check.
func (t *Thread) Tick() {
	if t != nil && t.gil != nil {
		t.gil.tick()
	}
}

// Blocking runs fn, a call that waits on the outside world (network, disk,
// sleep). Under the emulated GIL the lock is released while fn waits, as
// CPython releases it around blocking system calls.
func (t *Thread) Blocking(fn func()) {
	if t != nil && t.gil != nil {
		t.gil.release()
		defer t.gil.acquire()
	}
	fn()
}

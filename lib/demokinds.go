package lib

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Two kinds exist to teach what processes cost and what they buy.

// payloadLength is the "payload" kind: it receives a string and returns its
// length. Sent to a worker process, it measures what moving data across a
// process boundary costs, which goroutines sharing memory never pay.
func payloadLength(_ context.Context, _ *Thread, s string) (any, error) {
	return len(s), nil
}

// crashWorker is the "crash" kind: it ends the worker process that runs it,
// with the given exit status, to show isolation: the parent reports the task
// as failed and carries on. It refuses to run outside a worker process,
// where it would take the whole program down — which is the other half of
// the lesson.
func crashWorker(_ context.Context, _ *Thread, code int) (any, error) {
	if os.Getenv(WorkerEnv) != "1" {
		return nil, errors.New("crash refused: not in a worker process, it would end this program")
	}
	os.Exit(code)
	return nil, nil
}

// PayloadTasks returns n tasks each carrying size bytes of data: shared by
// reference in this process, encoded and piped to a worker process.
func PayloadTasks(n, size int) []Task {
	data := make([]byte, size)
	for i := range data {
		data[i] = 'a' + byte(i%26)
	}
	s := string(data)
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i] = NewTask("payload", fmt.Sprintf("%dB-%d", size, i+1), s)
		// In-process, the task shares the string: no copy, no encoding —
		// the whole point of goroutines sharing one address space.
		tasks[i].Fn = func(context.Context, *Thread) (any, error) { return len(s), nil }
	}
	return tasks
}

// CrashTask returns a task that ends its worker process with exit status code.
func CrashTask(code int) Task { return NewTask("crash", fmt.Sprintf("crash(%d)", code), code) }

package lib

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// init turns this binary into a task worker or a flag server when its
// parent asked for one. It must run before main — the binary may be a test
// or a compiled notebook cell — and after the task kinds are registered:
// Go runs a package's init functions in file-name order, and this file's
// name sorts after every file that registers a kind.
func init() {
	if os.Getenv(WorkerEnv) == "1" {
		os.Exit(serveWorker(os.Stdin, os.Stdout))
	}
	if cfg := os.Getenv(ServerEnv); cfg != "" {
		os.Exit(serveFlagServerProcess(cfg))
	}
}

// serveWorker is the loop of a worker process: it announces that it is
// ready, then runs each task it reads and writes its result, until its
// input closes.
func serveWorker(r io.Reader, w io.Writer) int {
	in := bufio.NewReaderSize(r, 64<<10)
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	send := func(v wireResult) bool {
		if err := enc.Encode(v); err != nil {
			return false
		}
		return out.Flush() == nil
	}
	if !send(wireResult{Ready: true}) {
		return 1
	}
	ctx := context.Background()
	for {
		line, err := in.ReadBytes('\n')
		if err != nil {
			return 0 // the parent closed our input: we are done
		}
		var task wireTask
		if err := json.Unmarshal(line, &task); err != nil {
			fmt.Fprintf(os.Stderr, "worker: bad task message: %v\n", err)
			return 1
		}
		start := time.Now()
		value, err := Task{Name: task.Name, Kind: task.Kind, Arg: task.Arg}.call(ctx, &Thread{})
		res := wireResult{Index: task.Index, Compute: time.Since(start)}
		if err != nil {
			res.Err = err.Error()
		} else if res.Value, err = json.Marshal(value); err != nil {
			res.Err = fmt.Sprintf("encode result: %v", err)
			res.Value = nil
		}
		if !send(res) {
			return 1
		}
	}
}

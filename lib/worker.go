package lib

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// init is lib's only init function, and its worker hook: every binary that
// imports lib — this module's command, a test binary, a compiled notebook
// cell — turns into a child process here when its parent asked for one,
// before its own main runs and with no code of its own. It needs only the
// package-level table builtinKinds, which Go initialises before any init
// function, so it does not depend on the order the files' init functions run in.
func init() {
	restoreMeasureGC() // before anything is measured, or any worker serves
	ServeIfChild()
}

// ServeIfChild is the entry of lib's child processes. When the environment
// says this process was started by Processes as a task worker (WorkerEnv)
// or by flagserver.StartProcess as a flag server (flagserver.ProcessEnv),
// it serves its parent until its input closes and then exits the process.
// Otherwise it returns at once. The flag server's side is
// flagserver.ServeIfChild: that package has no hook of its own, and lib,
// which every measuring binary imports, is where children branch off.
//
// lib's init calls it, so a program need not; a main that wants the hook
// to be visible may call it first thing.
func ServeIfChild() {
	if os.Getenv(WorkerEnv) == "1" {
		os.Exit(serveWorker(os.Stdin, os.Stdout))
	}
	flagserver.ServeIfChild()
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

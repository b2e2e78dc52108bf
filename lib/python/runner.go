package python

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/internal/proc"
	"github.com/gomeasure/concurrency/lib"
)

// Models are the Python models in the order the tutorial shows them, as
// lib's table describes them; this package runs them, and main.py knows
// each by its name without "py-".
var Models = lib.ModelsIn(lib.LanguagePython)

func init() {
	for _, name := range Models {
		lib.ImplementModel(name, func(workers int) (lib.Runner, error) { return New(name, workers) }, describe)
	}
}

func describe(env *lib.Env) {
	if in, err := FindInterpreter(); err == nil {
		env.Python = &lib.PythonEnv{Version: in.Version, GIL: in.GIL, Path: in.Path}
	}
}

// kinds are the task kinds tasks.py implements.
var kinds = map[string]bool{"fetch": true, "download": true, "post": true, "sumsquares": true, "prime": true}

type runner struct {
	name    string // "py-threads"
	workers int
	in      *Interpreter
	dir     string
}

// New returns the runner of a Python model; workers is 0 for the model's
// default. It fails, saying what to install, if no python3 can run it.
func New(model string, workers int) (lib.Runner, error) {
	known := false
	for _, m := range Models {
		known = known || m == model
	}
	if !known {
		return nil, fmt.Errorf("unknown Python model %q (known: %s)", model, strings.Join(Models, ", "))
	}
	in, err := FindInterpreter()
	if err != nil {
		return nil, err
	}
	dir, err := scripts()
	if err != nil {
		return nil, err
	}
	return &runner{name: model, workers: workers, in: in, dir: dir}, nil
}

func (r *runner) Name() string { return r.name }

type job struct {
	Model   string    `json:"model"`
	Workers int       `json:"workers"`
	Tasks   []jobTask `json:"tasks"`
}

type jobTask struct {
	Kind string          `json:"kind"`
	Arg  json.RawMessage `json:"arg"`
}

type output struct {
	description
	StartNS int64 `json:"start_ns"`
	EndNS   int64 `json:"end_ns"`
	CPUNS   int64 `json:"cpu_ns"` // processor time of python3's threads and its pool's workers
	Results []struct {
		Worker  int64           `json:"worker"`
		StartNS int64           `json:"start_ns"`
		EndNS   int64           `json:"end_ns"`
		Value   json.RawMessage `json:"value"`
		Error   *string         `json:"error"`
	} `json:"results"`
}

// Run starts one python3 for the whole task list. Task errors come back
// per task; if Python itself fails, every task carries that failure.
func (r *runner) Run(ctx context.Context, tasks []lib.Task) *lib.Report {
	rep := lib.NewReport(r.name, tasks)
	out, err := r.run(ctx, tasks)
	if err == nil && len(out.Results) != len(tasks) {
		err = fmt.Errorf("python3 returned %d results for %d tasks", len(out.Results), len(tasks))
	}
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		for i := range rep.Results {
			rep.Results[i].Err = err
		}
		rep.End = time.Now()
		return rep
	}
	// Python's thread idents and process ids become worker numbers 0, 1, …
	// in the order the workers first started a task.
	order := make([]int, len(tasks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return out.Results[order[a]].StartNS < out.Results[order[b]].StartNS })
	workers := map[int64]int{}
	for _, i := range order {
		if _, ok := workers[out.Results[i].Worker]; !ok {
			workers[out.Results[i].Worker] = len(workers)
		}
	}
	for i, o := range out.Results {
		res := &rep.Results[i]
		res.Worker = workers[o.Worker]
		res.Start, res.End = time.Unix(0, o.StartNS), time.Unix(0, o.EndNS)
		if o.Error != nil {
			res.Err = fmt.Errorf("%s: %s", r.name, *o.Error)
			continue
		}
		var v any
		if err := json.Unmarshal(o.Value, &v); err != nil {
			res.Err = fmt.Errorf("%s: decode result of task %q: %w", r.name, res.Name, err)
			continue
		}
		res.Value = v
	}
	// The run is timed by Python, from after its imports to its last task:
	// what the Python tutorials time, and what Go's models are timed over too.
	rep.Start, rep.End = time.Unix(0, out.StartNS), time.Unix(0, out.EndNS)
	rep.CPU = time.Duration(out.CPUNS)
	return rep
}

func (r *runner) run(ctx context.Context, tasks []lib.Task) (*output, error) {
	j := job{Model: strings.TrimPrefix(r.name, "py-"), Workers: r.workers, Tasks: make([]jobTask, len(tasks))}
	workload := "cpu"
	for i, t := range tasks {
		if !kinds[t.Kind] {
			return nil, fmt.Errorf("%s cannot run task %q: kind %q has no Python version", r.name, t.Name, t.Kind)
		}
		if t.Kind == "fetch" || t.Kind == "download" || t.Kind == "post" {
			workload = "io"
		}
		j.Tasks[i] = jobTask{Kind: t.Kind, Arg: t.Arg}
	}
	if err := r.in.Check(r.name, workload); err != nil {
		return nil, err
	}
	input, err := json.Marshal(j)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(r.in.Path, filepath.Join(r.dir, "main.py"))
	cmd.Stdin = bytes.NewReader(input)
	var stdout bytes.Buffer
	var stderr proc.Tail
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// Its own process group, so that cancelling also ends the pool's
	// worker processes, not just the parent python3; and the parent-death
	// signal, so python3 does not outlive us.
	proc.NewGroup(cmd)
	proc.DieWithParent(cmd)
	// A pool worker that outlives python3 would hold our pipes open and
	// keep Wait waiting: give up on the pipes shortly after the exit.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", r.in.Path, err)
	}
	stop := context.AfterFunc(ctx, func() { proc.KillGroup(cmd.Process) })
	err = cmd.Wait()
	stop()
	// A pool worker may have outlived its parent.
	if kerr := proc.KillGroup(cmd.Process); kerr != nil && err == nil {
		err = kerr
	}
	if err != nil {
		return nil, fmt.Errorf("%s failed: %w%s", r.name, err, lastLine(&stderr))
	}
	var out output
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("%s: read python3's answer: %w%s", r.name, err, lastLine(&stderr))
	}
	return &out, nil
}

// lastLine is the end of a Python traceback: the line that says what went wrong.
func lastLine(stderr *proc.Tail) string {
	if l := stderr.LastLine(); l != "" {
		return ": " + l
	}
	return ""
}

package lib

import (
	"encoding/json"
	"time"
)

// Result is the outcome of one task. Every runner returns exactly one Result
// per task, in task order, whether the task succeeded, failed or never ran
// because the run was cancelled.
type Result struct {
	Index  int       // position of the task in the input
	Name   string    // the task's name
	Value  any       // what the task returned; nil on error
	Err    error     // why the task failed, or nil
	Worker int       // which worker ran it (see Thread.Worker); -1 if it never ran
	Start  time.Time // when the task started; zero if it never ran
	End    time.Time // when it finished
}

// Duration is how long the task ran.
func (r Result) Duration() time.Duration {
	if r.Start.IsZero() {
		return 0
	}
	return r.End.Sub(r.Start)
}

// Report is what a runner returns: the results of one run and its timing.
type Report struct {
	Model   string
	Results []Result  // one per task, in task order
	Start   time.Time // when the run began
	End     time.Time // when the last result arrived
	// Startup is the time spent before the first task could start: starting
	// worker processes for Processes, zero for the in-process models.
	Startup time.Duration
	// IPC is the time tasks spent being encoded, passed over pipes and
	// decoded rather than running, summed over tasks (Processes only).
	IPC time.Duration
	// CPU is the processor time the run used, summed over its threads and
	// worker processes, when the runner measures it: the Python runners.
	// Zero otherwise. Over Wall it says how many cores were busy, which a
	// lock such as CPython's GIL caps at one however fast or slow the
	// machine is.
	CPU time.Duration
}

// Wall is the wall-clock time of the run.
func (r *Report) Wall() time.Duration { return r.End.Sub(r.Start) }

// Errors counts the failed tasks.
func (r *Report) Errors() int {
	n := 0
	for _, res := range r.Results {
		if res.Err != nil {
			n++
		}
	}
	return n
}

// Err returns the first task error in task order, or nil.
func (r *Report) Err() error {
	for _, res := range r.Results {
		if res.Err != nil {
			return res.Err
		}
	}
	return nil
}

// MarshalJSON writes the error as a string, since error values do not
// encode themselves.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	var msg string
	if r.Err != nil {
		msg = r.Err.Error()
	}
	return json.Marshal(struct {
		plain
		Err string `json:"Err,omitempty"`
	}{plain(r), msg})
}

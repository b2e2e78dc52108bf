package lib

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// TraceName names the trace files of one configuration of an experiment:
// "cpu-goroutines-gomaxprocs1", "staircase-pool-20-gomaxprocs2".
func TraceName(experiment string, m Measurement) string {
	model := m.Model
	if x, _ := LookupModel(m.Model); x.UsesWorkers() && m.Workers != m.Tasks {
		model += fmt.Sprintf("-%d", m.Workers)
	}
	name := fmt.Sprintf("%s-%s-%dtasks-gomaxprocs%d", experiment, model, m.Tasks, m.GOMAXPROCS)
	return strings.NewReplacer(":", "-", "/", "-", " ", "-").Replace(name)
}

// TraceRun runs the configuration of e that m measured once more, under
// the execution tracer: the same model, workers, tasks and GOMAXPROCS,
// against a flag server of its own for I/O work. Measured timings never
// come from this run (tracing slows a program down); it is there to show
// what the scheduler did.
func (e Experiment) TraceRun(ctx context.Context, m Measurement, opt RunOptions) (*Trace, error) {
	if e.Workload != "io" && e.Workload != "cpu" {
		return nil, fmt.Errorf("trace %s: only io and cpu work can be traced, not %q", e.Name, e.Workload)
	}
	if m.Tasks <= 0 {
		return nil, fmt.Errorf("trace %s: number of tasks must be > 0, got %d", e.Name, m.Tasks)
	}
	base := opt.Target
	if e.Workload == "io" && base == "" {
		// In a process of its own, so the server's goroutines stay out of
		// the trace.
		srv, err := flagserver.StartProcess(flagserver.Config{Delay: e.Delay, Jitter: e.Jitter, Seed: 1})
		if err != nil {
			return nil, fmt.Errorf("trace %s: %w", e.Name, err)
		}
		defer srv.Close()
		base = srv.URL
	}
	dir := opt.Dir
	if e.Kernel == "flags" && dir == "" {
		tmp, err := os.MkdirTemp("", "flags-trace-")
		if err != nil {
			return nil, fmt.Errorf("trace %s: %w", e.Name, err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	runner, err := NewRunner(m.Model, m.Workers)
	if err != nil {
		return nil, fmt.Errorf("trace %s: %w", e.Name, err)
	}
	client := NewHTTPClient(max(1, min(m.Workers, m.Tasks)))
	defer client.CloseIdleConnections()
	size := m.Size
	if size == 0 {
		size = e.kernelSize()
	}
	tasks, err := e.tasks(client, base, dir, m.Tasks, size)
	if err != nil {
		return nil, fmt.Errorf("trace %s: %w", e.Name, err)
	}
	if m.GOMAXPROCS > 0 {
		prev := runtime.GOMAXPROCS(m.GOMAXPROCS)
		defer runtime.GOMAXPROCS(prev)
	}
	rep, tr, err := RunTraced(ctx, runner, tasks)
	if err != nil {
		return nil, err
	}
	if err := rep.Err(); err != nil {
		return tr, fmt.Errorf("trace %s: %d tasks failed, the first: %w", e.Name, rep.Errors(), err)
	}
	return tr, nil
}

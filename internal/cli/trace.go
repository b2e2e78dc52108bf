package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/plots"
)

// checkTraceFlag refuses --trace where there is nothing the tracer can show.
func checkTraceFlag(dir string, exp lib.Experiment) error {
	if dir != "" && exp.Workload != "cpu" && exp.Workload != "io" {
		return usagef("--trace: only io and cpu work can be traced, not %s", exp.Workload)
	}
	return nil
}

// writeTraces runs every configuration rs measured once more under Go's
// execution tracer — after the measured runs, so no timing in rs comes
// from a traced run — and writes to dir, for each, NAME.trace.json (the
// slices, see lib.Trace) and NAME.trace (for `go tool trace`), then one
// figure of them all, EXPERIMENT-trace.svg and .png: one lane per P for
// CPU work, one per OS thread for I/O.
func writeTraces(ctx context.Context, exp lib.Experiment, rs *lib.ResultSet, opt lib.RunOptions, dir string, stderr io.Writer) error {
	var traces []*lib.Trace
	for _, m := range rs.Results {
		if err := ctx.Err(); err != nil {
			return err
		}
		tr, err := exp.TraceRun(ctx, m, opt)
		if err != nil {
			return err
		}
		name := lib.TraceName(exp.Name, m)
		if err := lib.SaveTrace(tr, dir, name); err != nil {
			return err
		}
		jsonPath, rawPath := lib.TraceFiles(dir, name)
		fmt.Fprintf(stderr, "trace: %s\n  %s\n  %s (open it with: go tool trace %s)\n", tr.Summary(), jsonPath, rawPath, rawPath)
		traces = append(traces, tr)
	}
	if len(traces) == 0 {
		return fmt.Errorf("--trace: no configuration was measured, so none was traced")
	}
	lanes, what := plots.ByP, "one lane per P"
	if exp.Workload == "io" {
		lanes, what = plots.ByM, "one lane per OS thread"
	}
	title := rs.Title
	if title == "" {
		title = "bench " + exp.Name
	}
	fig, err := plots.TraceTimeline(title+", traced: "+what, lanes, traces...)
	if err != nil {
		return err
	}
	for _, ext := range plots.Formats {
		path := filepath.Join(dir, exp.Name+"-trace."+ext)
		if err := plots.Save(fig, path); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "trace figure: %s\n", path)
	}
	return nil
}

package show

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gomeasure/concurrency/lib"
	_ "github.com/gomeasure/concurrency/lib/python" // the Python comparisons of chapters 3 and 4
)

// Experiment runs one of the tutorial's experiments (lib.Experiments) by
// name — scaled down by Experiment.Quick unless full is true — and
// returns its results. It panics if the experiment is unknown or cannot
// run: in a notebook the panic is the cell's visible error, and a
// notebook run by CI fails instead of drawing empty figures. The one
// exception is an optional experiment this machine lacks the tools for
// (the Python comparison without python3): it says what to install and
// returns nil.
func Experiment(name string, full bool) *lib.ResultSet {
	def, err := lib.LookupExperiment(name)
	if err != nil {
		panic(err)
	}
	e := def
	if !full {
		e = def.Quick()
	}
	start := time.Now()
	rs, err := e.Run(context.Background(), lib.RunOptions{Progress: lib.ProgressFromEnv(name)})
	if errors.Is(err, lib.ErrUnavailable) && e.Optional {
		Markdown(fmt.Sprintf("*%s was skipped: %s*", name, oneLine(err.Error())))
		return nil
	}
	if err != nil {
		panic(fmt.Errorf("experiment %s: %w", name, err))
	}
	scale := "at " + e.Scale()
	if !full {
		scale += " — quick mode"
		if c := def.QuickChanges(); c != "" {
			scale += ": " + c
		}
	}
	// Saved where `go run . plots --from` and chapter 8 read results.
	path := lib.ResultsFile(lib.ResultsDir(), name)
	if err := rs.Save(path); err != nil {
		panic(fmt.Errorf("experiment %s: %w", name, err))
	}
	n := len(rs.Results) + len(rs.Memory)
	configs := "configurations"
	if n == 1 {
		configs = "configuration"
	}
	Markdown(fmt.Sprintf("*%s: %d %s measured in %s, %s; saved to `results/%s.json`*", e.Name, n, configs, time.Since(start).Round(100*time.Millisecond), scale, name))
	if errs := rs.Errors(); errs > 0 {
		Error(fmt.Errorf("experiment %s: %d tasks failed in the median runs", name, errs))
	}
	return rs
}

// Saved reads the results an earlier run of the named experiment saved —
// from a notebook cell, `go run . bench NAME --save` or `go run . plots`.
func Saved(name string) (*lib.ResultSet, error) {
	rs, err := lib.LoadResults(lib.ResultsFile(lib.ResultsDir(), name))
	if err != nil {
		return nil, fmt.Errorf("%w (run its chapter or `go run . plots` first)", err)
	}
	return rs, nil
}

// Stats displays a table of a result set: one row per measurement with the
// median and its 95% confidence interval (as benchstat prints it), the
// fastest and slowest run and, for I/O against the flag server, the most
// requests it counted in flight at once; or one row per memory point.
func Stats(rs *lib.ResultSet) {
	if rs == nil {
		Error(fmt.Errorf("show: no results"))
		return
	}
	if len(rs.Memory) > 0 {
		var rows [][]string
		for _, m := range rs.Memory {
			rows = append(rows, []string{strconv.Itoa(m.Goroutines), fmt.Sprintf("%.1f MiB", float64(m.TotalBytes)/(1<<20)),
				fmt.Sprintf("%.0f B", m.BytesPerGoroutine)})
		}
		Table([]string{"goroutines", "memory in use", "per goroutine"}, rows)
	}
	if len(rs.Results) == 0 {
		return
	}
	peaks := false
	for _, m := range rs.Results {
		peaks = peaks || m.PeakInFlight > 0
	}
	var rows [][]string
	for _, m := range rs.Results {
		row := []string{m.Model, strconv.Itoa(m.Tasks), strconv.Itoa(m.Workers), strconv.Itoa(m.GOMAXPROCS),
			m.CI().String(), Seconds(m.MinS), Seconds(m.MaxS), strconv.Itoa(len(m.RunsS)), strconv.Itoa(m.Errors)}
		if peaks {
			row = append(row, strconv.Itoa(m.PeakInFlight))
		}
		rows = append(rows, row)
	}
	headers := []string{"model", "tasks", "workers", "GOMAXPROCS", "median ± 95% CI", "fastest", "slowest", "runs", "failed"}
	if peaks {
		headers = append(headers, "peak in flight")
	}
	Table(headers, rows)
}

// Runs displays every measured run of a result set, with the first error
// message of configurations that had failures.
func Runs(rs *lib.ResultSet) {
	if rs == nil {
		Error(fmt.Errorf("show: no results"))
		return
	}
	runs := 0
	for _, m := range rs.Results {
		runs = max(runs, len(m.RunsS))
	}
	headers := []string{"model", "tasks", "workers"}
	for i := range runs {
		headers = append(headers, strconv.Itoa(i+1))
	}
	headers = append(headers, "min", "max", "average", "median ± 95% CI", "failed")
	var rows [][]string
	for _, m := range rs.Results {
		row := []string{m.Model, strconv.Itoa(m.Tasks), strconv.Itoa(m.Workers)}
		for i := range runs {
			cell := ""
			if i < len(m.RunsS) {
				cell = Seconds(m.RunsS[i])
			}
			row = append(row, cell)
		}
		row = append(row, Seconds(m.MinS), Seconds(m.MaxS), Seconds(m.MeanS), m.CI().String(), strconv.Itoa(m.Errors))
		rows = append(rows, row)
	}
	Table(headers, rows)
	for _, m := range rs.Results {
		if len(m.ErrorSamples) > 0 {
			Error(fmt.Errorf("%s, %d tasks: %s", m.Model, m.Tasks, m.ErrorSamples[0]))
		}
	}
}

// Seconds formats a duration in seconds with three significant digits, in
// s, ms or µs: "1.23 s", "212 ms", "85.1 µs" (lib.FormatSeconds).
func Seconds(s float64) string { return lib.FormatSeconds(s) }

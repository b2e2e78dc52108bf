package cli

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/gomeasure/concurrency/lib"
)

// printResults writes the results as JSON, CSV or a table.
func printResults(w io.Writer, rs *lib.ResultSet, asJSON, asCSV bool) error {
	switch {
	case asJSON:
		return rs.WriteJSON(w)
	case asCSV:
		return rs.WriteCSV(w)
	}
	printEnv(w, rs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if len(rs.Memory) > 0 {
		fmt.Fprintln(tw, "goroutines\ttotal\tper goroutine\t")
		for _, m := range rs.Memory {
			fmt.Fprintf(tw, "%d\t%.1f MiB\t%.0f B\t\n", m.Goroutines, float64(m.TotalBytes)/(1<<20), m.BytesPerGoroutine)
		}
		return tw.Flush()
	}
	fmt.Fprintln(tw, "model\ttasks\tworkers\tGOMAXPROCS\tmedian ± 95% CI\tmin\tmax\truns\terrors\t")
	for _, m := range rs.Results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%d\t%d\t\n", m.Model, m.Tasks, m.Workers, m.GOMAXPROCS,
			m.CI(), lib.FormatSeconds(m.MinS), lib.FormatSeconds(m.MaxS), len(m.RunsS), m.Errors)
	}
	return tw.Flush()
}

// printEnv writes the table's title line: the experiment and the machine.
func printEnv(w io.Writer, rs *lib.ResultSet) {
	env := rs.Env
	title := cmp.Or(rs.Title, "bench "+rs.Experiment)
	fmt.Fprintf(w, "%s — %d CPUs (%s), GOMAXPROCS %d, %s", title, env.NumCPU, env.CPUModel, env.GOMAXPROCS, env.GoVersion)
	if py := env.Python; py != nil {
		gil := "with the GIL"
		if !py.GIL {
			gil = "free-threaded, GIL off"
		}
		fmt.Fprintf(w, ", Python %s (%s)", py.Version, gil)
	}
	fmt.Fprint(w, "\n\n")
}

// summarizeErrors prints the distinct task errors and fails the command if
// there were any: results are shown, but a run with errors is not a clean
// measurement.
func summarizeErrors(rs *lib.ResultSet, stderr io.Writer) error {
	if rs.Errors() == 0 {
		return nil
	}
	counts := map[string]int{}
	for _, m := range rs.Results {
		for _, s := range m.ErrorSamples {
			counts[s]++
		}
	}
	msgs := slices.Sorted(maps.Keys(counts))
	fmt.Fprintf(stderr, "bench: %d tasks failed (in the median runs); distinct errors:\n", rs.Errors())
	for _, s := range msgs {
		fmt.Fprintf(stderr, "  %s\n", s)
	}
	return fmt.Errorf("%d tasks failed: %s", rs.Errors(), strings.Join(msgs[:min(len(msgs), 1)], ""))
}

package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"

	"github.com/gomeasure/concurrency/lib"
)

const compareUsage = `usage: go run . bench compare OLD NEW

OLD and NEW are results files (results/NAME.json) or folders of them.
For every configuration measured in both, prints the old and new median
± 95% interval and the change, "~" when the Mann–Whitney U test finds no
significant difference (as benchstat does); then every conclusion that
flipped: a pair of configurations whose significant order changed.`

// runCompare is `bench compare OLD NEW`.
func runCompare(args []string, stdout io.Writer) error {
	if len(args) != 2 {
		return usagef("%s", compareUsage)
	}
	olds, err := loadResultSets(args[0])
	if err != nil {
		return err
	}
	news, err := loadResultSets(args[1])
	if err != nil {
		return err
	}
	flipped, compared := 0, 0
	for _, name := range slices.Sorted(maps.Keys(olds)) {
		nw, ok := news[name]
		if !ok {
			continue
		}
		compared++
		fmt.Fprintf(stdout, "%s\n", name)
		compareSets(stdout, olds[name], nw)
		for _, f := range flips(olds[name], nw) {
			if flipped == 0 {
				fmt.Fprintln(stdout, "conclusions that flipped:")
			}
			flipped++
			fmt.Fprintf(stdout, "  ✘ %s\n", f)
		}
		fmt.Fprintln(stdout)
	}
	if compared == 0 {
		return usagef("no experiment is in both %s and %s", args[0], args[1])
	}
	if flipped == 0 {
		fmt.Fprintf(stdout, "%s compared; no conclusion flipped\n", plural(compared, "experiment"))
	} else {
		fmt.Fprintf(stdout, "%s compared; %s flipped\n", plural(compared, "experiment"), plural(flipped, "conclusion"))
	}
	return nil
}

// configKey names a configuration the same way in two runs.
func configKey(m lib.Measurement) string {
	k := fmt.Sprintf("%s:%d tasks=%d", m.Model, m.Workers, m.Tasks)
	if m.Workload == "cpu" {
		k += fmt.Sprintf(" GOMAXPROCS=%d", m.GOMAXPROCS)
	}
	if m.Size > 0 {
		k += fmt.Sprintf(" size=%d", m.Size)
	}
	return k
}

// compareSets prints the benchstat-style table of one experiment.
func compareSets(w io.Writer, old, nw *lib.ResultSet) {
	byKey := map[string]lib.Measurement{}
	for _, m := range old.Results {
		byKey[configKey(m)] = m
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  configuration\told\tnew\tchange\ttest\t")
	for _, m := range nw.Results {
		o, ok := byKey[configKey(m)]
		if !ok {
			continue
		}
		c := lib.Compare(o, m)
		change := "~"
		if c.P < lib.Alpha {
			change = fmt.Sprintf("%+.1f%%", 100*(m.CI().Median/o.CI().Median-1))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", configKey(m), o.CI(), m.CI(), change, c)
	}
	tw.Flush()
}

// flips lists the pairs of configurations measured at the same size whose
// significant order differs between the two runs: "A faster than B" in one
// and not in the other.
func flips(old, nw *lib.ResultSet) []string {
	order := func(rs *lib.ResultSet) map[string]string {
		out := map[string]string{}
		for i, a := range rs.Results {
			for _, b := range rs.Results[i+1:] {
				if a.Tasks != b.Tasks || a.Workload != b.Workload {
					continue
				}
				c := lib.Compare(a, b)
				verdict := "no significant difference"
				switch {
				case c.Significant && c.Ratio > 1:
					verdict = "first faster"
				case c.Significant && c.Ratio < 1:
					verdict = "second faster"
				}
				out[configKey(a)+" vs "+configKey(b)] = verdict
			}
		}
		return out
	}
	before, after := order(old), order(nw)
	var out []string
	for _, pair := range slices.Sorted(maps.Keys(after)) {
		if was, ok := before[pair]; ok && was != after[pair] {
			out = append(out, fmt.Sprintf("%s: %s, now %s", pair, was, after[pair]))
		}
	}
	return out
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/plots"
)

// plotsCommand is the `plots` command.
var plotsCommand = &Command{
	Name:    "plots",
	Summary: "run the experiments (or read saved results) and draw every figure as SVG and PNG",
	Run:     runPlots,
}

// FiguresDir is where `plots` writes figures by default.
const FiguresDir = "plots/figures"

// plotsOptions are the settings of one `plots` run, shared with `build`.
type plotsOptions struct {
	out     string   // figures folder
	results string   // where results are written (or read, with from)
	from    string   // read saved results from here instead of measuring
	quick   bool     // scaled-down experiments
	only    []string // experiment names; empty for all
	python  bool     // also the optional Python comparisons
}

func runPlots(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plots", stderr)
	var o plotsOptions
	fs.StringVar(&o.out, "out", FiguresDir, "folder for the figures (SVG and PNG)")
	fs.StringVar(&o.results, "results", lib.ResultsDir(), "folder for the results JSON (default with --out: DIR/results)")
	fs.StringVar(&o.from, "from", "", "draw from the results saved in this folder instead of measuring")
	fs.BoolVar(&o.quick, "quick", false, "scaled-down delays and sizes, 3 runs (under a minute)")
	only := fs.String("only", "", "comma-separated experiment names (default: all)")
	fs.BoolVar(&o.python, "with-python", false, "also run the Go-and-Python comparisons (python-*), which need python3 with requests and aiohttp")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	// A trial run with --out keeps its results beside its figures: only
	// build and a plain `plots` replace the published results.
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["out"] && !set["results"] {
		o.results = filepath.Join(o.out, "results")
	}
	if *only != "" {
		var err error
		if o.only, err = parseList("only", *only); err != nil {
			return err
		}
	}
	return makePlots(ctx, o, stdout, stderr)
}

// makePlots measures (or loads) the results and writes every figure.
func makePlots(ctx context.Context, o plotsOptions, stdout, stderr io.Writer) error {
	var sets map[string]*lib.ResultSet
	var err error
	if o.from != "" {
		sets, err = loadResults(o.from, o.only)
	} else {
		sets, err = measureAll(ctx, o, stdout, stderr)
	}
	if err != nil {
		return err
	}
	figs, drawErr := plots.All(sets)
	if _, err := plots.WriteAll(figs, o.out); err != nil {
		return fmt.Errorf("write figures: %w", err)
	}
	fmt.Fprintf(stdout, "plots: %d figures (SVG and PNG) in %s\n", len(figs), o.out)
	return drawErr
}

// measureAll runs the chosen experiments one by one, saving each one's
// results as soon as it finishes: an interrupted run keeps what it
// measured, and earlier files stay until their replacement is complete.
func measureAll(ctx context.Context, o plotsOptions, stdout, stderr io.Writer) (map[string]*lib.ResultSet, error) {
	exps, err := chooseExperiments(o.only, o.python)
	if err != nil {
		return nil, err
	}
	sets := map[string]*lib.ResultSet{}
	for _, e := range exps {
		if e.Check != nil {
			if err := e.Check(ctx); err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				fmt.Fprintf(stderr, "plots: skipping %s: %s\n", e.Name, oneLine(err))
				continue
			}
		}
		if o.quick {
			e = e.Quick()
		}
		start := time.Now()
		bar := newProgress(stderr, e.Name, false)
		rs, err := e.Run(ctx, lib.RunOptions{Progress: bar.update})
		bar.done()
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("interrupted during %s; %s before it saved, no figure changed: %w", e.Name, plural(len(sets), "experiment"), ctx.Err())
			}
			return nil, fmt.Errorf("experiment %s: %w", e.Name, err)
		}
		path := lib.ResultsFile(o.results, e.Name)
		if err := rs.Save(path); err != nil {
			return nil, err
		}
		note := ""
		if n := rs.Errors(); n > 0 {
			note = fmt.Sprintf(" (%d tasks failed)", n)
		}
		fmt.Fprintf(stdout, "plots: %-13s measured in %5.1f s → %s%s\n", e.Name, time.Since(start).Seconds(), path, note)
		sets[e.Name] = rs
	}
	return sets, nil
}

// chooseExperiments returns the named experiments, or all of them — the
// optional ones (the Python comparison) only with python set, which keeps
// the default run within its time budget and free of Python.
func chooseExperiments(only []string, python bool) ([]lib.Experiment, error) {
	if len(only) == 0 {
		var out []lib.Experiment
		for _, e := range lib.Experiments() {
			if python || !e.Optional {
				out = append(out, e)
			}
		}
		return out, nil
	}
	var out []lib.Experiment
	for _, name := range only {
		e, err := lib.LookupExperiment(name)
		if err != nil {
			return nil, &UsageError{Err: err}
		}
		out = append(out, e)
	}
	return out, nil
}

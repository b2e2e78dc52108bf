package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/internal/jupyter"
	"github.com/gomeasure/concurrency/lib"
)

// notebooksCommand is the `notebooks` command.
var notebooksCommand = &Command{
	Name:    "notebooks",
	Summary: "notebooks run [NAMES...]: execute the notebooks with GoNB, no Jupyter needed",
	Run:     runNotebooks,
}

func runNotebooks(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "run" {
		return usagef("usage: go run . notebooks run [NAMES...] [--out DIR] [--fresh] [--timeout-per-cell D] [--param NAME=VALUE]...")
	}
	fs := newFlagSet("notebooks run", stderr)
	out := fs.String("out", "", "write executed notebooks into this folder (default: in place)")
	timeout := 10 * time.Minute
	fs.Var(durationFlag{&timeout}, "timeout-per-cell", "interrupt a cell that runs longer than this")
	fresh := fs.Bool("fresh", false, "run every notebook, even those whose saved outputs are current")
	params := paramFlag{}
	fs.Var(params, "param", "NAME=VALUE: set a parameter of the notebooks' cell tagged parameters, as papermill does (repeatable)")
	names, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	root, err := lib.ModuleRoot()
	if err != nil {
		return &UsageError{Err: err}
	}
	paths, err := findNotebooks(filepath.Join(root, "notebooks"), names)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return &UsageError{Err: err}
		}
	}
	cache, err := newNotebookCache(ctx, root, params)
	if err != nil {
		return err
	}
	if paths, err = cache.plan(stdout, paths, *out, *fresh); err != nil || len(paths) == 0 {
		return err
	}
	kopt, err := jupyter.FindKernel()
	if err != nil {
		return err
	}
	if kopt.Env, err = trialResultsEnv(kopt.Env, *out); err != nil {
		return &UsageError{Err: err}
	}
	start := time.Now()
	for i, p := range paths {
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(stdout, "notebooks: running %s\n", rel)
		t := time.Now()
		chapter, _, _ := strings.Cut(filepath.Base(p), "-")
		bars := newExperimentBars(stderr, chapter)
		err := jupyter.RunNotebook(ctx, p, jupyter.RunOptions{Kernel: kopt, Out: *out, CellTimeout: timeout, Log: stdout, Params: params, Progress: bars.update})
		bars.close()
		if err != nil && ctx.Err() != nil {
			return fmt.Errorf("interrupted during %s, left as it was; %s before it saved: %w", rel, plural(i, "notebook"), ctx.Err())
		}
		if err != nil {
			return err
		}
		if err := cache.save(p, runTarget(p, *out)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "notebooks: %s done in %.1f s\n", rel, time.Since(t).Seconds())
	}
	fmt.Fprintf(stdout, "notebooks: %s in %.0f s\n", plural(len(paths), "notebook"), time.Since(start).Seconds())
	return nil
}

// findNotebooks resolves names — file names, or prefixes such as "03" — to
// notebook paths; with no names, every notebook in name order.
func findNotebooks(dir string, names []string) ([]string, error) {
	all, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if err != nil {
		return nil, err
	}
	// Hidden files are scratch copies (the Jupyter cross-check's), not chapters.
	all = slices.DeleteFunc(all, func(p string) bool { return strings.HasPrefix(filepath.Base(p), ".") })
	sort.Strings(all)
	if len(all) == 0 {
		return nil, usagef("no notebooks in %s", dir)
	}
	if len(names) == 0 {
		return all, nil
	}
	var out []string
	for _, n := range names {
		var match []string
		for _, p := range all {
			base := filepath.Base(p)
			if base == n || base == n+".ipynb" || strings.HasPrefix(base, n) || p == n {
				match = append(match, p)
			}
		}
		if len(match) == 0 {
			return nil, usagef("no notebook matches %q in %s", n, dir)
		}
		out = append(out, match...)
	}
	return out, nil
}

// trialResultsEnv sends the results of a run with --out to DIR/results, as
// plots --out does: the cells save every experiment they run, and a trial
// run (a quick scale, a changed cell) must not replace the published
// results/ that the figures and chapter 8 read. A results folder the caller
// chose through lib.ResultsEnv is kept.
func trialResultsEnv(env []string, out string) ([]string, error) {
	if out == "" || os.Getenv(lib.ResultsEnv) != "" {
		return env, nil
	}
	dir, err := filepath.Abs(filepath.Join(out, "results"))
	if err != nil {
		return nil, fmt.Errorf("results folder for --out %q: %w", out, err)
	}
	return append(slices.Clip(env), lib.ResultsEnv+"="+dir), nil
}

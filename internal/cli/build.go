package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

// buildCommand is the `build` command.
var buildCommand = &Command{
	Name:    "build",
	Summary: "do it all: build the kernel, run the notebooks, draw the figures, render the site",
	Run:     runBuild,
}

// runBuild chains the other commands. The notebooks run the experiments
// and save their results; the figures are then drawn from those very
// results, so every number the site shows was measured once, by this run.
func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", stderr)
	noNotebooks := fs.Bool("no-notebooks", false, "skip the kernel and the notebooks: measure the figures directly (quick mode) and render the notebooks as they are")
	strict := fs.Bool("strict", false, "exit with status 1 if any claim the chapters check did not hold")
	fresh := fs.Bool("fresh", false, "re-run every notebook, even those whose saved outputs are current")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	type step struct {
		cmd  *Command
		args []string
	}
	run := []string{"run"}
	if *fresh {
		run = append(run, "--fresh")
	}
	steps := []step{
		{kernelCommand, []string{"install"}},
		{notebooksCommand, run},
		{plotsCommand, []string{"--from", lib.ResultsDir()}},
		{siteCommand, nil},
	}
	if *noNotebooks {
		steps = []step{{plotsCommand, []string{"--quick"}}, {siteCommand, nil}}
	}
	start := time.Now()
	for i, s := range steps {
		fmt.Fprintf(stdout, "\n== build %d/%d: go run . %s %v\n", i+1, len(steps), s.cmd.Name, s.args)
		stepStart := time.Now()
		if err := s.cmd.Run(ctx, s.args, stdout, stderr); err != nil {
			return fmt.Errorf("build step %q: %w", s.cmd.Name, err)
		}
		fmt.Fprintf(stdout, "== %s done in %.1f s\n", s.cmd.Name, time.Since(stepStart).Seconds())
	}
	fmt.Fprintf(stdout, "\nbuild finished in %.0f s\n", time.Since(start).Seconds())
	root, err := lib.ModuleRoot()
	if err != nil {
		return err
	}
	chapters, err := findNotebooks(filepath.Join(root, "notebooks"), nil)
	if err != nil {
		return err
	}
	tally, err := tallyClaims(chapters)
	if err != nil {
		return err
	}
	tally.write(stdout)
	if *strict && len(tally.failed) > 0 {
		return fmt.Errorf("--strict: %s did not hold", plural(len(tally.failed), "claim"))
	}
	return nil
}

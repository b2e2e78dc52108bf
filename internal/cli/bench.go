package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/gomeasure/concurrency/internal/textutil"
	"github.com/gomeasure/concurrency/lib"
)

// benchCommand is the `bench` command.
var benchCommand = &Command{
	Name:    "bench",
	Summary: "measure execution models: bench io|cpu|memory|list|EXPERIMENT [flags]",
	Run:     runBench,
}

const benchUsage = `usage:
  go run . bench io  --model M[,M...] --tasks N[,N...] [--workers W] [--delay D] [--jitter D]
                     [--kernel flags|slow|post] [--target URL [--allow-remote]] [--repeat R] [--json|--csv]
  go run . bench cpu --model M[,M...] [--tasks N] [--size S] [--kernel sumsquares|primes|blur]
                     [--workers W] [--gomaxprocs P[,P...]] [--parallelism P[,P...]] [--repeat R] [--json|--csv]
                     [--trace DIR]   (also io: after measuring, trace each configuration once; see README)
  go run . bench memory [--tasks N[,N...]] [--json]
  go run . bench compare OLD NEW   (results files or folders: changes, significance, flipped conclusions)
  go run . bench EXPERIMENT [--quick] [--json|--csv] [--save FILE]   (see: go run . bench list)

A model may carry its own worker count: --model pool:10,processes:4.
Models: ` + "sequential, goroutines, pool, errgroup, gil, singlethread, processes" + `
Python models (python3 with requests and aiohttp): py-sequential, py-threads, py-processes, py-asyncio;
--with-python adds the Python counterpart of every model given (goroutines: py-threads and py-asyncio).`

// politeConcurrency caps workers against a server that is not ours.
const politeConcurrency = 4

// runBench parses the request, runs it and prints what it measured.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stdout, benchUsage)
		return nil
	}
	what, args := args[0], args[1:]
	switch what {
	case "compare":
		return runCompare(args, stdout)
	case "list":
		listExperiments(stdout)
		return nil
	}
	req, err := parseBench(ctx, what, args, stderr)
	if err != nil {
		return err
	}
	rs, err := req.run(ctx, stderr)
	return req.print(ctx, rs, err, stdout, stderr)
}

// listExperiments prints the named experiments and the models.
func listExperiments(w io.Writer) {
	for _, e := range lib.Experiments() {
		fmt.Fprintf(w, "%-13s %s\n", e.Name, e.Title)
	}
	fmt.Fprintln(w)
	for _, name := range lib.KnownModels() {
		m, _ := lib.LookupModel(name)
		fmt.Fprintf(w, "%-13s %s\n", m.Name, m.Info)
	}
}

// benchRequest is a parsed bench command line: what to run, how, and what
// to do with the results.
type benchRequest struct {
	exp      lib.Experiment
	opt      lib.RunOptions
	asJSON   bool
	asCSV    bool
	save     string
	traceDir string
}

// run measures the experiment, with a progress bar unless the output is
// for a program.
func (r *benchRequest) run(ctx context.Context, stderr io.Writer) (*lib.ResultSet, error) {
	bar := newProgress(stderr, "bench "+r.exp.Name, r.asJSON || r.asCSV)
	opt := r.opt
	opt.Progress = bar.update
	rs, err := r.exp.Run(ctx, opt)
	bar.done()
	return rs, err
}

// print shows what was measured — even when the run was interrupted — saves
// it when asked, then reports the run's error, writes the traces asked for
// and fails if tasks failed.
func (r *benchRequest) print(ctx context.Context, rs *lib.ResultSet, err error, stdout, stderr io.Writer) error {
	if rs != nil && len(rs.Results)+len(rs.Memory) > 0 {
		if perr := printResults(stdout, rs, r.asJSON, r.asCSV); perr != nil {
			return perr
		}
		if r.save != "" {
			if serr := rs.Save(r.save); serr != nil {
				return serr
			}
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			if rs == nil || len(rs.Results) == 0 {
				return fmt.Errorf("interrupted before any configuration finished: %w", ctx.Err())
			}
			return fmt.Errorf("interrupted after %s (shown above): %w", plural(len(rs.Results), "finished configuration"), ctx.Err())
		}
		return err
	}
	if r.traceDir != "" {
		if err := writeTraces(ctx, r.exp, rs, r.opt, r.traceDir, stderr); err != nil {
			return err
		}
	}
	return summarizeErrors(rs, stderr)
}

// plural writes "1 thing" or "n things" (textutil.Plural).
func plural(n int, thing string) string { return textutil.Plural(n, thing) }

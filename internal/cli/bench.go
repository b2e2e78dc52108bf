package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gomeasure/concurrency/internal/textutil"
	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/python"
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
	for _, m := range lib.KnownModels() {
		info := lib.ModelInfo[m]
		if x, ok := lib.External(m); ok {
			info = x.Info
		}
		fmt.Fprintf(w, "%-13s %s\n", m, info)
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

// benchFlags are bench's flags, before they are checked.
type benchFlags struct {
	models, tasks, kernel, target, procs, parallelism, save, traceDir *string
	workers, repeat, size                                             *int
	allowRemote, asJSON, asCSV, quick, withPython                     *bool
	delay, jitter                                                     time.Duration
	set                                                               map[string]bool // the flags given
}

func newBenchFlags(fs *flag.FlagSet) *benchFlags {
	f := &benchFlags{delay: 100 * time.Millisecond}
	f.models = fs.String("model", "", "models to compare, comma-separated (name or name:workers)")
	f.tasks = fs.String("tasks", "20", "numbers of tasks, comma-separated")
	f.workers = fs.Int("workers", 0, "workers of pool, errgroup, gil and processes (default: 20 for io, NumCPU for cpu)")
	f.kernel = fs.String("kernel", "", "io: flags|slow|post; cpu: sumsquares|primes|blur")
	f.target = fs.String("target", "", "base URL of a running flag server (loopback only)")
	f.allowRemote = fs.Bool("allow-remote", false, "allow a non-loopback --target; caps concurrency at 4")
	f.repeat = fs.Int("repeat", 5, "measured runs per configuration, after one warm-up")
	f.size = fs.Int("size", 0, "cpu kernel size: sum of squares base n (5000000), blur image width (1024)")
	f.procs = fs.String("gomaxprocs", "", "GOMAXPROCS values to try, comma-separated")
	f.parallelism = fs.String("parallelism", "", "values p to run with GOMAXPROCS=p and p workers")
	f.asJSON = fs.Bool("json", false, "print one JSON document instead of a table")
	f.asCSV = fs.Bool("csv", false, "print CSV instead of a table")
	f.quick = fs.Bool("quick", false, "named experiments: scaled-down delays and sizes, 3 runs")
	f.save = fs.String("save", "", "also save the JSON results to this file")
	f.withPython = fs.Bool("with-python", false, "also run the Python counterparts of the models (py-*) with python3, on the same tasks")
	f.traceDir = fs.String("trace", "", "after measuring, run each configuration once under the execution tracer and write its trace and a figure to this folder")
	fs.Var(durationFlag{&f.delay}, "delay", "server delay per request (embedded server)")
	fs.Var(durationFlag{&f.jitter}, "jitter", "extra random server delay, up to this much")
	return f
}

// parseBench reads bench's flags into a request and checks it, the
// target server included.
func parseBench(ctx context.Context, what string, args []string, stderr io.Writer) (*benchRequest, error) {
	fs := newFlagSet("bench "+what, stderr)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), benchUsage) }
	f := newBenchFlags(fs)
	if err := parseOnlyFlags(fs, args); err != nil {
		return nil, err
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if *f.asJSON && *f.asCSV {
		return nil, usagef("--json and --csv: choose one output format")
	}
	exp, err := f.experiment(what)
	if err != nil {
		return nil, err
	}
	if exp.Workload != "memory" {
		if exp.Models = pythonModels(exp, *f.withPython, stderr); len(exp.Models) == 0 {
			return nil, usagef("no model left to run")
		}
	}
	if err := exp.Validate(); err != nil {
		return nil, &UsageError{Err: err}
	}
	if err := checkTraceFlag(*f.traceDir, exp); err != nil {
		return nil, err
	}
	req := &benchRequest{exp: exp, asJSON: *f.asJSON, asCSV: *f.asCSV, save: *f.save, traceDir: *f.traceDir}
	if *f.target != "" {
		if exp.Workload != "io" {
			return nil, usagef("--target only applies to io workloads")
		}
		if err := checkTarget(ctx, *f.target, *f.allowRemote); err != nil {
			return nil, err
		}
		req.opt.Target = *f.target
		if *f.allowRemote {
			req.opt.MaxConcurrency = politeConcurrency
		}
	}
	return req, nil
}

// experiment builds the experiment the flags ask for: an ad hoc one for
// io, cpu and memory, or a named one from the catalogue.
func (f *benchFlags) experiment(what string) (lib.Experiment, error) {
	switch what {
	case "io", "cpu", "memory":
		return f.adhoc(what)
	}
	exp, err := lib.LookupExperiment(what)
	if err != nil {
		return exp, usagef("%v; or use io, cpu, memory, list", err)
	}
	if *f.quick {
		exp = exp.Quick()
	}
	if f.set["repeat"] {
		exp.Repeat = *f.repeat
	}
	return exp, nil
}

// adhoc builds an io, cpu or memory experiment from the flags.
func (f *benchFlags) adhoc(what string) (lib.Experiment, error) {
	exp := lib.Experiment{Name: what, Workload: what, Repeat: *f.repeat, Delay: f.delay, Jitter: f.jitter, Size: *f.size}
	if *f.repeat <= 0 {
		return exp, usagef("--repeat: %d is not > 0", *f.repeat)
	}
	sizes, err := parseInts("tasks", *f.tasks)
	if err != nil {
		return exp, err
	}
	exp.Sizes = sizes
	if what == "memory" {
		if !f.set["tasks"] {
			exp.Sizes = []int{1000, 10000, 100000}
		}
		exp.Repeat = 1
		return exp, nil
	}
	exp.Kernel = cmp.Or(*f.kernel, map[string]string{"io": "flags", "cpu": "sumsquares"}[what])
	names := cmp.Or(*f.models, map[string]string{"io": "sequential,goroutines,pool", "cpu": "sequential,goroutines,gil"}[what])
	if exp.Models, err = parseList("model", names); err != nil {
		return exp, err
	}
	for _, m := range exp.Models {
		if _, err := lib.ParseModel(m); err != nil {
			return exp, usagef("--model: %v", err)
		}
	}
	if f.set["workers"] {
		if *f.workers <= 0 {
			return exp, usagef("--workers: %d is not > 0", *f.workers)
		}
		exp.Workers = []int{*f.workers}
	}
	if *f.procs != "" {
		if exp.GOMAXPROCS, err = parseInts("gomaxprocs", *f.procs); err != nil {
			return exp, err
		}
	}
	if *f.parallelism != "" {
		if exp.Parallelism, err = parseInts("parallelism", *f.parallelism); err != nil {
			return exp, err
		}
	}
	if *f.size < 0 {
		return exp, usagef("--size: %d is negative", *f.size)
	}
	return exp, nil
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

// targetTimeout is how long a --target server has to answer the probe.
const targetTimeout = 5 * time.Second

// checkTarget refuses a target that is not a loopback http URL (unless
// allowed) or that does not answer a flag request.
func checkTarget(ctx context.Context, target string, allowRemote bool) error {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--target: %q is not an http:// URL", target)
	}
	if !allowRemote && !lib.IsLoopbackHost(u.Hostname()) {
		return usagef("--target: %q is not a loopback address; pass --allow-remote to measure someone else's server (concurrency is then capped at %d)", target, politeConcurrency)
	}
	pctx, cancel := context.WithTimeout(ctx, targetTimeout)
	defer cancel()
	probe := lib.FlagURL(target, "cn")
	req, _ := http.NewRequestWithContext(pctx, http.MethodGet, probe, nil)
	resp, err := http.DefaultClient.Do(req)
	switch {
	case err != nil && ctx.Err() != nil:
		return err // interrupted: not the server's fault
	case err != nil && errors.Is(err, context.DeadlineExceeded):
		return usagef("--target: %s: the server did not answer within %s", target, lib.FormatSeconds(targetTimeout.Seconds()))
	case err != nil:
		return usagef("--target: server unreachable: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return usagef("--target: %s answered %s", probe, resp.Status)
	}
	return nil
}

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

// pythonModels adds the Python counterparts of the experiment's models when
// asked, then drops the Python models this machine cannot run, saying in
// one line per reason what to install: the Go models still run.
func pythonModels(exp lib.Experiment, with bool, stderr io.Writer) []string {
	models := exp.Models
	if with {
		models = append(append([]string{}, models...), python.Counterparts(models, exp.Workload)...)
	}
	var keep []string
	skipped := map[string][]string{}
	var reasons []string
	for _, m := range models {
		err := python.Usable([]string{m}, exp.Workload)
		if err == nil {
			keep = append(keep, m)
			continue
		}
		r := oneLine(err)
		if _, ok := skipped[r]; !ok {
			reasons = append(reasons, r)
		}
		skipped[r] = append(skipped[r], m)
	}
	for _, r := range reasons {
		fmt.Fprintf(stderr, "bench: skipping %s: %s\n", strings.Join(skipped[r], ", "), r)
	}
	return keep
}

// plural writes "1 thing" or "n things" (textutil.Plural).
func plural(n int, thing string) string { return textutil.Plural(n, thing) }

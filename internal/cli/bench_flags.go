package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/flagserver"
	"github.com/gomeasure/concurrency/lib/python"
)

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
	f.repeat = fs.Int("repeat", lib.MinRunsForSignificance, "measured runs per configuration, interleaved, after one warm-up wave")
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
		if exp.Models, err = pythonModels(ctx, exp, *f.withPython, stderr); err != nil {
			return nil, err
		}
		if len(exp.Models) == 0 {
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

// targetTimeout is how long a --target server has to answer the probe.
const targetTimeout = 5 * time.Second

// checkTarget refuses a target that is not a loopback http URL (unless
// allowed) or that does not answer a flag request.
func checkTarget(ctx context.Context, target string, allowRemote bool) error {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--target: %q is not an http:// URL", target)
	}
	if !allowRemote && !flagserver.IsLoopbackHost(u.Hostname()) {
		return usagef("--target: %q is not a loopback address; pass --allow-remote to measure someone else's server (concurrency is then capped at %d)", target, politeConcurrency)
	}
	pctx, cancel := context.WithTimeout(ctx, targetTimeout)
	defer cancel()
	probe := flagserver.FlagURL(target, "cn")
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

// pythonModels adds the Python counterparts of the experiment's models when
// asked, then drops the Python models this machine cannot run, saying in
// one line per reason what to install: the Go models still run.
func pythonModels(ctx context.Context, exp lib.Experiment, with bool, stderr io.Writer) ([]string, error) {
	models := exp.Models
	if with {
		models = append(append([]string{}, models...), python.Counterparts(models, exp.Workload)...)
	}
	var keep []string
	skipped := map[string][]string{}
	var reasons []string
	for _, m := range models {
		err := python.Usable(ctx, []string{m}, exp.Workload)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
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
	return keep, nil
}

package cli

import (
	"context"
	"encoding/json"
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

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/python"
)

func init() {
	register(&Command{
		Name:    "bench",
		Summary: "measure execution models: bench io|cpu|memory|list|EXPERIMENT [flags]",
		Run:     runBench,
	})
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

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stdout, benchUsage)
		return nil
	}
	what, args := args[0], args[1:]
	if what == "compare" {
		return runCompare(args, stdout)
	}
	if what == "list" {
		for _, e := range lib.Experiments() {
			fmt.Fprintf(stdout, "%-13s %s\n", e.Name, e.Title)
		}
		fmt.Fprintln(stdout)
		for _, m := range lib.KnownModels() {
			info := lib.ModelInfo[m]
			if x, ok := lib.External(m); ok {
				info = x.Info
			}
			fmt.Fprintf(stdout, "%-13s %s\n", m, info)
		}
		return nil
	}

	fs := newFlagSet("bench "+what, stderr)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), benchUsage) }
	var (
		models      = fs.String("model", "", "models to compare, comma-separated (name or name:workers)")
		tasks       = fs.String("tasks", "20", "numbers of tasks, comma-separated")
		workers     = fs.Int("workers", 0, "workers of pool, errgroup, gil and processes (default: 20 for io, NumCPU for cpu)")
		delay       = 100 * time.Millisecond
		jitter      time.Duration
		kernel      = fs.String("kernel", "", "io: flags|slow|post; cpu: sumsquares|primes|blur")
		target      = fs.String("target", "", "base URL of a running flag server (loopback only)")
		allowRemote = fs.Bool("allow-remote", false, "allow a non-loopback --target; caps concurrency at 4")
		repeat      = fs.Int("repeat", lib.MinRunsForSignificance, "measured runs per configuration, interleaved, after one warm-up wave")
		size        = fs.Int("size", 0, "cpu kernel size: sum of squares base n (5000000), blur image width (1024)")
		procs       = fs.String("gomaxprocs", "", "GOMAXPROCS values to try, comma-separated")
		parallelism = fs.String("parallelism", "", "values p to run with GOMAXPROCS=p and p workers")
		asJSON      = fs.Bool("json", false, "print one JSON document instead of a table")
		asCSV       = fs.Bool("csv", false, "print CSV instead of a table")
		quick       = fs.Bool("quick", false, "named experiments: scaled-down delays and sizes, 3 runs")
		save        = fs.String("save", "", "also save the JSON results to this file")
		withPython  = fs.Bool("with-python", false, "also run the Python counterparts of the models (py-*) with python3, on the same tasks")
		traceDir    = fs.String("trace", "", "after measuring, run each configuration once under the execution tracer and write its trace and a figure to this folder")
	)
	fs.Var(durationFlag{&delay}, "delay", "server delay per request (embedded server)")
	fs.Var(durationFlag{&jitter}, "jitter", "extra random server delay, up to this much")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var exp lib.Experiment
	switch what {
	case "io", "cpu", "memory":
		exp = lib.Experiment{Name: what, Workload: what, Repeat: *repeat, Delay: delay, Jitter: jitter, Size: *size}
		if *repeat <= 0 {
			return usagef("--repeat: %d is not > 0", *repeat)
		}
		sizes, err := parseInts("tasks", *tasks)
		if err != nil {
			return err
		}
		exp.Sizes = sizes
		if what == "memory" {
			if !set["tasks"] {
				exp.Sizes = []int{1000, 10000, 100000}
			}
			exp.Repeat = 1
			break
		}
		exp.Kernel = *kernel
		if exp.Kernel == "" {
			exp.Kernel = map[string]string{"io": "flags", "cpu": "sumsquares"}[what]
		}
		names := *models
		if names == "" {
			names = map[string]string{"io": "sequential,goroutines,pool", "cpu": "sequential,goroutines,gil"}[what]
		}
		if exp.Models, err = parseList("model", names); err != nil {
			return err
		}
		for _, m := range exp.Models {
			if _, err := lib.ParseModel(m); err != nil {
				return usagef("--model: %v", err)
			}
		}
		if set["workers"] {
			if *workers <= 0 {
				return usagef("--workers: %d is not > 0", *workers)
			}
			exp.Workers = []int{*workers}
		}
		if *procs != "" {
			if exp.GOMAXPROCS, err = parseInts("gomaxprocs", *procs); err != nil {
				return err
			}
		}
		if *parallelism != "" {
			if exp.Parallelism, err = parseInts("parallelism", *parallelism); err != nil {
				return err
			}
		}
		if *size < 0 {
			return usagef("--size: %d is negative", *size)
		}
	default:
		e, err := lib.LookupExperiment(what)
		if err != nil {
			return usagef("%v; or use io, cpu, memory, list", err)
		}
		exp = e
		if *quick {
			exp = exp.Quick()
		}
		if set["repeat"] {
			exp.Repeat = *repeat
		}
	}
	if exp.Workload != "memory" {
		if exp.Models = pythonModels(exp, *withPython, stderr); len(exp.Models) == 0 {
			return usagef("no model left to run")
		}
	}
	if err := exp.Validate(); err != nil {
		return &UsageError{Err: err}
	}
	if err := checkTraceFlag(*traceDir, exp); err != nil {
		return err
	}

	opt := lib.RunOptions{}
	if *target != "" {
		if exp.Workload != "io" {
			return usagef("--target only applies to io workloads")
		}
		if err := checkTarget(ctx, *target, *allowRemote); err != nil {
			return err
		}
		opt.Target = *target
		if *allowRemote {
			opt.MaxConcurrency = politeConcurrency
		}
	}

	bar := newProgress(stderr, "bench "+exp.Name, *asJSON || *asCSV)
	opt.Progress = bar.update
	rs, err := exp.Run(ctx, opt)
	bar.done()
	if rs != nil && len(rs.Results)+len(rs.Memory) > 0 {
		if perr := printResults(stdout, rs, *asJSON, *asCSV); perr != nil {
			return perr
		}
		if *save != "" {
			if serr := rs.Save(*save); serr != nil {
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
	if *traceDir != "" {
		if err := writeTraces(ctx, exp, rs, opt, *traceDir, stderr); err != nil {
			return err
		}
	}
	return summarizeErrors(rs, stderr)
}

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
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	probe := lib.FlagURL(target, "cn")
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, probe, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
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
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rs)
	case asCSV:
		return rs.WriteCSV(w)
	}
	env := rs.Env
	title := rs.Title
	if title == "" {
		title = "bench " + rs.Experiment
	}
	fmt.Fprintf(w, "%s — %d CPUs (%s), GOMAXPROCS %d, %s", title, env.NumCPU, env.CPUModel, env.GOMAXPROCS, env.GoVersion)
	if py := env.Python; py != nil {
		gil := "with the GIL"
		if !py.GIL {
			gil = "free-threaded, GIL off"
		}
		fmt.Fprintf(w, ", Python %s (%s)", py.Version, gil)
	}
	fmt.Fprint(w, "\n\n")
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
			m.CI(), secs(m.MinS), secs(m.MaxS), len(m.RunsS), m.Errors)
	}
	return tw.Flush()
}

func secs(s float64) string {
	switch {
	case s >= 1:
		return fmt.Sprintf("%.2f s", s)
	case s >= 0.001:
		return fmt.Sprintf("%.1f ms", s*1000)
	}
	return fmt.Sprintf("%.0f µs", s*1e6)
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

// plural writes "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

package lib

import (
	"context"
	"net/http"
	"runtime"
)

// A trial is one configuration of a run in progress: what it runs, and
// the runs made so far. Experiment.Run interleaves the runs of its trials.
type trial struct {
	cfg     config
	m       Measurement
	runner  Runner
	tasks   []Task
	client  *http.Client
	repeat  int // measured runs it gets
	reports []*Report
	peaks   []int64
	seen    map[string]bool // error messages already sampled
}

// prepare builds a trial for every configuration of the grid.
func (e Experiment) prepare(opt RunOptions, base, dir string, env *Env) ([]*trial, error) {
	grid, err := e.grid()
	if err != nil {
		return nil, err
	}
	var trials []*trial
	for _, c := range grid {
		model, _ := LookupModel(c.model.Name) // the grid holds known models only
		if opt.MaxConcurrency > 0 && !model.measuredOnce() && (c.workers == 0 || c.workers > opt.MaxConcurrency) {
			c.workers = opt.MaxConcurrency
			if !model.UsesWorkers() {
				c.model.Name = "pool" // one-goroutine-per-task models cannot be capped
				model, _ = LookupModel(c.model.Name)
			}
		}
		if model.Describe != nil {
			model.Describe(env)
		}
		t, err := e.newTrial(c, model, base, dir)
		if err != nil {
			return trials, err
		}
		trials = append(trials, t)
	}
	return trials, nil
}

// newTrial resolves a configuration of model: the measurement's labels,
// its runner and its task list.
func (e Experiment) newTrial(c config, model Model, base, dir string) (*trial, error) {
	size := e.kernelSize()
	if model.Language == LanguagePython && e.ExternalSize > 0 {
		size = e.ExternalSize
	}
	m := Measurement{
		Workload: e.Workload, Kernel: e.Kernel, Model: c.model.Name, Tasks: c.tasks,
		Workers: model.atOnce(c.tasks, c.workers), GOMAXPROCS: runtime.GOMAXPROCS(0), DelayS: e.Delay.Seconds(), Size: size,
	}
	if model.GOMAXPROCS > 0 {
		m.GOMAXPROCS = model.GOMAXPROCS
	}
	if c.gomaxprocs > 0 {
		m.GOMAXPROCS = c.gomaxprocs
	}
	runner, err := model.New(c.workers)
	if err != nil {
		return nil, err
	}
	client := NewHTTPClient(min(m.Workers, c.tasks))
	tasks, err := e.tasks(client, base, dir, c.tasks, size)
	if err != nil {
		return nil, err
	}
	return &trial{cfg: c, m: m, runner: runner, tasks: tasks, client: client,
		repeat: e.repeatFor(c.model.Name), seen: map[string]bool{}}, nil
}

// runOnce makes one run of the trial under its GOMAXPROCS. A warm-up runs
// one wave — as many tasks as the model runs at once — and is not kept.
func (t *trial) runOnce(ctx context.Context, warmUp bool, stats *statsProbe) error {
	tasks := t.tasks
	if warmUp {
		tasks = tasks[:min(len(tasks), max(1, t.m.Workers))]
	} else {
		stats.reset(ctx)
	}
	if t.cfg.gomaxprocs > 0 {
		prev := runtime.GOMAXPROCS(t.cfg.gomaxprocs)
		defer runtime.GOMAXPROCS(prev)
	}
	rep := t.runner.Run(ctx, tasks)
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, r := range rep.Results {
		if r.Err != nil && len(t.m.ErrorSamples) < 5 && !t.seen[r.Err.Error()] {
			t.seen[r.Err.Error()] = true
			t.m.ErrorSamples = append(t.m.ErrorSamples, r.Err.Error())
		}
	}
	if warmUp {
		return nil // caches, connections, page faults, worker start
	}
	t.reports = append(t.reports, rep)
	t.peaks = append(t.peaks, stats.peak(ctx))
	return nil
}

// finish summarises the measured runs; the median run supplies the
// details: its failures, start-up and IPC cost, in-flight peak and, when
// asked for, its timeline.
func (t *trial) finish(timeline bool) Measurement {
	m := t.m
	if i := m.summarize(t.reports, timeline); i >= 0 {
		m.PeakInFlight = int(t.peaks[i])
	}
	return m
}

// summarize fills m from the reports of its measured runs: every run's wall
// time, the summary statistics, and the median run's failures, start-up
// and IPC cost and, if asked, its timeline. It returns the median run's
// index, or -1 when there were no runs.
func (m *Measurement) summarize(reports []*Report, timeline bool) int {
	m.RunsS = m.RunsS[:0]
	for _, rep := range reports {
		m.RunsS = append(m.RunsS, rep.Wall().Seconds())
	}
	m.CoresBusy = coresBusy(reports)
	if len(reports) == 0 {
		return -1
	}
	st := Summarize(m.RunsS)
	m.MinS, m.MedianS, m.MeanS, m.MaxS, m.StdDevS = st.Min, st.Median, st.Mean, st.Max, st.StdDev
	i := medianIndex(m.RunsS)
	med := reports[i]
	m.Errors, m.StartupS, m.IPCS = med.Errors(), med.Startup.Seconds(), med.IPC.Seconds()
	if timeline {
		m.Timeline = Spans(med)
	}
	return i
}

// coresBusy is every run's processor time over its wall time, or nil unless
// the runner measured processor time in every run.
func coresBusy(reports []*Report) []float64 {
	var busy []float64
	for _, rep := range reports {
		if rep.CPU <= 0 || rep.Wall() <= 0 {
			return nil
		}
		busy = append(busy, rep.CPU.Seconds()/rep.Wall().Seconds())
	}
	return busy
}

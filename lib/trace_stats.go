package lib

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"time"
)

// TaskSlices returns the slices spent in state by goroutines running a
// task, in order of start.
func (tr *Trace) TaskSlices(state string) []Slice {
	var out []Slice
	for _, s := range tr.Slices {
		if s.Task >= 0 && s.State == state {
			out = append(out, s)
		}
	}
	return out
}

// RunDuration is the time from the first task's start to the last task's
// end, as the tracer saw them.
func (tr *Trace) RunDuration() time.Duration { return time.Duration(tr.RunEndNS - tr.RunStartNS) }

// Overlap says how many tasks computed at once during a traced run.
type Overlap struct {
	Run     time.Duration // first task start to last task end
	Busy    time.Duration // time at least one task was running on a P
	Two     time.Duration // time at least two tasks were running at the same instant
	MaxRuns int           // the most tasks running at one instant
	// LongestTwo is the longest single stretch with two tasks running,
	// and Stretches counts those stretches.
	LongestTwo time.Duration
	Stretches  int
}

// TwoFraction is Two as a fraction of the run (0 for an empty run).
func (o Overlap) TwoFraction() float64 {
	if o.Run <= 0 {
		return 0
	}
	return float64(o.Two) / float64(o.Run)
}

// Overlap sweeps over the tasks' running slices and measures how much they
// overlapped. A slice that ends at the instant another starts does not
// overlap it.
func (tr *Trace) Overlap() Overlap {
	var spans [][2]int64
	for _, s := range tr.TaskSlices(StateRunning) {
		spans = append(spans, [2]int64{s.StartNS, s.EndNS})
	}
	o := sweep(spans)
	o.Run = tr.RunDuration()
	return o
}

// Computing is the tasks' computing time, as spans of nanoseconds: their
// running slices, cut under the emulated GIL to the stretches in which the
// goroutine held the lock — a thread that has just handed the lock over
// still runs for a moment, parking, but no longer computes.
func (tr *Trace) Computing() [][2]int64 {
	holds := map[int64][]Phase{}
	for _, h := range tr.Holds {
		g, _ := strconv.ParseInt(h.Name, 10, 64)
		holds[g] = append(holds[g], h)
	}
	var out [][2]int64
	for _, s := range tr.TaskSlices(StateRunning) {
		if len(tr.Holds) == 0 {
			out = append(out, [2]int64{s.StartNS, s.EndNS})
			continue
		}
		for _, h := range holds[s.G] {
			if start, end := max(s.StartNS, h.StartNS), min(s.EndNS, h.EndNS); end > start {
				out = append(out, [2]int64{start, end})
			}
		}
	}
	return out
}

// ComputingOverlap measures how much the tasks' computing time (see
// Computing) overlapped: under a lock like the GIL, never.
func (tr *Trace) ComputingOverlap() Overlap {
	o := sweep(tr.Computing())
	o.Run = tr.RunDuration()
	return o
}

// sweep measures how much spans overlap.
func sweep(spans [][2]int64) Overlap {
	type edge struct {
		t     int64
		delta int
	}
	var edges []edge
	for _, sp := range spans {
		edges = append(edges, edge{sp[0], +1}, edge{sp[1], -1})
	}
	// Ends before starts at the same instant: a hand-over is not an overlap.
	sort.Slice(edges, func(a, b int) bool {
		if edges[a].t != edges[b].t {
			return edges[a].t < edges[b].t
		}
		return edges[a].delta < edges[b].delta
	})
	var o Overlap
	n, twoSince := 0, int64(0)
	for i, e := range edges {
		if i > 0 && n > 0 {
			o.Busy += time.Duration(e.t - edges[i-1].t)
		}
		if i > 0 && n >= 2 {
			o.Two += time.Duration(e.t - edges[i-1].t)
		}
		was := n
		n += e.delta
		o.MaxRuns = max(o.MaxRuns, n)
		switch {
		case was < 2 && n >= 2:
			twoSince = e.t
			o.Stretches++
		case was >= 2 && n < 2:
			o.LongestTwo = max(o.LongestTwo, time.Duration(e.t-twoSince))
		}
	}
	return o
}

// MedianSlice is the median length of the tasks' running slices: how long
// a goroutine computed before it was preempted, blocked or finished.
func (tr *Trace) MedianSlice() time.Duration {
	var ds []time.Duration
	for _, s := range tr.TaskSlices(StateRunning) {
		ds = append(ds, s.Duration())
	}
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	if len(ds)%2 == 1 {
		return ds[len(ds)/2]
	}
	return (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
}

// Threads counts the distinct OS threads (Ms) that ran goroutines or sat in
// system calls during the trace.
func (tr *Trace) Threads() int {
	seen := map[int64]bool{}
	for _, s := range tr.Slices {
		if s.M >= 0 && (s.State == StateRunning || s.State == StateSyscall) {
			seen[s.M] = true
		}
	}
	return len(seen)
}

// ThreadsIn counts the distinct OS threads that held a goroutine in state
// (StateRunning or StateSyscall) at some point of the trace: with
// StateSyscall, how many threads sat blocked in the kernel.
func (tr *Trace) ThreadsIn(state string) int {
	seen := map[int64]bool{}
	for _, s := range tr.Slices {
		if s.M >= 0 && s.State == state {
			seen[s.M] = true
		}
	}
	return len(seen)
}

// BlockedFraction is the share of the tasks' time, from each one's first
// slice to its last, that they spent waiting (blocked, not runnable): near
// 1 for tasks that wait on the network, near 0 for arithmetic.
func (tr *Trace) BlockedFraction() float64 { return tr.StateFraction(StateWaiting) }

// StateFraction is the share of the tasks' time, from each one's first
// slice to its last, that they spent in state: StateRunning,
// StateRunnable (ready, no P free), StateWaiting or StateSyscall.
func (tr *Trace) StateFraction(state string) float64 {
	var in, total int64
	first, last := map[int]int64{}, map[int]int64{}
	for _, s := range tr.Slices {
		if s.Task < 0 {
			continue
		}
		if f, ok := first[s.Task]; !ok || s.StartNS < f {
			first[s.Task] = s.StartNS
		}
		last[s.Task] = max(last[s.Task], s.EndNS)
		if s.State == state {
			in += s.EndNS - s.StartNS
		}
	}
	for task, f := range first {
		total += last[task] - f
	}
	if total == 0 {
		return 0
	}
	return float64(in) / float64(total)
}

// Lefts counts the tasks' running slices by the state they left in.
func (tr *Trace) Lefts() map[string]int {
	out := map[string]int{}
	for _, s := range tr.TaskSlices(StateRunning) {
		out[s.Left]++
	}
	return out
}

// Summary is one line of the slice statistics of the run.
func (tr *Trace) Summary() string {
	o := tr.Overlap()
	run := tr.TaskSlices(StateRunning)
	return fmt.Sprintf("%s at GOMAXPROCS %d: %d running slices of %d tasks, median %s; two tasks at once for %s (%.1f%% of %s); %d OS threads",
		tr.Model, tr.GOMAXPROCS, len(run), len(tr.Tasks), FormatSeconds(tr.MedianSlice().Seconds()),
		FormatSeconds(o.Two.Seconds()), 100*o.TwoFraction(), FormatSeconds(o.Run.Seconds()), tr.Threads())
}

// TraceCost is what tracing cost a run: the same tasks timed untraced and
// traced, in wall time and in processor time. Processor time is the
// steadier measure on a shared machine: other programs lengthen a run's
// wall time, not the CPU time this process spends.
type TraceCost struct {
	Wall, TracedWall Measurement // RunsS: wall seconds per run
	CPU, TracedCPU   Measurement // RunsS: this process's CPU seconds per run
}

// TraceOverhead measures what tracing costs: it runs tasks with r
// untraced and traced, alternately (after one warm-up of each), repeat
// times each, so that drift on a shared machine falls on both alike. The
// traced runs are recorded, not reduced: reading the trace back is not
// part of what tracing costs the program. The measurements are named
// after the model, the traced ones with "+trace" appended.
func TraceOverhead(ctx context.Context, r Runner, tasks []Task, repeat int) (TraceCost, error) {
	var c TraceCost
	if repeat <= 0 {
		return c, fmt.Errorf("trace overhead: repeat must be > 0, got %d", repeat)
	}
	if ProcessCPUTime() < 0 {
		return c, fmt.Errorf("trace overhead: this system cannot report CPU time")
	}
	base := Measurement{Workload: "cpu", Model: r.Name(), Tasks: len(tasks), Workers: len(tasks), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	c.Wall, c.CPU = base, base
	base.Model += "+trace"
	c.TracedWall, c.TracedCPU = base, base
	for run := 0; run <= repeat; run++ {
		cpu0 := ProcessCPUTime()
		rep := r.Run(ctx, tasks)
		cpu1 := ProcessCPUTime()
		trep, _, err := recordRun(ctx, r, tasks)
		cpu2 := ProcessCPUTime()
		if err != nil {
			return c, fmt.Errorf("trace overhead: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return c, err
		}
		if run == 0 {
			continue // warm-up
		}
		c.Wall.RunsS = append(c.Wall.RunsS, rep.Wall().Seconds())
		c.TracedWall.RunsS = append(c.TracedWall.RunsS, trep.Wall().Seconds())
		c.CPU.RunsS = append(c.CPU.RunsS, (cpu1 - cpu0).Seconds())
		c.TracedCPU.RunsS = append(c.TracedCPU.RunsS, (cpu2 - cpu1).Seconds())
	}
	for _, m := range []*Measurement{&c.Wall, &c.TracedWall, &c.CPU, &c.TracedCPU} {
		st := Summarize(m.RunsS)
		m.MinS, m.MedianS, m.MeanS, m.MaxS, m.StdDevS = st.Min, st.Median, st.Mean, st.Max, st.StdDev
	}
	return c, nil
}

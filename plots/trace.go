package plots

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// LaneBy chooses what one lane of a traced timeline stands for.
type LaneBy int

const (
	// ByP draws one lane per P: the GOMAXPROCS slots that may run Go code
	// at once. It shows parallelism: how many tasks computed at once.
	ByP LaneBy = iota
	// ByM draws one lane per OS thread (M) that ran a goroutine or sat in
	// a system call. It shows what goroutines cost in threads: parked
	// goroutines hold none, blocking system calls hold one each.
	ByM
)

// maxTaskRows is how many tasks get a row of their own under the lanes;
// past it, the rows would be too thin to read and are left out.
const maxTaskRows = 16

// TraceTimeline draws traced runs (lib.RunTraced), one panel each, on a
// shared time axis: one lane per P or per thread (lanes), each running
// slice coloured by its task, with GC phases shaded. Under the lanes, when
// there are at most 16 tasks, each task has a thin row of its own that
// shows, besides its running slices, when it was runnable (light grey:
// ready, no P free) and blocked (hatched: waiting on a lock, a channel or
// the network).
//
// A run made in other processes (the processes model) is invisible to the
// tracer: its panel draws the runner's start and end bars per worker, as
// Timeline does, and says so.
func TraceTimeline(title string, lanes LaneBy, traces ...*lib.Trace) (*Figure, error) {
	if len(traces) == 0 {
		return nil, fmt.Errorf("trace timeline: no traces")
	}
	end := 0.0
	for _, tr := range traces {
		if tr == nil {
			return nil, fmt.Errorf("trace timeline: a nil trace")
		}
		for _, s := range tr.Slices {
			if s.EndNS < s.StartNS {
				return nil, fmt.Errorf("trace timeline %s: slice of goroutine %d ends before it starts", tr.Model, s.G)
			}
		}
		end = math.Max(end, traceEnd(tr))
	}
	if !(end > 0) {
		return nil, fmt.Errorf("trace timeline: no task ran in any trace")
	}
	scale, unit := timeUnit(end)
	fig := &Figure{Title: title + "\n" + wrapDetails(traceKey(traces, lanes))}
	most := 0
	for _, tr := range traces {
		p, rows, err := tracePanel(tr, lanes, scale, end)
		if err != nil {
			return nil, err
		}
		fig.Panels = append(fig.Panels, []*plot.Plot{p})
		fig.Series = append(fig.Series, p.Title.Text)
		most = max(most, rows)
	}
	fig.Panels[len(fig.Panels)-1][0].X.Label.Text = "time since the first task started (" + unit + ")"
	// Figure.Draw gives every panel the same height: size them all for
	// the tallest.
	fig.PanelHeight = vg.Points(float64(most)*13 + 62)
	return fig, nil
}

// traceKey explains the colours once, in the figure's title.
func traceKey(traces []*lib.Trace, lanes LaneBy) []string {
	key := []string{"colour: the task running", "light grey: runnable, waiting for a P", "hatched: blocked"}
	if lanes == ByM {
		key[2] = "hatched: blocked, or in a system call on its thread"
	}
	gc, outside := false, false
	for _, tr := range traces {
		gc = gc || len(tr.GC) > 0 && !outsideTracer(tr) // an untraced panel draws no GC
		outside = outside || outsideTracer(tr)
	}
	if gc {
		key = append(key, "red band: garbage collection")
	}
	if outside {
		key = append(key, "processes run outside the tracer: start–end bars only")
	}
	return key
}

// outsideTracer reports a run the tracer could not see: tasks measured by
// the runner but no task slice traced (work done in other processes).
func outsideTracer(tr *lib.Trace) bool {
	return len(tr.TaskSlices(lib.StateRunning)) == 0 && len(tr.Spans) > 0
}

// traceEnd is the run's length in seconds from its first task's start.
func traceEnd(tr *lib.Trace) float64 {
	if outsideTracer(tr) {
		end := 0.0
		for _, s := range tr.Spans {
			end = math.Max(end, s.EndS)
		}
		return end - spanOrigin(tr)
	}
	return float64(tr.RunEndNS-tr.RunStartNS) / 1e9
}

// spanOrigin is when the first task of an untraced run started, in the
// runner's seconds: the time axis starts there for every panel alike.
func spanOrigin(tr *lib.Trace) float64 {
	origin := math.Inf(1)
	for _, s := range tr.Spans {
		if s.Worker >= 0 {
			origin = math.Min(origin, s.StartS)
		}
	}
	if math.IsInf(origin, 1) {
		return 0
	}
	return origin
}

// laneKeys lists the lanes of a trace in order: every P up to GOMAXPROCS
// (an idle P still gets its lane), or every thread that ran or sat in a
// system call during the tasks, or, for an untraced run, every worker.
func laneKeys(tr *lib.Trace, by LaneBy) []int64 {
	seen := map[int64]bool{}
	var keys []int64
	add := func(k int64) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	switch {
	case outsideTracer(tr):
		for _, s := range tr.Spans {
			if s.Worker >= 0 {
				add(int64(s.Worker))
			}
		}
	case by == ByP:
		for p := range tr.GOMAXPROCS {
			add(int64(p))
		}
		for _, s := range tr.Slices {
			if s.State == lib.StateRunning && s.P >= 0 && inRun(tr, s) {
				add(int64(s.P))
			}
		}
	default:
		for _, s := range tr.Slices {
			if (s.State == lib.StateRunning || s.State == lib.StateSyscall) && s.M >= 0 && inRun(tr, s) {
				add(s.M)
			}
		}
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	return keys
}

// inRun reports whether a slice overlaps the span of the tasks.
func inRun(tr *lib.Trace, s lib.Slice) bool {
	return s.EndNS > tr.RunStartNS && s.StartNS < tr.RunEndNS
}

// TraceLanes returns the lane labels a panel of TraceTimeline draws for tr
// ("P0", "P1", …; "M12", …; or "worker 0", …), top to bottom.
func TraceLanes(tr *lib.Trace, by LaneBy) []string {
	var out []string
	prefix := map[LaneBy]string{ByP: "P", ByM: "M"}[by]
	if outsideTracer(tr) {
		prefix = "worker "
	}
	for _, k := range laneKeys(tr, by) {
		out = append(out, fmt.Sprintf("%s%d", prefix, k))
	}
	return out
}

// tracePanel builds one run's panel and says how many rows it has.
func tracePanel(tr *lib.Trace, by LaneBy, scale, end float64) (*plot.Plot, int, error) {
	labels := TraceLanes(tr, by)
	if len(labels) == 0 {
		return nil, 0, fmt.Errorf("trace timeline %s: nothing ran", tr.Model)
	}
	taskRows := len(tr.Tasks)
	if taskRows > maxTaskRows || outsideTracer(tr) {
		taskRows = 0
	}
	rows := len(labels)
	if taskRows > 0 {
		rows += 1 + taskRows // a blank row between lanes and tasks
	}
	p := newPlot(panelTitle(tr, by, len(labels)), "", "")
	p.Title.TextStyle.Font = font.From(sansFont, labelSize)
	p.Title.Padding = vg.Points(4)
	p.X.Tick.Marker = niceTicks{}
	p.X.Min, p.X.Max = 0, end*scale
	p.Y.Min, p.Y.Max = -0.6, float64(rows)-0.4
	p.Y.Tick.Length = 0
	var ticks plot.ConstantTicks
	for i, l := range labels {
		ticks = append(ticks, plot.Tick{Value: float64(rows - 1 - i), Label: l})
	}
	for i := range taskRows {
		ticks = append(ticks, plot.Tick{Value: float64(taskRows - 1 - i), Label: fmt.Sprintf("task %d", i)})
	}
	p.Y.Tick.Marker = ticks
	p.Add(&traceBars{tr: tr, by: by, keys: laneKeys(tr, by), rows: rows, taskRows: taskRows, scale: scale})
	return p, rows, nil
}

// panelTitle names the run and counts what the trace holds.
func panelTitle(tr *lib.Trace, by LaneBy, lanes int) string {
	what := tr.Label
	if what == "" {
		what = tr.Model
	}
	s := fmt.Sprintf("%s, GOMAXPROCS %d", what, tr.GOMAXPROCS)
	if outsideTracer(tr) {
		noun := "processes"
		if lanes == 1 {
			noun = "process"
		}
		return s + fmt.Sprintf(": %d worker %s, outside the tracer", lanes, noun)
	}
	s += fmt.Sprintf(": %s, %s", plural(len(tr.TaskSlices(lib.StateRunning)), "running slice"), formatSeconds(traceEnd(tr)))
	if by == ByM {
		s += fmt.Sprintf(", %s", plural(lanes, "OS thread"))
	}
	if n := tr.Lefts()[lib.LeftPreempted]; n > 0 {
		s += fmt.Sprintf(", %d preempted", n)
	}
	if n := len(tr.GC); n > 0 {
		s += ", " + plural(n, "GC phase")
	}
	return s
}

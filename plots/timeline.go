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

// Timeline draws Gantt charts of the measured runs that kept their tasks
// (Measurement.Timeline): one panel per measurement, one lane per worker
// (goroutine, thread or process), one bar per task from its start to its
// end, numbered by task; failed tasks are red and hatched. It is the
// measured version of the hand-drawn diagrams of threading, asyncio and
// multiprocessing: bars side by side are tasks running or waiting at the
// same time.
//
// Panels share both axes, so a longer time axis or a fuller lane means the
// same thing in every panel. Measurements that vary in GOMAXPROCS are laid
// out as a grid, models down and GOMAXPROCS across.
func Timeline(rs *lib.ResultSet) (*Figure, error) {
	if rs == nil {
		return nil, fmt.Errorf("timeline: no measurements for %s", name(rs))
	}
	var ms []lib.Measurement
	for _, m := range rs.Results {
		if len(m.Timeline) > 0 {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("timeline: no measurements with a timeline for %s", name(rs))
	}
	end, lanes, err := timelineAxes(rs, ms)
	if err != nil {
		return nil, err
	}
	grid, showProcs, err := timelineGrid(rs, ms)
	if err != nil {
		return nil, err
	}
	scale, unit := timeUnit(end)
	fig := &Figure{
		Title:       headline(rs, "Task timeline", timelineDetails(ms)...),
		PanelHeight: vg.Points(float64(lanes)*14 + 58),
	}
	for _, row := range grid {
		prow := make([]*plot.Plot, len(row))
		for c, m := range row {
			if m == nil {
				continue
			}
			label := panelLabel(*m, showProcs)
			p, err := timelinePanel(*m, label, scale, end, lanes)
			if err != nil {
				return nil, fmt.Errorf("timeline %s: %w", name(rs), err)
			}
			prow[c] = p
			fig.Series = append(fig.Series, label)
		}
		fig.Panels = append(fig.Panels, prow)
	}
	labelLowestTimeAxes(fig, "time since the run started ("+unit+")")
	return fig, nil
}

// timelineAxes finds the shared axes: the end of the longest run and the
// most lanes of any panel.
func timelineAxes(rs *lib.ResultSet, ms []lib.Measurement) (end float64, lanes int, err error) {
	end, lanes = 0.0, 1
	for _, m := range ms {
		for _, s := range m.Timeline {
			if !finite(s.StartS) || !finite(s.EndS) || s.EndS < s.StartS {
				return 0, 0, fmt.Errorf("timeline %s: %s task %d has invalid times %v..%v", name(rs), m.Model, s.Task, s.StartS, s.EndS)
			}
			end = math.Max(end, s.EndS)
		}
		lanes = max(lanes, len(workerLanes(m.Timeline)))
	}
	if !(end > 0) {
		return 0, 0, fmt.Errorf("timeline %s: every task has zero duration", name(rs))
	}
	return end, lanes, nil
}

// timelineGrid lays the panels out: one row per model (and worker count),
// one column per GOMAXPROCS when the parallel models vary it, else in
// reading order. showProcs says whether panel labels name GOMAXPROCS.
func timelineGrid(rs *lib.ResultSet, ms []lib.Measurement) (grid [][]*lib.Measurement, showProcs bool, err error) {
	var par []lib.Measurement
	for _, m := range ms {
		if m.VariesWithGOMAXPROCS() {
			par = append(par, m)
		}
	}
	var cols []int
	if distinct(par, gomaxprocs) > 1 {
		seen := map[int]bool{}
		for _, m := range par {
			if !seen[m.GOMAXPROCS] {
				seen[m.GOMAXPROCS] = true
				cols = append(cols, m.GOMAXPROCS)
			}
		}
		sort.Ints(cols)
	}
	showProcs = len(cols) > 0 || ms[0].Workload == "cpu"
	if len(cols) == 0 {
		return readingOrderGrid(ms), showProcs, nil
	}
	grid, err = procsGrid(ms, cols, showProcs)
	if err != nil {
		return nil, false, fmt.Errorf("timeline %s: %w", name(rs), err)
	}
	return grid, showProcs, nil
}

// procsGrid puts models down and GOMAXPROCS across; sequential and
// singlethread, whose GOMAXPROCS is not a knob, in the first column.
func procsGrid(ms []lib.Measurement, cols []int, showProcs bool) ([][]*lib.Measurement, error) {
	var grid [][]*lib.Measurement
	rowIndex := map[string]int{}
	for i := range ms {
		m := &ms[i]
		r, ok := rowIndex[m.Model]
		if !ok {
			r = len(grid)
			rowIndex[m.Model] = r
			grid = append(grid, make([]*lib.Measurement, len(cols)))
		}
		c := 0
		if m.VariesWithGOMAXPROCS() {
			c = sort.SearchInts(cols, m.GOMAXPROCS)
		}
		if grid[r][c] != nil {
			return nil, fmt.Errorf("two timelines for %s", panelLabel(*m, showProcs))
		}
		grid[r][c] = m
	}
	return grid, nil
}

// readingOrderGrid lays the panels out in reading order, two to a row when
// there are more than two, so the figure stays short enough to see at once.
func readingOrderGrid(ms []lib.Measurement) [][]*lib.Measurement {
	var grid [][]*lib.Measurement
	ncols := 1
	if len(ms) > 2 {
		ncols = 2
	}
	for i := range ms {
		if i%ncols == 0 {
			grid = append(grid, make([]*lib.Measurement, ncols))
		}
		grid[i/ncols][i%ncols] = &ms[i]
	}
	return grid
}

// labelLowestTimeAxes labels the time axis once, under the lowest panel of
// each column; the axes are shared, so repeating it says nothing.
func labelLowestTimeAxes(fig *Figure, xlabel string) {
	for c := range fig.Panels[0] {
		for r := len(fig.Panels) - 1; r >= 0; r-- {
			if p := fig.Panels[r][c]; p != nil {
				p.X.Label.Text = xlabel
				break
			}
		}
	}
}

func timelineDetails(ms []lib.Measurement) []string {
	m := ms[0]
	var d []string
	d = append(d, plural(m.Tasks, "task"))
	if m.DelayS > 0 {
		d = append(d, "server delay "+formatSeconds(m.DelayS))
	}
	d = append(d, "the median of "+runsCount(ms))
	return d
}

// panelLabel names a panel: the model, its workers, GOMAXPROCS where it
// matters, and the run's wall time.
func panelLabel(m lib.Measurement, procs bool) string {
	s := m.Model
	if n := m.PoolSize(); n > 0 {
		s += " (" + plural(n, "worker") + ")"
	}
	if procs && m.VariesWithGOMAXPROCS() {
		s += fmt.Sprintf(", GOMAXPROCS %d", m.GOMAXPROCS)
	}
	wall := 0.0
	for _, sp := range m.Timeline {
		wall = math.Max(wall, sp.EndS)
	}
	s += ": " + formatSeconds(wall)
	failed, notRun := 0, 0
	for _, sp := range m.Timeline {
		if sp.Err != "" {
			failed++
		}
		if sp.Worker < 0 {
			notRun++
		}
	}
	if failed > 0 {
		s += fmt.Sprintf(", %d failed (hatched)", failed)
	}
	if notRun > 0 {
		s += fmt.Sprintf(", %d never started", notRun)
	}
	return s
}

// workerLanes maps the worker ids that ran tasks to lanes 0, 1, ... in id
// order; tasks that never ran (worker -1) have no lane.
func workerLanes(spans []lib.Span) map[int]int {
	var ids []int
	seen := map[int]bool{}
	for _, s := range spans {
		if s.Worker >= 0 && !seen[s.Worker] {
			seen[s.Worker] = true
			ids = append(ids, s.Worker)
		}
	}
	sort.Ints(ids)
	lanes := make(map[int]int, len(ids))
	for i, id := range ids {
		lanes[id] = i
	}
	return lanes
}

func timelinePanel(m lib.Measurement, title string, scale, end float64, lanes int) (*plot.Plot, error) {
	laneOf := workerLanes(m.Timeline)
	if len(laneOf) == 0 {
		return nil, fmt.Errorf("no measurements for %s: no task ran", title)
	}
	p := newPlot(title, "", "worker")
	p.X.Tick.Marker = niceTicks{}
	p.Title.TextStyle.Font = font.From(sansFont, labelSize)
	p.Title.Padding = vg.Points(4)
	p.Add(&gantt{spans: m.Timeline, lane: laneOf, scale: scale, style: ModelStyle(m.Model)})
	p.X.Min, p.X.Max = 0, end*scale
	p.Y.Min, p.Y.Max = -0.6, float64(lanes)-0.4
	p.Y.Tick.Marker = laneTicks(laneOf)
	p.Y.Tick.Length = 0
	return p, nil
}

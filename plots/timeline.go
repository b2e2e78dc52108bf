package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

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

	// Shared axes: the longest run and the most lanes of any panel.
	end, lanes := 0.0, 1
	for _, m := range ms {
		for _, s := range m.Timeline {
			if !finite(s.StartS) || !finite(s.EndS) || s.EndS < s.StartS {
				return nil, fmt.Errorf("timeline %s: %s task %d has invalid times %v..%v", name(rs), m.Model, s.Task, s.StartS, s.EndS)
			}
			end = math.Max(end, s.EndS)
		}
		lanes = max(lanes, len(workerLanes(m.Timeline)))
	}
	if !(end > 0) {
		return nil, fmt.Errorf("timeline %s: every task has zero duration", name(rs))
	}
	scale, unit := timeUnit(end)

	// Grid: one row per model (and worker count), one column per
	// GOMAXPROCS when the parallel models vary it.
	var par []lib.Measurement
	for _, m := range ms {
		if !perProcsFixed(m.Model) {
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
	showProcs := len(cols) > 0 || ms[0].Workload == "cpu"
	var grid [][]*lib.Measurement
	if len(cols) > 0 {
		// Models down, GOMAXPROCS across; sequential and singlethread,
		// whose GOMAXPROCS is not a knob, in the first column.
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
			if !perProcsFixed(m.Model) {
				c = sort.SearchInts(cols, m.GOMAXPROCS)
			}
			if grid[r][c] != nil {
				return nil, fmt.Errorf("timeline %s: two timelines for %s", name(rs), panelLabel(*m, showProcs))
			}
			grid[r][c] = m
		}
	} else {
		// In reading order, two to a row when there are more than two, so
		// the figure stays short enough to see at once.
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
	}

	fig := &Figure{
		Title:       headline(rs, "Task timeline", timelineDetails(ms)...),
		PanelHeight: vg.Points(float64(lanes)*14 + 58),
	}
	xlabel := "time since the run started (" + unit + ")"
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
	// The time axis is labelled once, under the lowest panel of each
	// column; the axes are shared, so repeating it says nothing.
	for c := range fig.Panels[0] {
		for r := len(fig.Panels) - 1; r >= 0; r-- {
			if p := fig.Panels[r][c]; p != nil {
				p.X.Label.Text = xlabel
				break
			}
		}
	}
	return fig, nil
}

// perProcsFixed reports models whose GOMAXPROCS is not a knob of the
// experiment: sequential runs one task at a time whatever it is, and
// singlethread pins it to 1.
func perProcsFixed(model string) bool { return model == "sequential" || model == "singlethread" }

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
	if !perTask(m.Model) && m.Workers != m.Tasks {
		s += " (" + plural(m.Workers, "worker") + ")"
	}
	if procs && !perProcsFixed(m.Model) {
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

// laneTicks labels each lane with its worker id, thinned to at most about
// twelve labels so tall panels stay readable.
func laneTicks(laneOf map[int]int) plot.Ticker {
	ids := make([]int, 0, len(laneOf))
	for id := range laneOf {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	step := (len(ids) + 11) / 12
	var ticks plot.ConstantTicks
	for i, id := range ids {
		t := plot.Tick{Value: float64(laneOf[id])}
		if i%step == 0 {
			t.Label = strconv.Itoa(id)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// gantt is the plotter of one panel's bars.
type gantt struct {
	spans []lib.Span
	lane  map[int]int
	scale float64
	style Style
}

const barHeight = 0.72 // of a lane

// Plot implements plot.Plotter.
func (g *gantt) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	label := text.Style{
		Color:   rgb(0x11, 0x11, 0x11),
		Font:    font.From(sansFont, vg.Points(7.5)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: p.TextHandler,
	}
	for _, s := range g.spans {
		lane, ok := g.lane[s.Worker]
		if !ok {
			continue
		}
		r := vg.Rectangle{
			Min: vg.Point{X: tx(s.StartS * g.scale), Y: ty(float64(lane) - barHeight/2)},
			Max: vg.Point{X: tx(s.EndS * g.scale), Y: ty(float64(lane) + barHeight/2)},
		}
		// A bar never thinner than a hairline: instant tasks still show.
		if r.Max.X-r.Min.X < vg.Points(0.8) {
			r.Max.X = r.Min.X + vg.Points(0.8)
		}
		fill, edge := color.Color(g.style.fill(0xA0)), color.Color(g.style.Color)
		if s.Err != "" {
			fill, edge = color.NRGBA{R: errorColor.R, G: errorColor.G, B: errorColor.B, A: 0x50}, errorColor
		}
		c.SetColor(fill)
		c.Fill(r.Path())
		if s.Err != "" {
			hatch(c, r, errorColor)
		}
		c.SetLineStyle(draw.LineStyle{Color: edge, Width: vg.Points(0.6)})
		c.Stroke(r.Path())
		num := strconv.Itoa(s.Task)
		if tr := label.Rectangle(num); tr.Size().X+vg.Points(3) < r.Size().X && tr.Size().Y < r.Size().Y {
			c.FillText(label, r.Min.Add(r.Max).Scale(0.5), num)
		}
	}
}

// DataRange implements plot.DataRanger.
func (g *gantt) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	for _, s := range g.spans {
		xmax = math.Max(xmax, s.EndS*g.scale)
	}
	return xmin, xmax, -0.5, float64(len(g.lane)) - 0.5
}

// hatch strokes diagonal lines across r, so failed bars differ from the
// others without colour too.
func hatch(c draw.Canvas, r vg.Rectangle, clr color.Color) {
	sub := draw.Canvas{Canvas: c.Canvas, Rectangle: r}
	h := r.Max.Y - r.Min.Y
	sty := draw.LineStyle{Color: clr, Width: vg.Points(0.6)}
	for x := r.Min.X - h; x < r.Max.X; x += vg.Points(3.5) {
		lines := sub.ClipLinesXY([]vg.Point{{X: x, Y: r.Min.Y}, {X: x + h, Y: r.Max.Y}})
		for _, l := range lines {
			c.StrokeLines(sty, l)
		}
	}
}

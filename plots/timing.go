package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// logRatio is the spread of times beyond which Timing switches to a log
// time axis: past it, the fast models would be a flat line on the floor of
// a linear axis and their staircases invisible.
const logRatio = 40

// Timing plots wall time against the number of tasks: one line per model
// (the median run), a shaded band from the fastest to the slowest of the
// repeated runs, and, for I/O workloads with a server delay d, a dashed
// line of what the model would take with no overhead at all:
//
//	sequential                   N × d
//	goroutines, singlethread     d
//	pool, errgroup, gil,
//	processes (W workers)        ⌈N/W⌉ × d
//
// The Python models follow their Go counterparts (py-threads as gil,
// py-asyncio as singlethread, ...).
func Timing(rs *lib.ResultSet) (*plot.Plot, error) {
	f, err := TimingFigure(rs)
	if err != nil {
		return nil, err
	}
	return f.Panels[0][0], nil
}

// TimingFigure is Timing wrapped in a Figure that lists its series.
func TimingFigure(rs *lib.ResultSet) (*Figure, error) {
	if rs == nil || len(rs.Results) == 0 {
		return nil, fmt.Errorf("timing: no measurements for %s", name(rs))
	}
	groups := groupByConfig(rs.Results)
	lo, hi := math.Inf(1), 0.0
	for _, m := range rs.Results {
		if m.MedianS > 0 {
			lo = math.Min(lo, m.MinS)
		}
		hi = math.Max(hi, m.MaxS)
	}
	if !(hi > 0) || !finite(hi) {
		return nil, fmt.Errorf("timing %s: no positive times measured", name(rs))
	}
	scale, unit := timeUnit(hi)
	logY := hi/lo > logRatio
	ylabel := "wall time (" + unit + ")"
	if logY {
		ylabel += ", log scale"
	}
	p := newPlot(headline(rs, "Wall time vs number of tasks", timingDetails(rs)...), "number of tasks N", ylabel)
	p.X.Tick.Marker = taskTicks(sizes(rs.Results))

	var series []string
	hasIdeal, hasBand := false, false
	for _, g := range groups {
		band, ideal, err := drawTimingGroup(p, rs, g, scale, logY)
		if err != nil {
			return nil, err
		}
		hasBand, hasIdeal = hasBand || band, hasIdeal || ideal
		series = append(series, g.label)
	}
	addTimingKeys(p, hasIdeal, hasBand)
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	} else {
		p.Y.Min = 0
		p.Y.Tick.Marker = niceTicks{}
	}
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: series, LegendOutside: true}, nil
}

// timingDetails is the title's second line: the task counts, the server
// delay, the runs per point, and GOMAXPROCS if it was the same throughout.
func timingDetails(rs *lib.ResultSet) []string {
	m0 := rs.Results[0]
	details := []string{fmt.Sprintf("N = %s tasks", intList(sizes(rs.Results)))}
	if m0.DelayS > 0 {
		details = append(details, "server delay "+formatSeconds(m0.DelayS))
	}
	details = append(details, runsCount(rs.Results)+" per point")
	if distinct(rs.Results, gomaxprocs) == 1 {
		details = append(details, fmt.Sprintf("GOMAXPROCS %d", m0.GOMAXPROCS))
	}
	return details
}

// drawTimingGroup draws one model's band of runs (if it has several
// sizes), its ideal line (if it has one) and its median line, and reports
// which of the first two it drew.
func drawTimingGroup(p *plot.Plot, rs *lib.ResultSet, g group, scale float64, logY bool) (hasBand, hasIdeal bool, err error) {
	st := ModelStyle(g.model)
	med := make(plotter.XYs, 0, len(g.ms))
	band := make(plotter.XYs, 0, 2*len(g.ms))
	for _, m := range g.ms {
		med = append(med, plotter.XY{X: float64(m.Tasks), Y: m.MedianS * scale})
	}
	for _, m := range g.ms {
		band = append(band, plotter.XY{X: float64(m.Tasks), Y: m.MinS * scale})
	}
	for i := len(g.ms) - 1; i >= 0; i-- {
		band = append(band, plotter.XY{X: float64(g.ms[i].Tasks), Y: g.ms[i].MaxS * scale})
	}
	if err := checkXYs(g.label, med); err != nil {
		return false, false, fmt.Errorf("timing %s: %w", name(rs), err)
	}
	if err := checkXYs(g.label+" band", band); err != nil {
		return false, false, fmt.Errorf("timing %s: %w", name(rs), err)
	}
	if logY {
		for _, xy := range append(med, band...) {
			if xy.Y <= 0 {
				return false, false, fmt.Errorf("timing %s: series %s has a time <= 0, which a log axis cannot show", name(rs), g.label)
			}
		}
	}
	if len(g.ms) > 1 {
		if err := addBand(p, st, band); err != nil {
			return false, false, err
		}
		hasBand = true
	}
	if ideal := idealCurve(g); len(ideal) > 0 {
		for i := range ideal {
			ideal[i].Y *= scale
		}
		l, err := plotter.NewLine(ideal)
		if err != nil {
			return false, false, err
		}
		l.LineStyle = refLine()
		l.LineStyle.Color = st.Color
		l.LineStyle.Width = vg.Points(0.8)
		p.Add(l)
		hasIdeal = true
	}
	if err := addModelLine(p, st, g.label, med); err != nil {
		return false, false, err
	}
	return hasBand, hasIdeal, nil
}

// addTimingKeys adds legend entries, in grey, for the ideal lines and the
// bands the figure drew.
func addTimingKeys(p *plot.Plot, hasIdeal, hasBand bool) {
	if hasIdeal {
		l, _ := plotter.NewLine(plotter.XYs{{}})
		l.LineStyle = refLine()
		p.Legend.Add("ideal: no overhead", l)
	}
	if hasBand {
		poly, _ := plotter.NewPolygon(plotter.XYs{{}})
		poly.Color = rgb(0xD8, 0xD8, 0xD8)
		poly.LineStyle.Width = 0
		p.Legend.Add("fastest–slowest run", poly)
	}
}

// idealCurve is a line's no-overhead time, or nil if its model has none or
// the workload is not I/O with a known delay. Step-shaped ideals are
// sampled at every whole N so the steps show between measured sizes.
func idealCurve(g group) plotter.XYs {
	m0 := g.ms[0]
	if m0.Workload != "io" || !(m0.DelayS > 0) {
		return nil
	}
	if _, ok := idealTime(m0, m0.Tasks); !ok {
		return nil
	}
	var out plotter.XYs
	first, last := g.ms[0].Tasks, g.ms[len(g.ms)-1].Tasks
	// Sampled at every N only when the sizes are close together: between
	// sizes far apart (flags: 20 and 194) the measured line is a straight
	// segment, and a detailed ideal beside it would look like data.
	dense := len(g.ms) > 2 && (last-first)/(len(g.ms)-1) <= 25
	if distinct(g.ms, workers) == 1 && dense {
		ideal := func(n int) float64 { t, _ := idealTime(m0, n); return t }
		for n := first; n <= last; n++ {
			out = append(out, plotter.XY{X: float64(n), Y: ideal(n)})
			// A vertical riser half way to the next size where the
			// ideal jumps: a staircase, not a ramp.
			if n < last && m0.PoolSize() > 0 && ideal(n+1) != ideal(n) {
				out = append(out, plotter.XY{X: float64(n) + 0.5, Y: ideal(n)}, plotter.XY{X: float64(n) + 0.5, Y: ideal(n + 1)})
			}
		}
		return out
	}
	for _, m := range g.ms {
		t, _ := idealTime(m, m.Tasks)
		out = append(out, plotter.XY{X: float64(m.Tasks), Y: t})
	}
	return out
}

// idealTime is the time n tasks of the measured configuration's delay
// take with no overhead — one delay per wave of tasks run at once (see
// lib.Measurement.AtOnce): the bound that the measured line approaches.
// ok is false for a model this process does not know.
func idealTime(m lib.Measurement, n int) (float64, bool) {
	atOnce, ok := m.AtOnce(n)
	if !ok || atOnce <= 0 {
		return 0, false
	}
	return math.Ceil(float64(n)/float64(atOnce)) * m.DelayS, true
}

// name identifies a result set in error messages.
func name(rs *lib.ResultSet) string {
	switch {
	case rs == nil:
		return "<nil result set>"
	case rs.Experiment != "":
		return "experiment " + rs.Experiment
	case rs.Title != "":
		return fmt.Sprintf("%q", rs.Title)
	}
	return "<unnamed result set>"
}

// taskTicks labels the measured sizes when there are few, so the reader
// sees exactly where the points are.
func taskTicks(ns []int) plot.Ticker {
	if len(ns) == 0 || len(ns) > 8 {
		return plot.DefaultTicks{}
	}
	ticks := make(plot.ConstantTicks, len(ns))
	for i, n := range ns {
		ticks[i] = plot.Tick{Value: float64(n), Label: fmt.Sprint(n)}
	}
	return ticks
}

// logTicks labels 1, 2 and 5 of every decade, formatted plainly: gonum's
// LogTicks labels only powers of ten, too sparse over one or two decades.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for e := math.Floor(math.Log10(min)); math.Pow(10, e) <= max; e++ {
		base := math.Pow(10, e)
		for i := 1; i < 10; i++ {
			v := base * float64(i)
			t := plot.Tick{Value: v}
			if i == 1 || i == 2 || i == 5 {
				t.Label = tickLabel(v)
			}
			out = append(out, t)
		}
	}
	return out
}

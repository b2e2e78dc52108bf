package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// KindWorkers is the figure of an I/O experiment that sweeps the pool size
// at one number of tasks: wall time against workers.
const KindWorkers = "workers"

// PoolSizeFigure plots wall time against the number of workers W for N
// tasks of one server delay d: the median run with its fastest–slowest
// band, the ideal ⌈N/W⌉ × d as a dashed staircase, and a dotted line at
// W = N, past which a new worker finds no task to run. It answers "how
// many workers?" for I/O: the time falls only where ⌈N/W⌉ does.
func PoolSizeFigure(rs *lib.ResultSet) (*Figure, error) {
	if rs == nil || len(rs.Results) == 0 {
		return nil, fmt.Errorf("pool size: no measurements for %s", name(rs))
	}
	ms := slices.Clone(rs.Results)
	slices.SortFunc(ms, func(a, b lib.Measurement) int { return a.Workers - b.Workers })
	m0 := ms[0]
	if distinct(ms, func(m lib.Measurement) int { return m.Tasks }) != 1 || distinct(ms, workers) < 2 {
		return nil, fmt.Errorf("pool size %s: needs one number of tasks and several worker counts", name(rs))
	}
	hi := 0.0
	for _, m := range ms {
		hi = math.Max(hi, m.MaxS)
	}
	if !(hi > 0) || !finite(hi) {
		return nil, fmt.Errorf("pool size %s: no positive times measured", name(rs))
	}
	scale, unit := timeUnit(hi)
	details := []string{fmt.Sprintf("N = %d tasks", m0.Tasks)}
	if m0.DelayS > 0 {
		details = append(details, "server delay "+formatSeconds(m0.DelayS))
	}
	details = append(details, runsCount(ms)+" per point")
	p := newPlot(headline(rs, "Wall time vs pool size", details...), "workers W", "wall time ("+unit+")")
	p.X.Tick.Marker = workerTicks(ms)
	p.Y.Min = 0
	p.Y.Tick.Marker = niceTicks{}
	st := ModelStyle(m0.Model)

	med := make(plotter.XYs, len(ms))
	band := make(plotter.XYs, 0, 2*len(ms))
	for i, m := range ms {
		med[i] = plotter.XY{X: float64(m.Workers), Y: m.MedianS * scale}
		band = append(band, plotter.XY{X: float64(m.Workers), Y: m.MinS * scale})
	}
	for i := len(ms) - 1; i >= 0; i-- {
		band = append(band, plotter.XY{X: float64(ms[i].Workers), Y: ms[i].MaxS * scale})
	}
	if err := checkXYs(m0.Model, med); err != nil {
		return nil, fmt.Errorf("pool size %s: %w", name(rs), err)
	}
	if err := addBand(p, st, band); err != nil {
		return nil, err
	}
	if m0.Workload == "io" && m0.DelayS > 0 {
		if err := addPoolIdeal(p, ms, scale); err != nil {
			return nil, err
		}
	}
	if err := addModelLine(p, st, configLabel(m0.Model, 0, 0)+" (median)", med); err != nil {
		return nil, err
	}
	if w := float64(m0.Tasks); w <= float64(ms[len(ms)-1].Workers) {
		v, _ := plotter.NewLine(plotter.XYs{{X: w, Y: 0}, {X: w, Y: hi * scale}})
		v.LineStyle = refLine()
		v.LineStyle.Dashes = []vg.Length{vg.Points(1), vg.Points(2)}
		p.Add(v)
		p.Legend.Add(fmt.Sprintf("W = N = %d: a worker for every task", m0.Tasks), v)
	}
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: []string{m0.Model}, LegendOutside: true}, nil
}

// workerTicks labels the measured worker counts only: every whole number
// up to 24 would crowd the axis.
func workerTicks(ms []lib.Measurement) plot.Ticker {
	var ticks plot.ConstantTicks
	for _, m := range ms {
		ticks = append(ticks, plot.Tick{Value: float64(m.Workers), Label: fmt.Sprint(m.Workers)})
	}
	return ticks
}

// addPoolIdeal draws the ideal ⌈N/W⌉ × d at every whole W of the sorted
// measurements ms, with risers half way, so the steps show between the
// measured worker counts.
func addPoolIdeal(p *plot.Plot, ms []lib.Measurement, scale float64) error {
	m0 := ms[0]
	var ideal plotter.XYs
	at := func(w int) float64 { return math.Ceil(float64(m0.Tasks)/float64(w)) * m0.DelayS * scale }
	last := ms[len(ms)-1].Workers
	for w := ms[0].Workers; w <= last; w++ {
		ideal = append(ideal, plotter.XY{X: float64(w), Y: at(w)})
		if w < last && at(w+1) != at(w) {
			ideal = append(ideal, plotter.XY{X: float64(w) + 0.5, Y: at(w)}, plotter.XY{X: float64(w) + 0.5, Y: at(w + 1)})
		}
	}
	l, err := plotter.NewLine(ideal)
	if err != nil {
		return err
	}
	l.LineStyle = refLine()
	p.Add(l)
	p.Legend.Add("ideal: ceil(N/W) × delay", l)
	return nil
}

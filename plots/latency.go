package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gomeasure/concurrency/lib"
)

// Percentiles are the marks of a latency distribution: the typical
// request, the slow ones a load test is about, and the worst.
var Percentiles = []float64{50, 95, 99, 100}

// Latency plots the distribution of task durations (EndS − StartS of every
// successful task of a Measurement's Timeline) for a load test, as an
// empirical CDF: the y value at x is the share of requests that took at
// most x. The p50, p95, p99 and maximum (lib.Percentile) are marked with
// vertical lines and printed in the legend. Every measurement with a
// timeline gets a curve; with one, the marks are also labelled on the
// chart.
func Latency(rs *lib.ResultSet) (*plot.Plot, error) {
	f, err := LatencyFigure(rs)
	if err != nil {
		return nil, err
	}
	return f.Panels[0][0], nil
}

// LatencyFigure is Latency wrapped in a Figure that lists its series.
func LatencyFigure(rs *lib.ResultSet) (*Figure, error) {
	if rs == nil {
		return nil, fmt.Errorf("latency: no measurements for %s", name(rs))
	}
	curves, hi, err := latencyCurves(rs)
	if err != nil {
		return nil, err
	}
	scale, unit := timeUnit(hi)
	p := newPlot(headline(rs, "Latency distribution", latencyDetails(rs, curves[0].m)...),
		"latency of one request ("+unit+")", "requests at most this slow (%)")
	p.X.Min, p.X.Max = 0, hi*scale*1.02
	p.Y.Min, p.Y.Max = 0, 100*(1+0.07*float64(len(curves)+1))
	p.Y.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25, Label: "25"}, {Value: 50, Label: "50"},
		{Value: 75, Label: "75"}, {Value: 100, Label: "100"}}
	p.X.Tick.Marker = niceTicks{}

	var series []string
	for _, cv := range curves {
		label, err := drawLatencyCurve(p, rs, cv, scale, len(curves) == 1)
		if err != nil {
			return nil, err
		}
		series = append(series, label)
	}
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: series}, nil
}

// latencyCurve is the sorted durations of one measurement's successful
// tasks.
type latencyCurve struct {
	m      lib.Measurement
	d      []float64 // seconds, sorted
	failed int
}

// latencyCurves collects a curve for every measurement with a timeline,
// and the longest duration of any.
func latencyCurves(rs *lib.ResultSet) ([]latencyCurve, float64, error) {
	var curves []latencyCurve
	hi := 0.0
	for _, m := range rs.Results {
		if len(m.Timeline) == 0 {
			continue
		}
		cv := latencyCurve{m: m}
		for _, s := range m.Timeline {
			if s.Err != "" || s.Worker < 0 {
				cv.failed++
				continue
			}
			d := s.EndS - s.StartS
			if !finite(d) || d < 0 {
				return nil, 0, fmt.Errorf("latency %s: %s task %d has invalid duration %v", name(rs), m.Model, s.Task, d)
			}
			cv.d = append(cv.d, d)
		}
		if len(cv.d) == 0 {
			return nil, 0, fmt.Errorf("latency %s: no measurements for %s: all %d tasks failed", name(rs), m.Model, len(m.Timeline))
		}
		sort.Float64s(cv.d)
		hi = math.Max(hi, cv.d[len(cv.d)-1])
		curves = append(curves, cv)
	}
	if len(curves) == 0 {
		return nil, 0, fmt.Errorf("latency: no measurements with a timeline for %s", name(rs))
	}
	if !(hi > 0) {
		return nil, 0, fmt.Errorf("latency %s: every task took zero time", name(rs))
	}
	return curves, hi, nil
}

// latencyDetails is the title's second line, read from the first curve's
// measurement: requests and their rate or concurrency, the server delay,
// and the runs.
func latencyDetails(rs *lib.ResultSet, m0 lib.Measurement) []string {
	details := []string{plural(m0.Tasks, "request")}
	switch rate := openLoopRate(m0); {
	case rate > 0:
		details[0] += " at " + tickLabel(rate) + "/s"
	case m0.PoolSize() > 0 && m0.PoolSize() < m0.Tasks:
		details[0] += fmt.Sprintf(", %d at a time", m0.PoolSize())
	}
	if m0.DelayS > 0 {
		details = append(details, "server delay "+formatSeconds(m0.DelayS))
	}
	if multiRun(rs.Results) {
		details = append(details, "the median of "+runsCount(rs.Results))
	}
	return details
}

// drawLatencyCurve draws one CDF with its percentile marks (labelled on
// the chart when it is the only curve) and its legend entry, and returns
// its label.
func drawLatencyCurve(p *plot.Plot, rs *lib.ResultSet, cv latencyCurve, scale float64, only bool) (string, error) {
	st := ModelStyle(cv.m.Model)
	n := float64(len(cv.d))
	xy := plotter.XYs{{X: cv.d[0] * scale, Y: 0}}
	for i, d := range cv.d {
		xy = append(xy, plotter.XY{X: d * scale, Y: 100 * float64(i) / n}, plotter.XY{X: d * scale, Y: 100 * float64(i+1) / n})
	}
	label := latencyLabel(cv.m)
	if err := checkXYs(label, xy); err != nil {
		return "", fmt.Errorf("latency %s: %w", name(rs), err)
	}
	line, err := plotter.NewLine(xy)
	if err != nil {
		return "", err
	}
	line.LineStyle = st.line(vg.Points(1.8))
	line.LineStyle.Dashes = nil

	marks := make([]float64, len(Percentiles))
	summary := "  mean " + formatSeconds(lib.Summarize(cv.d).Mean)
	for i, q := range Percentiles {
		marks[i] = lib.Percentile(cv.d, q)
		if !finite(marks[i]) {
			return "", fmt.Errorf("latency %s: %s: p%v is not a number", name(rs), label, q)
		}
		summary += fmt.Sprintf("  %s %s", percentileName(q), formatSeconds(marks[i]))
	}
	for i, v := range marks {
		vl, err := plotter.NewLine(plotter.XYs{{X: v * scale, Y: 0}, {X: v * scale, Y: 100}})
		if err != nil {
			return "", err
		}
		vl.LineStyle = refLine()
		vl.LineStyle.Color = st.Color
		vl.LineStyle.Width = vg.Points(0.8)
		p.Add(vl)
		if only {
			p.Add(&markLabel{x: v * scale, y: 6 + 10*float64(i), text: percentileName(Percentiles[i]) + " " + formatSeconds(v), color: st.Color, xmax: p.X.Max})
		}
	}
	p.Add(line)
	if cv.failed > 0 {
		summary += fmt.Sprintf("  (%d failed, not shown)", cv.failed)
	}
	p.Legend.Add(label+":"+summary, line)
	return label, nil
}

// latencyLabel names a curve: the model and its pool, or for the load
// generators of lib/loadgen.go their rate or their workers.
func latencyLabel(m lib.Measurement) string {
	switch {
	case m.Model == "closed-loop":
		return fmt.Sprintf("closed loop (%s)", plural(m.Workers, "worker"))
	case openLoopRate(m) > 0:
		return fmt.Sprintf("open loop (%s/s)", tickLabel(openLoopRate(m)))
	}
	return configLabel(m.Model, m.PoolSize(), 0)
}

// openLoopRate is the rate an open-loop measurement sent its requests at,
// read from when its first and last requests were due; 0 for any other.
func openLoopRate(m lib.Measurement) float64 {
	if m.Model != "open-loop" || len(m.Timeline) < 2 {
		return 0
	}
	first, last := m.Timeline[0].StartS, m.Timeline[len(m.Timeline)-1].StartS
	if !(last > first) {
		return 0
	}
	return float64(len(m.Timeline)-1) / (last - first)
}

// multiRun reports whether any measurement was repeated, so that "the
// median of 1 run" is not written under a single load test.
func multiRun(ms []lib.Measurement) bool {
	for _, m := range ms {
		if len(m.RunsS) > 1 {
			return true
		}
	}
	return false
}

func percentileName(q float64) string {
	if q >= 100 {
		return "max"
	}
	return fmt.Sprintf("p%g", q)
}

// markLabel writes a percentile's name beside its line: right of it in
// the left part of the chart, left of it near the right edge so the text
// stays inside.
type markLabel struct {
	x, y  float64
	text  string
	color color.Color
	xmax  float64
}

// Plot implements plot.Plotter.
func (l *markLabel) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := text.Style{Color: l.color, Font: font.From(sansFont, smallSize), XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: p.TextHandler}
	pt := vg.Point{X: tx(l.x) + vg.Points(3), Y: ty(l.y)}
	if l.x > 0.7*l.xmax {
		sty.XAlign = draw.XRight
		pt.X = tx(l.x) - vg.Points(3)
	}
	// A white box under the text keeps it readable across grid and curve.
	r := sty.Rectangle(l.text)
	box := vg.Rectangle{Min: pt.Add(r.Min), Max: pt.Add(r.Max)}
	c.SetColor(rgb(0xFF, 0xFF, 0xFF))
	c.Fill(box.Path())
	c.FillText(sty, pt, l.text)
}

package plots

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// Saturation draws what closed-loop load tests find as their concurrency
// grows, one point per report (lib.ClosedLoop with a growing pool): on the
// left the answers per second, on the right the median and p99 latency,
// both against the number of requests kept in flight. A ceiling > 0, the
// server's capacity in answers per second, is drawn as a dashed line on
// the left. details go under the title, as in every figure: the server
// and the machine.
func Saturation(title string, reports []*lib.LoadReport, ceiling float64, details ...string) (*Figure, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("saturation: no load tests")
	}
	rs := append([]*lib.LoadReport(nil), reports...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Workers < rs[j].Workers })
	var thr, p50, p99 plotter.XYs
	var ticks []plot.Tick
	for _, r := range rs {
		if r.Workers <= 0 || len(r.Samples) == r.Errors() {
			return nil, fmt.Errorf("saturation: a test with %d workers and %d of %d requests failed has nothing to draw", r.Workers, r.Errors(), len(r.Samples))
		}
		x := float64(r.Workers)
		thr = append(thr, plotter.XY{X: x, Y: r.Throughput()})
		p50 = append(p50, plotter.XY{X: x, Y: r.Percentile(50).Seconds() * 1000})
		p99 = append(p99, plotter.XY{X: x, Y: r.Percentile(99).Seconds() * 1000})
		ticks = append(ticks, plot.Tick{Value: x, Label: strconv.Itoa(r.Workers)})
	}
	for name, xy := range map[string]plotter.XYs{"throughput": thr, "p50": p50, "p99": p99} {
		if err := checkXYs(name, xy); err != nil {
			return nil, fmt.Errorf("saturation: %w", err)
		}
	}
	const xlabel = "requests in flight (closed-loop workers)"
	left := newPlot("Throughput", xlabel, "answers per second")
	right := newPlot("Latency", xlabel, "latency (ms)")
	for _, p := range []*plot.Plot{left, right} {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Min, p.X.Max = thr[0].X/1.3, thr[len(thr)-1].X*1.3
		p.Y.Min = 0
		p.Y.Tick.Marker = niceTicks{}
	}
	left.Y.Max = 1.15 * math.Max(ceiling, maxY(thr))
	right.Y.Max = 1.15 * maxY(p99)
	series := []string{"throughput"}
	if err := addModelLine(left, ModelStyle("pool"), "answers per second", thr); err != nil {
		return nil, err
	}
	if ceiling > 0 {
		ln, err := plotter.NewLine(plotter.XYs{{X: left.X.Min, Y: ceiling}, {X: left.X.Max, Y: ceiling}})
		if err != nil {
			return nil, err
		}
		ln.LineStyle = refLine()
		left.Add(ln)
		left.Legend.Add(fmt.Sprintf("the server's ceiling, %s/s", tickLabel(ceiling)), ln)
		series = append(series, "ceiling")
	}
	if err := addModelLine(right, ModelStyle("goroutines"), "p50 (median)", p50); err != nil {
		return nil, err
	}
	if err := addModelLine(right, ModelStyle("gil"), "p99", p99); err != nil {
		return nil, err
	}
	left.Legend.Left, right.Legend.Left = false, true
	left.Legend.Top, right.Legend.Top = false, true
	left.Legend.YOffs = vg.Points(4)
	f := &Figure{Title: headline(&lib.ResultSet{Title: title}, title, details...), Panels: [][]*plot.Plot{{left, right}},
		Series: append(series, "p50", "p99"), Height: DefaultHeight}
	return f, nil
}

func maxY(xy plotter.XYs) float64 {
	m := 0.0
	for _, p := range xy {
		m = math.Max(m, p.Y)
	}
	return m
}

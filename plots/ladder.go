package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gomeasure/concurrency/lib"
)

// LatencyLadder draws the latency ladder measured by lib.MeasureLatencies:
// one rung per operation, fastest at the bottom, its time per operation on
// a log axis (the rungs span seven or more powers of ten, which a linear
// axis would crush into one bar), and beside each rung the same time on
// the human scale where a nanosecond lasts a second.
func LatencyLadder(ladder []lib.Latency, env lib.Env) (*Figure, error) {
	if len(ladder) == 0 {
		return nil, fmt.Errorf("latency ladder: no operations measured")
	}
	lo, hi := math.Inf(1), 0.0
	for _, l := range ladder {
		if !(l.NS > 0) || !finite(l.NS) {
			return nil, fmt.Errorf("latency ladder: %q took %v ns, which a log axis cannot show", l.What, l.NS)
		}
		lo, hi = math.Min(lo, l.NS), math.Max(hi, l.NS)
	}
	title := "The latency ladder, measured on this machine"
	if parts := envLine(env); len(parts) > 0 {
		title += "\n" + wrapDetails(parts)
	}
	p := newPlot(title, "time per operation (log scale)", "")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = decadeTicks{}
	// Room on the left of the fastest rung, and on the right of the
	// slowest for its human-scale label.
	p.X.Min, p.X.Max = lo/1e9/3, hi/1e9*300
	p.Y.Min, p.Y.Max = -0.7, float64(len(ladder))-0.3
	var ticks []plot.Tick
	st := ModelStyle("goroutines")
	var at plotter.XYs
	var human []string
	for i, l := range ladder {
		s := l.NS / 1e9
		rung, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: float64(i)}, {X: s, Y: float64(i)}})
		if err != nil {
			return nil, err
		}
		rung.LineStyle = st.line(vg.Points(2.5))
		p.Add(rung)
		at = append(at, plotter.XY{X: s, Y: float64(i)})
		human = append(human, lib.FormatNS(l.NS)+" ≈ "+lib.HumanString(l.Human()))
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: l.What})
	}
	pts, err := plotter.NewScatter(at)
	if err != nil {
		return nil, err
	}
	pts.GlyphStyle = st.glyph()
	labels, err := plotter.NewLabels(plotter.XYLabels{XYs: at, Labels: human})
	if err != nil {
		return nil, err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i] = text.Style{Color: rgb(0x22, 0x22, 0x22), Font: font.From(sansFont, smallSize),
			XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	}
	labels.Offset = vg.Point{X: vg.Points(7)}
	p.Add(pts, labels)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Legend = plot.NewLegend()
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: []string{"time per operation; beside it, if 1 ns lasted 1 s"},
		Height: DefaultHeight * 1.1}, nil
}

// decadeTicks labels a log axis of seconds at its powers of ten only —
// "1 ns", "10 µs", "1 ms" — since the ladder spans too many decades for
// the 1-2-5 marks of durationTicks.
type decadeTicks struct{}

func (decadeTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for e := math.Ceil(math.Log10(min) - 1e-9); math.Pow(10, e) <= max*(1+1e-9); e++ {
		out = append(out, plot.Tick{Value: math.Pow(10, e), Label: decadeLabel(int(e))})
	}
	return out
}

// decadeLabel names 10^e seconds in the unit that makes it 1, 10 or 100:
// decadeLabel(-8) is "10 ns".
func decadeLabel(e int) string {
	units := []string{"ns", "µs", "ms", "s"}
	i := min(max((e+9)/3, 0), len(units)-1)
	if e < -9 {
		i = 0
	}
	v := math.Pow(10, float64(e+9-3*i))
	return tickLabel(v) + " " + units[i]
}

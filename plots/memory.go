package plots

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// minStackBytes is the stack a new goroutine starts with (the runtime's
// stackMin): the floor that the measured cost per goroutine approaches.
// It is a property of the runtime, drawn as a reference, not a measurement.
const minStackBytes = 2048

// Memory plots the measured memory cost of one parked goroutine (stack and
// heap in use, divided by the count, ResultSet.Memory) against the number
// of goroutines, on a log axis, with the runtime's 2 KiB starting stack as
// a reference line.
func Memory(rs *lib.ResultSet) (*plot.Plot, error) {
	f, err := MemoryFigure(rs)
	if err != nil {
		return nil, err
	}
	return f.Panels[0][0], nil
}

// MemoryFigure is Memory wrapped in a Figure that lists its series.
func MemoryFigure(rs *lib.ResultSet) (*Figure, error) {
	if rs == nil || len(rs.Memory) == 0 {
		return nil, fmt.Errorf("memory: no measurements for %s", name(rs))
	}
	pts := append([]lib.MemoryPoint(nil), rs.Memory...)
	sort.Slice(pts, func(a, b int) bool { return pts[a].Goroutines < pts[b].Goroutines })
	xy := make(plotter.XYs, 0, len(pts))
	hi := float64(minStackBytes)
	var ns []int
	for _, m := range pts {
		if m.Goroutines <= 0 {
			return nil, fmt.Errorf("memory %s: a point with %d goroutines cannot go on a log axis", name(rs), m.Goroutines)
		}
		xy = append(xy, plotter.XY{X: float64(m.Goroutines), Y: m.BytesPerGoroutine})
		hi = math.Max(hi, m.BytesPerGoroutine)
		ns = append(ns, m.Goroutines)
	}
	const label = "goroutines (measured)"
	if err := checkXYs(label, xy); err != nil {
		return nil, fmt.Errorf("memory %s: %w", name(rs), err)
	}
	last := pts[len(pts)-1]
	details := []string{fmt.Sprintf("%s goroutines: %s MiB in all", formatCount(last.Goroutines), tickLabel(float64(last.TotalBytes)/(1<<20)))}
	if rs.Env.GOMAXPROCS > 0 {
		details = append(details, fmt.Sprintf("GOMAXPROCS %d", rs.Env.GOMAXPROCS))
	}
	p := newPlot(headline(rs, "Memory per parked goroutine", details...),
		"number of goroutines (log scale)", "memory per goroutine (bytes)")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = countTicks(ns)
	p.Y.Min, p.Y.Max = 0, hi*1.3
	p.Y.Tick.Marker = kibTicks{}
	lo, top := float64(ns[0]), float64(ns[len(ns)-1])
	if lo == top {
		lo, top = lo/2, top*2
	}
	p.X.Min, p.X.Max = lo/1.5, top*1.5

	ref, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: minStackBytes}, {X: p.X.Max, Y: minStackBytes}})
	if err != nil {
		return nil, err
	}
	ref.LineStyle = refLine()
	p.Add(ref)
	st := ModelStyle("goroutines")
	line, points, err := plotter.NewLinePoints(xy)
	if err != nil {
		return nil, err
	}
	line.LineStyle = st.line(vg.Points(1.8))
	points.GlyphStyle = st.glyph()
	p.Add(line, points)
	p.Legend.Add(label, line, points)
	p.Legend.Add("a new goroutine's stack: 2 KiB", ref)
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: []string{label}}, nil
}

// countTicks labels exactly the measured counts, as 1k, 10k, 100k.
func countTicks(ns []int) plot.Ticker {
	ticks := make(plot.ConstantTicks, len(ns))
	for i, n := range ns {
		ticks[i] = plot.Tick{Value: float64(n), Label: formatCount(n)}
	}
	return ticks
}

func formatCount(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// kibTicks puts ticks at whole multiples of 1 KiB (or of a power of two
// KiB), labelled in KiB: memory comes in pages and powers of two.
type kibTicks struct{}

func (kibTicks) Ticks(min, max float64) []plot.Tick {
	step := 1024.0
	for (max-min)/step > 8 {
		step *= 2
	}
	var out []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max; v += step {
		label := fmt.Sprintf("%g KiB", v/1024)
		if v == 0 {
			label = "0"
		}
		out = append(out, plot.Tick{Value: v, Label: label})
	}
	return out
}

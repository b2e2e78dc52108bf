package plots

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gomeasure/concurrency/lib"
)

// Deliveries says when the reader of a pool's results gets each task's
// result, from the tasks' measured spans. In completion order (Python's
// as_completed, lib.Pool.Stream) a result is handed over as its task ends.
// In input order (executor.map, lib.Pool.Run read in order) result i
// waits until every task before it has ended too. ranks[i] is the order,
// from 1, in which result i reaches the reader.
func Deliveries(spans []lib.Span, inputOrder bool) (at []float64, ranks []int) {
	at = make([]float64, len(spans))
	done := 0.0
	for i, s := range spans {
		at[i] = s.EndS
		if inputOrder {
			done = math.Max(done, s.EndS)
			at[i] = done
		}
	}
	idx := make([]int, len(spans))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if at[a] != at[b] {
			return int(math.Copysign(1, at[a]-at[b]))
		}
		return a - b // a tie goes in input order, as a reader takes them
	})
	ranks = make([]int, len(spans))
	for r, i := range idx {
		ranks[i] = r + 1
	}
	return at, ranks
}

// OrderFigure draws the same measured run twice, as map and as
// as_completed would hand its results over: one row per task in input
// order, a bar while the task runs, a dot when its result reaches the
// reader, numbered in the order the reader gets it, and a line from the
// bar's end to the dot while a finished result waits for earlier ones.
// It uses the first measurement of rs with a timeline.
func OrderFigure(rs *lib.ResultSet) (*Figure, error) {
	var m *lib.Measurement
	for i := range rs.Results {
		if len(rs.Results[i].Timeline) > 0 {
			m = &rs.Results[i]
			break
		}
	}
	if m == nil {
		return nil, fmt.Errorf("order: no measurement with a timeline in %s", name(rs))
	}
	spans := slices.Clone(m.Timeline)
	slices.SortFunc(spans, func(a, b lib.Span) int { return a.Task - b.Task })
	end := 0.0
	for _, s := range spans {
		if !finite(s.StartS) || !finite(s.EndS) || s.EndS < s.StartS {
			return nil, fmt.Errorf("order %s: task %d has invalid times %v..%v", name(rs), s.Task, s.StartS, s.EndS)
		}
		end = math.Max(end, s.EndS)
	}
	if !(end > 0) {
		return nil, fmt.Errorf("order %s: every task has zero duration", name(rs))
	}
	scale, unit := timeUnit(end)
	var panels [][]*plot.Plot
	for _, in := range []bool{true, false} {
		title := "as_completed (lib.Pool.Stream): each result as its task ends"
		if in {
			title = "map (lib.Pool.Run): results in input order"
		}
		at, ranks := Deliveries(spans, in)
		p := newPlot(title, "", "task")
		p.Title.TextStyle.Font = font.From(sansFont, labelSize)
		p.Add(&orderRows{spans: spans, at: at, ranks: ranks, scale: scale, style: ModelStyle(m.Model)})
		p.X.Min, p.X.Max = 0, end*scale*1.06
		p.X.Tick.Marker = niceTicks{}
		p.Y.Min, p.Y.Max = -0.6, float64(len(spans))-0.4
		p.Y.Tick.Marker = taskRowTicks(spans)
		p.Y.Tick.Length = 0
		panels = append(panels, []*plot.Plot{p})
	}
	panels[1][0].X.Label.Text = "time since the run started (" + unit + ")"
	title := headline(rs, "Which order the reader gets results in", fmt.Sprintf("%d tasks, %s", len(spans), plural(m.Workers, "worker")))
	return &Figure{Title: title, Panels: panels, PanelHeight: vg.Points(34 + 18*float64(len(spans))),
		Series: []string{"map", "as_completed"}}, nil
}

// taskRowTicks labels row i (from the top) with task i's name.
func taskRowTicks(spans []lib.Span) plot.Ticker {
	var ticks plot.ConstantTicks
	for i, s := range spans {
		ticks = append(ticks, plot.Tick{Value: float64(len(spans) - 1 - i), Label: s.Name})
	}
	return ticks
}

// orderRows is the plotter of one OrderFigure panel.
type orderRows struct {
	spans []lib.Span
	at    []float64
	ranks []int
	scale float64
	style Style
}

// Plot implements plot.Plotter.
func (o *orderRows) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	label := text.Style{Color: rgb(0x11, 0x11, 0x11), Font: font.From(boldFont, vg.Points(8)),
		XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: p.TextHandler}
	n := len(o.spans)
	for i, s := range o.spans {
		y := ty(float64(n - 1 - i))
		r := vg.Rectangle{
			Min: vg.Point{X: tx(s.StartS * o.scale), Y: y - vg.Points(5)},
			Max: vg.Point{X: tx(s.EndS * o.scale), Y: y + vg.Points(5)},
		}
		c.SetColor(o.style.fill(0xA0))
		c.Fill(r.Path())
		c.SetLineStyle(draw.LineStyle{Color: o.style.Color, Width: vg.Points(0.6)})
		c.Stroke(r.Path())
		got := vg.Point{X: tx(o.at[i] * o.scale), Y: y}
		if got.X-r.Max.X > vg.Points(1) { // finished, but waiting for an earlier result
			c.StrokeLines(draw.LineStyle{Color: refColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}},
				[]vg.Point{{X: r.Max.X, Y: y}, got})
		}
		c.DrawGlyph(draw.GlyphStyle{Color: rgb(0, 0, 0), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}, got)
		c.FillText(label, got.Add(vg.Point{X: vg.Points(5)}), strconv.Itoa(o.ranks[i]))
	}
}

// DataRange implements plot.DataRanger.
func (o *orderRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, t := range o.at {
		xmax = math.Max(xmax, t*o.scale)
	}
	return 0, xmax, -0.5, float64(len(o.spans)) - 0.5
}

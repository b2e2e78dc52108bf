package plots

import (
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

// The drawing of a timeline panel: its lane ticks, the Gantt bars and the
// hatching of failed tasks.

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

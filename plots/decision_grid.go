package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gomeasure/concurrency/lib/claim"
)

// speedupGrid is a plot.Plotter that draws DecisionChart's cells: a
// coloured square with its speedup written on it at each (column, row).
type speedupGrid struct {
	cols, rows int
	cells      []gridCell
}

type gridCell struct {
	x, y int
	v    float64
}

// DataRange implements plot.DataRanger: one unit per cell.
func (g *speedupGrid) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(g.cols) - 0.5, -0.5, float64(g.rows) - 0.5
}

// Plot implements plot.Plotter.
func (g *speedupGrid) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	gap := vg.Points(1.5)
	sty := text.Style{Font: font.From(boldFont, tickSize), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	for _, cell := range g.cells {
		x0, x1 := tx(float64(cell.x)-0.5)+gap, tx(float64(cell.x)+0.5)-gap
		y0, y1 := ty(float64(cell.y)-0.5)+gap, ty(float64(cell.y)+0.5)-gap
		r, gr, b := speedupColor(cell.v)
		c.SetColor(color.RGBA{R: r, G: gr, B: b, A: 0xFF})
		c.Fill(vg.Path{{Type: vg.MoveComp, Pos: vg.Point{X: x0, Y: y0}}, {Type: vg.LineComp, Pos: vg.Point{X: x1, Y: y0}},
			{Type: vg.LineComp, Pos: vg.Point{X: x1, Y: y1}}, {Type: vg.LineComp, Pos: vg.Point{X: x0, Y: y1}}, {Type: vg.CloseComp}})
		// Dark text on light cells, white on dark ones.
		sty.Color = rgb(0x11, 0x11, 0x11)
		if 0.299*float64(r)+0.587*float64(gr)+0.114*float64(b) < 140 {
			sty.Color = rgb(0xFF, 0xFF, 0xFF)
		}
		c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, claim.Times(cell.v))
	}
}

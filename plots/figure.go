package plots

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Drawable is anything Save, Encode and WriteAll can render: a *plot.Plot
// or a *Figure.
type Drawable interface {
	Draw(c draw.Canvas)
}

// Sizer is implemented by drawables that know their natural size; others
// are rendered at DefaultWidth × DefaultHeight.
type Sizer interface {
	Size() (width, height vg.Length)
}

// Default figure size. 600 pt is 800 px at the 96 dpi of PNGDPI and of a
// browser showing the SVG, the width the figures are designed for.
const (
	DefaultWidth  = 600 * vg.Inch / 72
	DefaultHeight = 400 * vg.Inch / 72
	// PNGDPI is the resolution of PNG output.
	PNGDPI = 96
	// margin is left blank around every figure: gonum draws a plot's title
	// and tick labels flush with the canvas edge.
	margin = 6 * vg.Inch / 72
)

// Figure is a grid of plots drawn on one canvas, under an optional common
// title: the multi-panel figures (one Gantt chart per model), and any
// single plot that should carry its own size.
type Figure struct {
	// Title is drawn centred above the panels; empty for none.
	Title string
	// Panels holds the plots row by row; nil entries leave a gap. Every
	// row has the same number of columns.
	Panels [][]*plot.Plot
	// Width and Height are the size of the whole figure; zero means
	// DefaultWidth and, for the height, PanelHeight per row.
	Width, Height vg.Length
	// PanelHeight is the height of one row when Height is zero.
	PanelHeight vg.Length
	// Series names the data series drawn, in legend order, so tests and
	// captions can tell what a figure shows without parsing the drawing.
	Series []string
	// LegendOutside draws the legend of a single-panel figure to the right
	// of the plot instead of over it, with the title centred over both:
	// for charts whose lines leave no corner free.
	LegendOutside bool
}

// Size implements Sizer.
func (f *Figure) Size() (vg.Length, vg.Length) {
	w, h := f.Width, f.Height
	if w == 0 {
		w = DefaultWidth
	}
	if h == 0 {
		if f.PanelHeight == 0 || len(f.Panels) == 0 {
			h = DefaultHeight
		} else {
			h = vg.Length(len(f.Panels))*f.PanelHeight + f.titleHeight()
		}
	}
	return w, h
}

func (f *Figure) titleStyle() text.Style {
	return text.Style{
		Color:   refColor,
		Font:    font.From(boldFont, titleSize),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
}

func (f *Figure) titleHeight() vg.Length {
	if f.Title == "" {
		return 0
	}
	sty := f.titleStyle()
	return sty.Rectangle(f.Title).Size().Y + vg.Points(8)
}

// Draw implements Drawable: the title, then the panels aligned so that
// their data areas line up (plot.Align), which makes the time axes of
// stacked Gantt charts directly comparable.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(rgb(0xFF, 0xFF, 0xFF))
	c.Fill(c.Rectangle.Path())
	if f.Title != "" {
		sty := f.titleStyle()
		sty.Color = rgb(0, 0, 0)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.Title)
		c.Max.Y -= f.titleHeight()
	}
	rows := len(f.Panels)
	if rows == 0 {
		return
	}
	if f.LegendOutside && rows == 1 && len(f.Panels[0]) == 1 && f.Panels[0][0] != nil {
		drawLegendOutside(f.Panels[0][0], c)
		return
	}
	cols := len(f.Panels[0])
	t := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(12), PadY: vg.Points(10)}
	canvases := plot.Align(f.Panels, t, c)
	for i, row := range f.Panels {
		for j, p := range row {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
}

// validate reports a figure that cannot be drawn (plot.Align panics on a
// ragged grid).
func (f *Figure) validate() error {
	if len(f.Panels) == 0 {
		return fmt.Errorf("figure %q has no panels", f.Title)
	}
	for i, row := range f.Panels {
		if len(row) != len(f.Panels[0]) {
			return fmt.Errorf("figure %q: row %d has %d panels, row 0 has %d", f.Title, i, len(row), len(f.Panels[0]))
		}
	}
	return nil
}

// drawLegendOutside draws p with its title across the whole canvas, its
// legend in a column on the right, and the plot in the rest. The plot's
// own title and legend are set aside for the duration and restored.
func drawLegendOutside(p *plot.Plot, c draw.Canvas) {
	title, legend := p.Title.Text, p.Legend
	defer func() { p.Title.Text, p.Legend = title, legend }()
	p.Title.Text = ""
	p.Legend = plot.NewLegend()

	c.SetColor(p.BackgroundColor)
	c.Fill(c.Rectangle.Path())
	if title != "" {
		descent := p.Title.TextStyle.FontExtents().Descent
		c.FillText(p.Title.TextStyle, vg.Point{X: c.Center().X, Y: c.Max.Y + descent}, title)
		c.Max.Y -= p.Title.TextStyle.Rectangle(title).Size().Y + p.Title.Padding
	}
	legend.Top, legend.Left = true, true
	legend.XOffs, legend.YOffs = 0, 0
	// The legend's measured width ends flush with its last glyph: a margin
	// keeps the longest label off the image's edge, also when a browser
	// draws the SVG in a wider font than the one measured here.
	w := legend.Rectangle(c).Size().X + vg.Points(4)
	gap, margin := vg.Points(10), vg.Points(8)+w*fallbackSlack
	c.Max.X -= margin
	plotC := draw.Crop(c, 0, -(w + gap), 0, 0)
	p.Draw(plotC)
	// Top of the legend level with the top of the data area.
	data := p.DataCanvas(plotC)
	legend.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: c.Max.X - w, Y: c.Min.Y},
		Max: vg.Point{X: c.Max.X, Y: data.Max.Y},
	}})
}

package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gomeasure/concurrency/internal/textutil"
	"github.com/gomeasure/concurrency/lib"
)

// Fonts: gonum's default is a serif face at sizes meant for print; a sans
// face a little larger reads better on screens at 800 px.
var (
	sansFont  = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont  = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
	titleSize = vg.Points(12)
	labelSize = vg.Points(11)
	tickSize  = vg.Points(10)
	smallSize = vg.Points(9)
)

// newPlot returns an empty plot in the house style: sans fonts, a light
// grid, the legend top left with room between entries.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(boldFont, titleSize)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, labelSize)
		a.Tick.Label.Font = font.From(sansFont, tickSize)
		a.Tick.Length = vg.Points(4)
		a.Padding = vg.Points(2)
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = font.From(sansFont, tickSize)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = -vg.Points(4)
	p.Legend.Padding = vg.Points(1)
	p.Legend.ThumbnailWidth = vg.Points(24)
	g := plotter.NewGrid()
	g.Vertical.Color = gridColor
	g.Horizontal.Color = gridColor
	p.Add(g)
	return p
}

// headline is a figure's title: what was measured (the result set's title,
// or the caller's) and, on a second line, where — the sizes and the
// machine — so that a figure copied out of context still says what it is.
func headline(rs *lib.ResultSet, what string, details ...string) string {
	title := rs.Title
	if title == "" {
		title = what
	}
	parts := append([]string{}, details...)
	parts = append(parts, envLine(rs.Env)...)
	if len(parts) == 0 {
		return title
	}
	return title + "\n" + wrapDetails(parts)
}

// fallbackSlack is how much wider than Liberation Sans a browser's
// substitute may draw the SVG's text when the reader has none of
// Liberation Sans, Arial and Helvetica (DejaVu Sans, the usual Linux
// fallback, is about 12% wider): titles and legends leave that much room.
const fallbackSlack = 0.15

// wrapDetails joins a title's details with " · " on as few lines as keep
// each line, drawn in the title's font, narrow enough for the figure even
// in a wider fallback font.
func wrapDetails(parts []string) string {
	sty := text.Style{Font: font.From(boldFont, titleSize), Handler: plot.DefaultTextHandler}
	budget := DefaultWidth * (1 - fallbackSlack) * 0.95
	var lines []string
	line := ""
	for _, p := range parts {
		switch try := line + " · " + p; {
		case line == "":
			line = p
		case sty.Rectangle(try).Size().X > budget:
			lines, line = append(lines, line), p
		default:
			line = try
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// envLine describes the machine of a result set.
func envLine(env lib.Env) []string {
	var out []string
	if env.NumCPU > 0 {
		out = append(out, plural(env.NumCPU, "CPU"))
	}
	if env.GoVersion != "" {
		out = append(out, env.GoVersion)
	}
	// Which CPython ran matters as much: a free-threaded build has no GIL.
	if py := env.Python; py != nil && py.Version != "" {
		build := "with the GIL"
		if !py.GIL {
			build = "free-threaded, no GIL"
		}
		out = append(out, fmt.Sprintf("CPython %s (%s)", py.Version, build))
	}
	return out
}

// plural writes "1 noun" or "n nouns".
func plural(n int, noun string) string { return textutil.Plural(n, noun) }

// timeUnit picks seconds or milliseconds for values up to max seconds, so
// that quick runs (tens of milliseconds) do not show ticks like 0.005.
func timeUnit(max float64) (scale float64, unit string) {
	if max < 1 {
		return 1000, "ms"
	}
	return 1, "s"
}

// formatSeconds prints a duration in s or ms with three significant digits.
func formatSeconds(s float64) string {
	if s < 1 {
		return tickLabel(s*1000) + " ms"
	}
	return tickLabel(s) + " s"
}

// niceTicks labels 4 to 8 round values (steps of 1, 2, 2.5 or 5 times a
// power of ten), denser than gonum's default on short axes.
type niceTicks struct{}

func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return (plot.DefaultTicks{}).Ticks(min, max)
	}
	raw := (max - min) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []plot.Tick
	for i := math.Ceil(min / step); i*step <= max+step*1e-9; i++ {
		v := i * step
		out = append(out, plot.Tick{Value: v, Label: tickLabel(v)})
		if minor := v + step/2; minor < max {
			out = append(out, plot.Tick{Value: minor})
		}
	}
	return out
}

// checkXYs refuses a series with no points or a non-finite coordinate: a
// figure with a silently missing line is worse than an error.
func checkXYs(series string, xys plotter.XYs) error {
	if len(xys) == 0 {
		return fmt.Errorf("no measurements for %s", series)
	}
	for _, xy := range xys {
		if !finite(xy.X) || !finite(xy.Y) {
			return fmt.Errorf("series %s: non-finite point (%v, %v)", series, xy.X, xy.Y)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// integerTicks marks every whole number in range when there are few, and
// falls back to the default ticks otherwise; worker numbers and CPU counts
// have no fractions.
type integerTicks struct{ max int }

func (t integerTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := int(math.Ceil(min)), int(math.Floor(max))
	limit := t.max
	if limit <= 0 {
		limit = 16
	}
	if hi-lo+1 > limit {
		var out []plot.Tick
		for _, tk := range (plot.DefaultTicks{}).Ticks(min, max) {
			if tk.Label == "" || tk.Value == math.Trunc(tk.Value) {
				out = append(out, tk)
			}
		}
		return out
	}
	var out []plot.Tick
	for v := lo; v <= hi; v++ {
		out = append(out, plot.Tick{Value: float64(v), Label: fmt.Sprint(v)})
	}
	return out
}

// refLine is the style of ideal and reference lines.
func refLine() draw.LineStyle {
	return draw.LineStyle{Color: refColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
}

// tickLabel prints v to three significant digits without an exponent.
func tickLabel(v float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// addBand shades a model's fastest-to-slowest band: the polygon of its
// points there and back, in the model's colour.
func addBand(p *plot.Plot, st Style, band plotter.XYs) error {
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return err
	}
	poly.Color = st.fill(0x38)
	poly.LineStyle.Width = 0
	p.Add(poly)
	return nil
}

// addModelLine draws a model's measured line with its glyphs and names it
// in the legend.
func addModelLine(p *plot.Plot, st Style, label string, xy plotter.XYs) error {
	ln, pts, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	ln.LineStyle = st.line(vg.Points(1.8))
	pts.GlyphStyle = st.glyph()
	p.Add(ln, pts)
	p.Legend.Add(label, ln, pts)
	return nil
}

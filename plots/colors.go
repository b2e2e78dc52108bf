package plots

import (
	"hash/fnv"
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is how one execution model is drawn in every figure: a reader who
// learnt that orange means "processes" in one chart can rely on it in all.
type Style struct {
	Color  color.RGBA
	Glyph  draw.GlyphDrawer
	Dashes []vg.Length // nil: a solid line
}

// styles is the single table of model styles. Colours are the Okabe–Ito
// palette, distinguishable with the common colour-vision deficiencies; the
// Python models share the hue of their Go counterpart (py-threads the
// emulated gil, py-asyncio singlethread, ...) in a darker shade, with
// hollow glyphs and a dash-dot line so they also differ in grey scale.
var styles = map[string]Style{
	"sequential":   {Color: rgb(0x44, 0x44, 0x44), Glyph: draw.BoxGlyph{}},
	"goroutines":   {Color: rgb(0x00, 0x72, 0xB2), Glyph: draw.CircleGlyph{}},
	"pool":         {Color: rgb(0x00, 0x9E, 0x73), Glyph: draw.PyramidGlyph{}},
	"errgroup":     {Color: rgb(0x56, 0xB4, 0xE9), Glyph: draw.CrossGlyph{}},
	"gil":          {Color: rgb(0xD5, 0x5E, 0x00), Glyph: draw.SquareGlyph{}},
	"singlethread": {Color: rgb(0xCC, 0x79, 0xA7), Glyph: draw.TriangleGlyph{}},
	"processes":    {Color: rgb(0xE6, 0x9F, 0x00), Glyph: draw.RingGlyph{}},

	"py-sequential": {Color: rgb(0x88, 0x88, 0x88), Glyph: draw.SquareGlyph{}, Dashes: pyDashes},
	"py-threads":    {Color: rgb(0x8C, 0x3B, 0x00), Glyph: draw.SquareGlyph{}, Dashes: pyDashes},
	"py-processes":  {Color: rgb(0x9C, 0x6B, 0x00), Glyph: draw.RingGlyph{}, Dashes: pyDashes},
	"py-asyncio":    {Color: rgb(0x8E, 0x45, 0x85), Glyph: draw.TriangleGlyph{}, Dashes: pyDashes},
}

var pyDashes = []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)}

// fallbackColors and fallbackGlyphs style models missing from the table;
// they avoid the table's hues so a new model is not mistaken for a known one.
var (
	fallbackColors = []color.RGBA{
		rgb(0x11, 0x77, 0x33), rgb(0x88, 0x22, 0x55), rgb(0x33, 0x22, 0x88),
		rgb(0x99, 0x99, 0x33), rgb(0x44, 0xAA, 0x99), rgb(0xAA, 0x44, 0x99),
	}
	fallbackGlyphs = []draw.GlyphDrawer{
		draw.PlusGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{}, draw.TriangleGlyph{},
	}
)

// ModelStyle returns the style of a model. Unknown models get a style
// derived from a hash of the name, so it is the same in every figure and
// every run.
func ModelStyle(model string) Style {
	if s, ok := styles[model]; ok {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(model))
	n := h.Sum32()
	return Style{
		Color:  fallbackColors[n%uint32(len(fallbackColors))],
		Glyph:  fallbackGlyphs[(n/uint32(len(fallbackColors)))%uint32(len(fallbackGlyphs))],
		Dashes: []vg.Length{vg.Points(3), vg.Points(2)},
	}
}

// line is the model's line style at the given width.
func (s Style) line(width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: s.Color, Width: width, Dashes: s.Dashes}
}

// glyph is the model's marker style.
func (s Style) glyph() draw.GlyphStyle {
	return draw.GlyphStyle{Color: s.Color, Radius: vg.Points(3.5), Shape: s.Glyph}
}

// fill is the model's colour made translucent, for bands and bars.
func (s Style) fill(alpha uint8) color.NRGBA {
	return color.NRGBA{R: s.Color.R, G: s.Color.G, B: s.Color.B, A: alpha}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// Neutral colours for reference lines and annotations.
var (
	refColor   = rgb(0x77, 0x77, 0x77)
	gridColor  = rgb(0xE4, 0xE4, 0xE4)
	errorColor = rgb(0xC0, 0x00, 0x20)
)

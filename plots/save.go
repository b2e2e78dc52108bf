package plots

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/gomeasure/concurrency/lib"
)

// Formats lists the output formats, in the order WriteAll writes them: SVG
// for the site (sharp at any zoom), PNG for the README and notebooks.
var Formats = []string{"svg", "png"}

// Encode renders d in format "svg" or "png" at its natural size (see
// Sizer), with a small white margin.
func Encode(d Drawable, format string) ([]byte, error) {
	if d == nil {
		return nil, errors.New("encode: nil figure")
	}
	if f, ok := d.(*Figure); ok {
		if err := f.validate(); err != nil {
			return nil, err
		}
	}
	w, h := DefaultWidth, DefaultHeight
	if s, ok := d.(Sizer); ok {
		w, h = s.Size()
	}
	var cw vg.CanvasWriterTo
	format = strings.ToLower(format)
	switch format {
	case "svg":
		cw = vgsvg.New(w, h)
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(PNGDPI))}
	default:
		return nil, fmt.Errorf("encode: unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
	c := draw.New(cw)
	c.SetColor(rgb(0xFF, 0xFF, 0xFF))
	c.Fill(c.Rectangle.Path())
	d.Draw(draw.Crop(c, margin, -margin, margin, -margin))
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode %s: %w", format, err)
	}
	if format == "svg" {
		return svgFontFallback(buf.Bytes()), nil
	}
	return buf.Bytes(), nil
}

// svgFontFallback adds fallbacks to the font families of an SVG. Fonts are
// not embedded (that would add hundreds of kilobytes to every figure), and
// a browser without Liberation would otherwise fall back to its default,
// often a serif face, whose wider glyphs overflow the layout gonum
// computed. Arial and Helvetica have the same metrics as Liberation Sans.
func svgFontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// Save writes d to path in the format named by its extension (.svg or
// .png), creating the directory if needed. The file is replaced atomically,
// so a site being served never shows half a figure.
func Save(d Drawable, path string) error {
	format := strings.TrimPrefix(filepath.Ext(path), ".")
	data, err := Encode(d, format)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := lib.WriteFileAtomic(path, data); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// WriteAll saves every figure as dir/NAME.svg and dir/NAME.png and returns
// the paths written, sorted. It stops at the first error.
func WriteAll(figs map[string]*Figure, dir string) ([]string, error) {
	names := slices.Sorted(maps.Keys(figs))
	var written []string
	for _, name := range names {
		if figs[name] == nil {
			return written, fmt.Errorf("figure %s is nil", name)
		}
		for _, ext := range Formats {
			path := filepath.Join(dir, name+"."+ext)
			if err := Save(figs[name], path); err != nil {
				return written, err
			}
			written = append(written, path)
		}
	}
	return written, nil
}

package site

import (
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

// Figures are numbered per chapter, "Figure 3.2", in the order a reader
// meets them. A code cell tagged fig:NAME gives its first figure the id
// fig-NAME; a markdown link with no text to it, [](#fig-NAME) or
// [](03-io-bound.ipynb#fig-NAME), gets the figure's number as its text
// when the whole book is rendered (resolveFigureRefs), so the text never
// goes stale when figures move.

// addFigure writes a figure's file next to the page and records it.
func (r *pageRenderer) addFigure(cell int, ext string, data []byte, alt string, headline bool) string {
	r.figureN[cell]++
	name := fmt.Sprintf("%s_files/cell%d-%d.%s", r.stem, cell, r.figureN[cell], ext)
	r.files[name] = data
	r.figures = append(r.figures, figure{Src: name, Alt: alt, Headline: headline})
	return urlPath(name)
}

// figureHTML numbers the figure just added and returns its markup: the
// image, loaded lazily with its size, and a caption with its number.
func (r *pageRenderer) figureHTML(url, alt, caption string, width, height int) template.HTML {
	f := &r.figures[len(r.figures)-1]
	numbered := 0
	for _, g := range r.figures {
		if g.Number != "" {
			numbered++
		}
	}
	f.Number = fmt.Sprintf("%d.%d", r.chapter, numbered+1)
	f.ID = "figure-" + strings.ReplaceAll(f.Number, ".", "-")
	if r.label != "" && !r.ids.used["fig-"+r.label] {
		f.Label, f.ID = r.label, "fig-"+r.label
		r.label = "" // only the cell's first figure
	}
	r.ids.used[f.ID] = true
	view := figureView{ID: f.ID, Src: url, Alt: alt, Width: width, Height: height, Caption: "Figure " + f.Number + "."}
	if caption != "" {
		view.Caption += " " + caption
	}
	return partial("figure", view)
}

// maxAlt bounds a figure's alt text: a description, not a data table.
const maxAlt = 600

// figureAlt describes a figure for readers who cannot see it, from what
// it shows: its text/plain form ("[figure] title … \n series: …", written
// by notebooks/show with the title, the axes and the series), else the
// words drawn in the SVG (title, axis labels, legend), else a plain note.
func figureAlt(plain, svg string) string {
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(terminalText(plain)), "[figure]"))
	if text != "" && !strings.HasPrefix(text, "<") {
		var parts []string
		for _, line := range strings.Split(text, "\n") {
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				if k, v, ok := strings.Cut(line, ": "); ok && len(k) < 12 && !strings.Contains(k, " ") {
					line = strings.ToUpper(k[:1]) + k[1:] + ": " + v // "series: a; b" → "Series: a; b"
				}
				parts = append(parts, strings.TrimSuffix(line, "."))
			}
		}
		return shorten(strings.Join(parts, ". ")+".", maxAlt)
	}
	if words := svgWords(svg); words != "" {
		return shorten("A chart. Its labels read: "+words+".", maxAlt)
	}
	return "A figure the notebook gave no description of."
}

// figureCaption is the figure's title: the first line of its text/plain
// form, without the "[figure]" mark.
func figureCaption(plain string) string {
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(terminalText(plain)), "[figure]"))
	line, _, _ := strings.Cut(text, "\n")
	if strings.HasPrefix(line, "<") {
		return ""
	}
	return shorten(strings.Join(strings.Fields(line), " "), maxSummary)
}

// svgWords returns the text drawn in an SVG document, in order, joined
// by "; ": what a sighted reader reads off the chart.
func svgWords(svg string) string {
	if svg == "" {
		return ""
	}
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = false
	var words []string
	inText := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "text" || t.Name.Local == "title" {
				inText++
			}
		case xml.EndElement:
			if t.Name.Local == "text" || t.Name.Local == "title" {
				inText--
			}
		case xml.CharData:
			if w := strings.Join(strings.Fields(string(t)), " "); inText > 0 && w != "" {
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, "; ")
}

// svgDimension matches the width and height of an SVG's root element.
var svgDimension = regexp.MustCompile(`^\s*([0-9.]+)\s*(px|pt)?\s*$`)

// svgSize returns the size of an SVG document in CSS pixels, or zeros,
// so the page can reserve the figure's room before it loads.
func svgSize(svg string) (width, height int) {
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0
		}
		if se, ok := tok.(xml.StartElement); ok {
			var w, h int
			for _, a := range se.Attr {
				m := svgDimension.FindStringSubmatch(a.Value)
				if m == nil {
					continue
				}
				v, _ := strconv.ParseFloat(m[1], 64)
				if m[2] == "pt" {
					v = v * 4 / 3
				}
				switch a.Name.Local {
				case "width":
					w = int(v + 0.5)
				case "height":
					h = int(v + 0.5)
				}
			}
			return w, h
		}
	}
}

// figureRef matches a rendered link with no text to a figure's label.
var figureRef = regexp.MustCompile(`<a href="([^"#]*)#fig-([^"]+)"></a>`)

// resolveFigureRefs gives every empty link to a figure label the
// figure's number as its text and points it at the figure's page. It
// returns a warning for each label that names no figure, and for labels
// used twice (the first one wins).
func resolveFigureRefs(chapters []*chapter) []string {
	type target struct{ page, number string }
	targets := map[string]target{}
	var warnings []string
	for _, ch := range chapters {
		for _, f := range ch.Figures {
			if f.Label == "" {
				continue
			}
			if t, dup := targets[f.Label]; dup {
				warnings = append(warnings, fmt.Sprintf("%s: figure label fig:%s is already Figure %s", ch.File, f.Label, t.number))
				continue
			}
			targets[f.Label] = target{page: urlPath(ch.Page), number: f.Number}
		}
	}
	for _, ch := range chapters {
		ch.Body = figureRef.ReplaceAllStringFunc(ch.Body, func(a string) string {
			// The match is HTML: unescaped here, escaped again by the partial.
			m := figureRef.FindStringSubmatch(a)
			label := html.UnescapeString(m[2])
			t, ok := targets[label]
			if !ok {
				warnings = append(warnings, fmt.Sprintf("%s: a link to fig-%s, which no cell's fig: tag labels", ch.File, label))
				return string(partial("figure-ref", figureRefView{Href: html.UnescapeString(m[1]) + "#fig-" + label,
					Class: "missing-ref", Text: "(missing figure " + label + ")"}))
			}
			page := t.page
			if page == urlPath(ch.Page) {
				page = ""
			}
			return string(partial("figure-ref", figureRefView{Href: page + "#fig-" + label, Class: "figure-ref", Text: "Figure " + t.number}))
		})
	}
	return warnings
}

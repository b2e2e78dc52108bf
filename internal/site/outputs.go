package site

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image"
	"image/jpeg"
	"image/png"
	"strings"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/internal/textutil"
)

// figure is an image output written next to a page.
type figure struct {
	Src      string // site-relative path
	Alt      string
	Headline bool   // its cell is tagged "headline"
	Number   string // "3.2": the chapter's number and the figure's place in it
	ID       string // its element id: "fig-LABEL" if its cell labels it, else "figure-3-2"
	Label    string // the cell's fig:LABEL, for cross-references; "" if none
}

// displayOrder is the preference among a display's MIME types: images
// first (they are what our figures are, and the safest to show), then
// HTML, markdown and plain text.
var displayOrder = []string{"image/svg+xml", "image/png", "image/jpeg", "text/html", "text/markdown", "text/plain"}

// renderOutputs renders the outputs of code cell number cell (1-based).
func (r *pageRenderer) renderOutputs(cell int, outs []*nbformat.Output, headline bool) (template.HTML, error) {
	var b strings.Builder
	for i := 0; i < len(outs); i++ {
		o := outs[i]
		switch o.OutputType {
		case "stream":
			// Kernels split a stream into many outputs; show them as one.
			text := o.Text
			for i+1 < len(outs) && outs[i+1].OutputType == "stream" && outs[i+1].Name == o.Name {
				i++
				text += outs[i].Text
			}
			class := "stdout"
			if o.Name == "stderr" {
				class = "stderr"
			}
			b.WriteString(string(partial("output-stream", streamView{Class: class, Text: terminalText(text)})))
		case "display_data", "execute_result":
			s, err := r.renderDisplay(cell, o, headline)
			if err != nil {
				return "", err
			}
			b.WriteString(string(s))
		case "error":
			b.WriteString(string(renderError(o)))
		}
	}
	// Safe: the concatenation of partials' output, each safe HTML.
	return template.HTML(b.String()), nil
}

// renderDisplay renders a display_data or execute_result output: a verdict
// badge if it is one, else its most preferred MIME type we can show.
func (r *pageRenderer) renderDisplay(cell int, o *nbformat.Output, headline bool) (template.HTML, error) {
	mime := ""
	for _, m := range displayOrder {
		if _, ok := o.Data[m]; ok {
			mime = m
			break
		}
	}
	if v, ok := parseVerdict(o); ok {
		v.ID = fmt.Sprintf("claim-%d", len(r.verdicts)+1)
		r.ids.used[v.ID] = true
		r.verdicts = append(r.verdicts, v)
		return verdictHTML(v), nil
	}
	plain, _ := o.DataText("text/plain")
	switch mime {
	case "image/svg+xml":
		src, _ := o.DataText(mime)
		img, ok := r.svgFigure(cell, src, plain, headline)
		if !ok {
			return partial("output-omitted", "an SVG figure was omitted: it is not well-formed"), nil
		}
		return img, nil
	case "image/png", "image/jpeg":
		return r.rasterFigure(cell, o, mime, plain, headline), nil
	case "text/html":
		src, _ := o.DataText(mime)
		alt := func(raw string) string { return figureAlt(plain, raw) }
		policy := htmlPolicy{svgAlt: alt, svg: func(raw string) (string, bool) {
			return r.writeSVG(cell, raw, alt(raw), headline)
		}}
		// Safe: sanitizeHTML keeps only bluemonday's allowlist, balanced.
		return partial("output-html", template.HTML(sanitizeHTML(src, policy))), nil
	case "text/markdown":
		src, _ := o.DataText(mime)
		mc, err := renderMarkdown(r.md, r.ids, src)
		if err != nil {
			return "", err
		}
		return partial("output-markdown", mc.safeHTML()), nil
	case "text/plain":
		src, _ := o.DataText(mime)
		return partial("output-text", terminalText(src)), nil
	}
	return "", nil // nothing we can show (widgets, JSON)
}

// svgFigure writes an SVG output as a file and returns its numbered
// <figure>. plain is the output's text/plain form, which describes it.
func (r *pageRenderer) svgFigure(cell int, src, plain string, headline bool) (template.HTML, bool) {
	alt := figureAlt(plain, src)
	url, ok := r.writeSVG(cell, src, alt, headline)
	if !ok {
		return "", false
	}
	w, h := svgSize(src)
	return r.figureHTML(url, alt, figureCaption(plain), w, h), true
}

// writeSVG sanitises an SVG document, writes it next to the page and
// records it as a figure.
func (r *pageRenderer) writeSVG(cell int, src, alt string, headline bool) (string, bool) {
	clean, err := sanitizeSVG(src)
	if err != nil {
		return "", false
	}
	return r.addFigure(cell, "svg", clean, alt, headline), true
}

// rasterFigure decodes a PNG or JPEG output, checks it is one, writes it
// next to the page and returns its <img> with its size.
func (r *pageRenderer) rasterFigure(cell int, o *nbformat.Output, mime, plain string, headline bool) template.HTML {
	alt := figureAlt(plain, "")
	b64, _ := o.DataText(mime)
	data, err := base64.StdEncoding.DecodeString(stripSpace(b64))
	var cfg image.Config
	if err == nil {
		if mime == "image/png" {
			cfg, err = png.DecodeConfig(bytes.NewReader(data))
		} else {
			cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
		}
	}
	if err != nil {
		return partial("output-omitted", "an image was omitted: it is not a valid "+mime)
	}
	ext := "png"
	if mime == "image/jpeg" {
		ext = "jpg"
	}
	url := r.addFigure(cell, ext, data, alt, headline)
	return r.figureHTML(url, alt, figureCaption(plain), cfg.Width, cfg.Height)
}

// renderError shows an error output: its name and value, and the
// traceback without terminal colours.
func renderError(o *nbformat.Output) template.HTML {
	view := errorView{Title: terminalText(o.EName)}
	if v := terminalText(o.EValue); v != "" {
		view.Title += ": " + v
	}
	tb := terminalText(strings.Join(o.Traceback, "\n"))
	if strings.TrimSpace(tb) != "" && strings.TrimSpace(tb) != strings.TrimSpace(view.Title) {
		view.Traceback = tb
	}
	return partial("output-error", view)
}

// terminalText turns text written for a terminal into plain text: escape
// sequences removed, carriage-return overwrites applied (progress bars
// show their last state) and other control characters dropped.
func terminalText(s string) string {
	s = textutil.StripANSI(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if j := strings.LastIndexByte(strings.TrimRight(l, "\r"), '\r'); j >= 0 {
			l = l[j+1:]
		}
		lines[i] = strings.Map(func(r rune) rune {
			if (r < ' ' && r != '\t') || r == 0x7f {
				return -1
			}
			return r
		}, l)
	}
	return strings.Join(lines, "\n")
}

// Package show displays figures, tables and text in a GoNB notebook, and
// prints a plain-text version of the same when the code runs anywhere else
// (tests, go run), so a notebook cell's code works unchanged in both.
//
// Notebook cells import only the standard library and this module's
// packages; this package is the one place that knows about GoNB.
//
//	rs := show.Experiment("staircase", full)
//	show.Figure(plots.TimingFigure(rs))
//	show.Stats(rs)
package show

import (
	"fmt"
	"html"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"

	"github.com/gomeasure/concurrency/plots"
)

// Out receives the text fallback when not running under GoNB.
var Out io.Writer = os.Stdout

// The notebook side, replaceable by tests: gonbui's functions do nothing
// outside a GoNB kernel, and inside one they need its pipes.
var (
	inNotebook      = func() bool { return gonbui.IsNotebook }
	displayHTML     = synced(gonbui.DisplayHTML)
	displayMarkdown = synced(gonbui.DisplayMarkdown)
	displayPNG      = synced(gonbui.DisplayPNG)
	displaySVG      = func(svg, alt string) {
		stdoutDelivered()
		gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
			protocol.MIMEImageSVG:  svg,
			protocol.MIMETextPlain: alt,
		}})
		gonbui.Sync()
	}
)

// synced returns display followed by gonbui.Sync, which waits until GoNB
// has taken everything sent down its pipe. Without it, output sent just
// before a cell's program exits can be dropped: two cells of chapter 4
// once saved a figure without the table under it, or nothing at all.
func synced[T any](display func(T)) func(T) {
	return func(v T) {
		stdoutDelivered()
		display(v)
		gonbui.Sync()
	}
}

// Figure displays a figure as SVG. It takes a plot or a plots.Figure and an
// optional error, so a figure function's results can be passed straight
// in: show.Figure(plots.TimingFigure(rs)). An error, or a nil figure, is
// displayed instead of the figure and returned.
func Figure(d plots.Drawable, errs ...error) error {
	return figure("svg", d, errs)
}

// FigurePNG is Figure with a PNG image, for front ends that do not render
// inline SVG.
func FigurePNG(d plots.Drawable, errs ...error) error {
	return figure("png", d, errs)
}

func figure(format string, d plots.Drawable, errs []error) error {
	for _, err := range errs {
		if err != nil {
			Error(err)
			return err
		}
	}
	if isNil(d) {
		err := fmt.Errorf("show: no figure to display")
		Error(err)
		return err
	}
	data, err := plots.Encode(d, format)
	if err != nil {
		Error(err)
		return err
	}
	if !inNotebook() {
		fmt.Fprintln(Out, describe(d))
		return nil
	}
	if format == "png" {
		displayPNG(data)
		return nil
	}
	// A real image/svg+xml output, not gonbui.DisplaySVG's SVG inside HTML:
	// the site shows it through an <img> tag, where a browser runs no
	// script, and the text/plain beside it says what the figure is.
	displaySVG(string(data), describe(d))
	return nil
}

// isNil reports a nil interface or a typed nil pointer in one.
func isNil(d plots.Drawable) bool {
	if d == nil {
		return true
	}
	v := reflect.ValueOf(d)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// describe is a figure's text fallback: its title and what it shows.
func describe(d plots.Drawable) string {
	switch f := d.(type) {
	case *plot.Plot:
		return "[figure] " + oneLine(f.Title.Text)
	case *plots.Figure:
		title := oneLine(f.Title)
		if title == "" && len(f.Panels) > 0 && len(f.Panels[0]) > 0 && f.Panels[0][0] != nil {
			title = oneLine(f.Panels[0][0].Title.Text)
		}
		s := "[figure] " + title
		if len(f.Series) > 0 {
			s += "\n  series: " + strings.Join(f.Series, "; ")
		}
		return s
	}
	return fmt.Sprintf("[figure %T]", d)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// HTML displays HTML; outside a notebook it prints the text with the tags
// removed and entities decoded.
func HTML(s string) {
	if inNotebook() {
		displayHTML(s)
		return
	}
	fmt.Fprintln(Out, htmlText(s))
}

var tags = regexp.MustCompile(`<[^>]*>`)

func htmlText(s string) string {
	return strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(s, "")))
}

// Markdown displays Markdown (with $…$ formulas rendered by the notebook);
// outside a notebook it prints the source, which is readable as it is.
func Markdown(s string) {
	if inNotebook() {
		displayMarkdown(s)
		return
	}
	fmt.Fprintln(Out, strings.TrimSpace(s))
}

// Error displays an error in red; outside a notebook it prints
// "error: ...".
func Error(err error) {
	if inNotebook() {
		displayHTML(`<pre style="color:#b00020;white-space:pre-wrap">error: ` + html.EscapeString(err.Error()) + `</pre>`)
		return
	}
	fmt.Fprintln(Out, "error:", err)
}

// Table displays rows under headers as an HTML table, every cell escaped;
// outside a notebook it prints aligned columns. Rows shorter than the
// headers are padded; extra cells are shown under empty headers.
func Table(headers []string, rows [][]string) {
	width := len(headers)
	for _, r := range rows {
		width = max(width, len(r))
	}
	pad := func(r []string) []string {
		out := make([]string, width)
		copy(out, r)
		return out
	}
	if !inNotebook() {
		fmt.Fprint(Out, textTable(pad(headers), rows, pad))
		return
	}
	var b strings.Builder
	b.WriteString(`<table style="border-collapse:collapse;font-variant-numeric:tabular-nums">` + "\n<thead><tr>")
	for _, h := range pad(headers) {
		b.WriteString(`<th style="text-align:left;padding:2px 10px;border-bottom:1px solid #888">` + html.EscapeString(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		b.WriteString("<tr>")
		for _, c := range pad(r) {
			b.WriteString(`<td style="text-align:left;padding:2px 10px">` + html.EscapeString(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>")
	displayHTML(b.String())
}

func textTable(headers []string, rows [][]string, pad func([]string) []string) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	line := func(cells []string) {
		clean := make([]string, len(cells))
		for i, c := range cells {
			// A tab or newline in a cell would break the columns.
			clean[i] = oneLine(strings.ReplaceAll(c, "\t", " "))
			if clean[i] == "" {
				clean[i] = " "
			}
		}
		fmt.Fprintln(tw, strings.Join(clean, "\t"))
	}
	line(headers)
	rule := make([]string, len(headers))
	for i, h := range headers {
		rule[i] = strings.Repeat("-", max(1, len([]rune(h))))
	}
	line(rule)
	for _, r := range rows {
		line(pad(r))
	}
	tw.Flush()
	// tabwriter pads the last cells of short rows; trailing blanks only
	// make the text harder to compare.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

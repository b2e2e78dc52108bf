package site

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

// besideTag marks a cell (markdown or code) to be shown beside the cell
// after it: the Python a chapter retells next to the Go that does the
// same job. Wide screens put them side by side, narrow ones stack them.
const besideTag = "python-beside"

// renderedCell is a cell's markup and whether it goes beside the next.
type renderedCell struct {
	html   template.HTML
	beside bool
}

// joinCells joins a page's cells, pairing each cell tagged python-beside
// with the cell after it in a two-column block. A tagged last cell has
// nothing to stand beside and is shown as any other.
func joinCells(cells []renderedCell) template.HTML {
	var b strings.Builder
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		if c.beside && i+1 < len(cells) {
			b.WriteString(string(partial("beside", besideView{Python: c.html, Go: cells[i+1].html})))
			i++
			continue
		}
		b.WriteString(string(c.html))
	}
	// Safe: the concatenation of partials' output, each safe HTML.
	return template.HTML(b.String())
}

// experimentCall finds the experiments a code cell runs:
// show.Experiment("NAME", …), the call every chapter measures with.
var experimentCall = regexp.MustCompile(`show\.Experiment\(\s*("[^"\n]+"|` + "`[^`\\n]+`" + `)`)

// experimentsIn returns the names of the experiments src runs, in order.
func experimentsIn(src string) []string {
	var names []string
	for _, m := range experimentCall.FindAllStringSubmatch(src, -1) {
		name, err := strconv.Unquote(m[1])
		if err == nil && name != "" {
			names = append(names, name)
		}
	}
	return names
}

// appendNew appends the values of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		found := false
		for _, l := range list {
			if l == a {
				found = true
				break
			}
		}
		if !found {
			list = append(list, a)
		}
	}
	return list
}

// figureLabelTag is the prefix of the cell tag that names the cell's first
// figure for cross-references: "fig:speedup" → id "fig-speedup".
const figureLabelTag = "fig:"

// figureLabel returns the label a cell's tags give its first figure, as
// a slug ("fig:Speed up" → "speed-up"), or "".
func figureLabel(c *nbformat.Cell) string {
	for _, t := range c.Tags() {
		if name, ok := strings.CutPrefix(t, figureLabelTag); ok {
			if s := slug(name); s != "" {
				return s
			}
		}
	}
	return ""
}

// chapterNumber is the number a chapter's figures carry: its file name's
// leading digits ("03-io-bound" → 3), else its place in the book.
func chapterNumber(stem string, place int) int {
	digits := len(stem) - len(strings.TrimLeft(stem, "0123456789"))
	if n, err := strconv.Atoi(stem[:digits]); err == nil && n > 0 {
		return n
	}
	return place
}

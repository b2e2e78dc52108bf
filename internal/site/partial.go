package site

import (
	"fmt"
	"html/template"
	"strings"
)

// The markup of a chapter's cells and outputs comes from the html/template
// partials of templates/cell.html and templates/output.html, so that the
// text a notebook supplies (stream output, error messages, claims, alt
// text, captions) is escaped by html/template for where it lands rather
// than by hand. Markup a partial must insert as it is — sanitised markdown
// and HTML, chroma's highlighting, other partials — reaches it as
// template.HTML, and each conversion says why it is safe.
var partials = template.Must(template.ParseFS(templateFS, "templates/cell.html", "templates/output.html"))

// partial executes the named partial with data. The result is safe HTML:
// html/template escaped every value in it that was not already
// template.HTML.
//
// The partials are fixed and each is given one view type, so executing
// one can only fail if a partial and its view disagree — a bug in this
// package, never a notebook's doing, that TestPartials would show — and,
// like template.Must, it panics then instead of making every caller handle
// an error that cannot happen.
func partial(name string, data any) template.HTML {
	var b strings.Builder
	if err := partials.ExecuteTemplate(&b, name, data); err != nil {
		panic(fmt.Sprintf("site: partial %s: %v", name, err))
	}
	return template.HTML(b.String())
}

// The views of the partials with more than one value.
type (
	codeCellView struct {
		N              int           // the cell's number, for its id
		Input, Outputs template.HTML // cell-input and cell-outputs, each perhaps in a fold
	}
	inputView struct {
		Prompt string        // the execution count, or " "
		Code   template.HTML // highlighted by chroma
	}
	foldView struct {
		Summary string
		Part    template.HTML
	}
	besideView struct{ Python, Go template.HTML }
	streamView struct{ Class, Text string }
	errorView  struct {
		Title     string
		Traceback string // "" when it says no more than the title
	}
	verdictView struct {
		Class, ID, Label, Mark, Word string
		Claim, Evidence              string
	}
	figureView struct {
		ID, Src, Alt  string
		Width, Height int // 0 when unknown
		Caption       string
	}
	figureRefView struct{ Href, Class, Text string }
	inlineSVGView struct{ Src, Alt string }
)

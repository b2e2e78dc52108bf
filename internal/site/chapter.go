package site

import (
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/yuin/goldmark"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib"
)

// chapter is one notebook and the page made from it.
type chapter struct {
	File     string // notebook file name, "03-io-bound.ipynb"
	Stem     string // "03-io-bound": the page, its figures' folder
	Page     string // "03-io-bound.html"
	Raw      []byte // the notebook as read, copied into the site
	Notebook *nbformat.Notebook

	// Filled by render.
	Title   string
	Summary string
	TOC     []heading
	Body    string
	Number  int // the chapter's number: its file name's leading digits, else its place
	Figures []figure
	// Verdicts are the claims its outputs checked; Experiments the
	// experiments its code cells run (show.Experiment("NAME", …)).
	Verdicts    []verdict
	Experiments []string
	Search      []searchEntry
	Env         *lib.Env // the notebook's own "measured_env" metadata
}

// reservedStems are file names the site itself uses.
var reservedStems = map[string]bool{"index": true, "search": true, "search-index": true}

// loadChapters reads every *.ipynb file of dir, in file-name order. A
// malformed notebook gives an *nbformat.Error naming the file and where.
func loadChapters(dir string) ([]*chapter, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("read notebooks: %w", err)}
	}
	var chapters []*chapter
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || filepath.Ext(name) != ".ipynb" {
			continue
		}
		path := filepath.Join(dir, name)
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, &InputError{Err: fmt.Errorf("read notebook: %w", err)}
		}
		nb, err := nbformat.Parse(path, raw)
		if err != nil {
			return nil, &InputError{Err: err}
		}
		stem := strings.TrimSuffix(name, ".ipynb")
		if reservedStems[strings.ToLower(stem)] {
			stem = "chapter-" + stem
		}
		chapters = append(chapters, &chapter{File: name, Stem: stem, Page: stem + ".html", Raw: raw, Notebook: nb})
	}
	if len(chapters) == 0 {
		return nil, &InputError{Err: fmt.Errorf("no notebooks (*.ipynb) in %s", dir)}
	}
	sort.Slice(chapters, func(i, j int) bool { return chapters[i].File < chapters[j].File })
	for i, ch := range chapters {
		ch.Number = chapterNumber(ch.Stem, i+1)
	}
	return chapters, nil
}

// pageRenderer holds the state of rendering one page.
type pageRenderer struct {
	md       goldmark.Markdown
	ids      *pageIDs
	stem     string
	chapter  int               // the chapter's number, for "Figure 3.2"
	files    map[string][]byte // site-relative path → content, for the whole site
	figures  []figure
	figureN  map[int]int // figures written per cell
	label    string      // the fig:NAME label waiting for the current cell's first figure
	verdicts []verdict
}

// cellTags returns a cell's Jupyter tags ("remove-input", "headline"...).
func cellTags(c *nbformat.Cell) map[string]bool {
	tags := map[string]bool{}
	for _, t := range c.Tags() {
		tags[t] = true
	}
	return tags
}

// render renders the chapter's cells into its body, title, summary, table
// of contents, figures, verdicts and search entries. files receives the
// figures.
func (ch *chapter) render(md goldmark.Markdown, files map[string][]byte) error {
	r := &pageRenderer{md: md, ids: newPageIDs(), stem: ch.Stem, chapter: ch.Number, files: files, figureN: map[int]int{}}
	language := ch.Notebook.Language()
	if language == "" {
		language = "go"
	}
	var cells []renderedCell
	sections := &sectionCollector{page: ch.Page}
	for i, c := range ch.Notebook.Cells {
		n := i + 1
		tags := cellTags(c)
		if tags["remove-cell"] {
			continue
		}
		var out template.HTML
		var err error
		switch c.CellType {
		case "markdown":
			out, err = ch.renderMarkdownCell(r, sections, c)
		case "code":
			ch.Experiments = appendNew(ch.Experiments, experimentsIn(c.Source)...)
			out, err = r.renderCodeCell(sections, c, n, tags, language)
		}
		// Raw cells are for other formats (nbconvert's LaTeX, say): not shown.
		if err != nil {
			return fmt.Errorf("%s: cell %d: %w", ch.File, n, err)
		}
		if out != "" {
			cells = append(cells, renderedCell{html: out, beside: tags[besideTag]})
		}
	}
	if ch.Title == "" {
		ch.Title = titleFromFile(ch.File)
		sections.title = ch.Title
	}
	ch.Summary = shorten(ch.Summary, maxSummary)
	ch.Body = string(joinCells(cells))
	ch.Figures = r.figures
	ch.Verdicts = r.verdicts
	ch.Search = sections.done()
	ch.Env = notebookEnv(ch.Notebook)
	return nil
}

// renderMarkdownCell renders a markdown cell, taking the chapter's title,
// summary and table of contents from it.
func (ch *chapter) renderMarkdownCell(r *pageRenderer, sections *sectionCollector, c *nbformat.Cell) (template.HTML, error) {
	mc, err := renderMarkdown(r.md, r.ids, c.Source)
	if err != nil {
		return "", err
	}
	for _, blk := range mc.Blocks {
		h := blk.Heading
		switch {
		case h != nil && h.Level == 1 && ch.Title == "":
			ch.Title = h.Text
			sections.title = h.Text
		case h != nil && h.Level <= 3:
			ch.TOC = append(ch.TOC, *h)
			sections.start(h.ID, h.Text)
		case h != nil:
			sections.add(h.Text)
		case blk.Paragraph && ch.Summary == "":
			ch.Summary = blk.Summary
			sections.add(blk.Text)
		default:
			sections.add(blk.Text)
		}
	}
	return partial("cell-markdown", mc.safeHTML()), nil
}

// renderCodeCell renders a code cell: its input with a copy button and its
// outputs, each folded if its tags say so.
func (r *pageRenderer) renderCodeCell(sections *sectionCollector, c *nbformat.Cell, n int, tags map[string]bool, language string) (template.HTML, error) {
	if strings.TrimSpace(c.Source) == "" && len(c.Outputs) == 0 {
		return "", nil
	}
	r.label = figureLabel(c)
	defer func() { r.label = "" }()
	view := codeCellView{N: n}
	if !tags["remove-output"] {
		nv := len(r.verdicts)
		outs, err := r.renderOutputs(n, c.Outputs, tags["headline"])
		if err != nil {
			return "", err
		}
		for _, v := range r.verdicts[nv:] {
			sections.add(v.Claim)
		}
		if outs != "" {
			view.Outputs = fold(partial("cell-outputs", outs), "Show output", tags["hide-output"] || tags["hide-cell"])
		}
	}
	if !tags["remove-input"] && strings.TrimSpace(c.Source) != "" {
		code, err := highlightCode(c.Source, language)
		if err != nil {
			return "", err
		}
		prompt := " "
		if c.ExecutionCount != nil {
			prompt = fmt.Sprint(*c.ExecutionCount)
		}
		// Safe: chroma's formatter escapes every token of the source and
		// adds only its own spans and classes.
		input := partial("cell-input", inputView{Prompt: prompt, Code: template.HTML(code)})
		view.Input = fold(input, "Show code", tags["hide-input"] || tags["hide-cell"])
		sections.add(c.Source)
	}
	return partial("cell-code", view), nil
}

// fold puts a part of a cell behind a <details> toggle when hide is set
// (the tags "hide-input", "hide-output" and "hide-cell", as in Jupyter
// Book): still on the page and searchable, just not in the reader's way.
func fold(part template.HTML, summary string, hide bool) template.HTML {
	if !hide {
		return part
	}
	return partial("fold", foldView{Summary: summary, Part: part})
}

// titleFromFile makes a title of a file name: "03-io-bound.ipynb" → "03 io bound".
func titleFromFile(name string) string {
	return strings.Join(strings.FieldsFunc(strings.TrimSuffix(name, ".ipynb"), func(r rune) bool {
		return r == '-' || r == '_' || r == ' '
	}), " ")
}

// urlPath escapes a site-relative file path for use in a relative URL.
func urlPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// maxSummary bounds a chapter's summary on the index page, in bytes.
const maxSummary = 240

// shorten cuts s at a word boundary to at most about n bytes, marking the cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(truncateUTF8(s, cut), " ,;:—-") + "…"
}

package site

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// runView is a chapter's "Run it yourself" box: the commands that measure
// it again on the reader's machine.
type runView struct {
	Notebook    string   // "notebooks/03-io-bound.ipynb"
	Run         string   // "go run . notebooks run 03"
	Experiments []string // "go run . bench staircase", one per experiment
}

func newRunView(ch *chapter, sets []*dataset) *runView {
	name := strings.TrimSuffix(ch.File, ".ipynb")
	digits := len(name) - len(strings.TrimLeft(name, "0123456789"))
	if digits > 0 {
		name = name[:digits]
	}
	r := &runView{Notebook: "notebooks/" + ch.File, Run: "go run . notebooks run " + name}
	for _, e := range ch.Experiments {
		r.Experiments = append(r.Experiments, "go run . bench "+e)
	}
	return r
}

// printChapter is a chapter in print.html, its ids made unique in the
// whole book.
type printChapter struct {
	ID    string
	Title string
	Body  template.HTML
}

// writeBookPages writes the pages about the book: Sources, Data and the
// whole book on one page for printing.
func (s *siteRender) writeBookPages(chapters []*chapter, sets map[string]*dataset) error {
	if err := s.write("sources.html", sourcesTemplate, s.page("Sources", "The Python tutorials this one retells, and the works they build on.")); err != nil {
		return err
	}
	data := s.page("Data", "Every measurement behind the figures, as JSON and CSV.")
	data.Datasets = sortedDatasets(sets)
	if err := s.write("data.html", dataTemplate, data); err != nil {
		return err
	}
	book := s.page("The whole book", "Every chapter on one page, for printing or saving as PDF.")
	pages := map[string]string{}
	for _, ch := range chapters {
		pages[urlPath(ch.Page)] = printID(ch.Stem)
	}
	for _, ch := range chapters {
		book.Book = append(book.Book, printChapter{ID: printID(ch.Stem), Title: ch.Title,
			Body: template.HTML(printBody(ch.Body, ch.Stem, pages))}) // our own sanitised markup, ids renamed
	}
	return s.write("print.html", printTemplate, book)
}

func printID(stem string) string { return "chapter-" + slug(stem) }

var (
	idAttr   = regexp.MustCompile(` id="([^"]*)"`)
	hrefAttr = regexp.MustCompile(` href="([^"]*)"`)
)

// printBody makes a chapter's body fit in print.html beside the others:
// its ids get the chapter's prefix, and links to its own or another
// chapter's page point inside the book page instead.
func printBody(body, stem string, pages map[string]string) string {
	prefix := printID(stem) + "--"
	body = idAttr.ReplaceAllString(body, ` id="`+prefix+`$1"`)
	return hrefAttr.ReplaceAllStringFunc(body, func(a string) string {
		href := hrefAttr.FindStringSubmatch(a)[1]
		page, frag, hasFrag := strings.Cut(href, "#")
		switch {
		case page == "" && hasFrag:
			return ` href="#` + prefix + frag + `"`
		case pages[page] != "" && hasFrag:
			return ` href="#` + pages[page] + `--` + frag + `"`
		case pages[page] != "":
			return ` href="#` + pages[page] + `"`
		}
		return a
	})
}

// PageBudget is the most a page may weigh, its HTML with any inline SVG:
// more, and readers on slow links wait. Figures are separate files that
// load lazily, as the reader scrolls to them, so they are reported but
// not counted against it.
const PageBudget = 1536 * 1024

// PageSize is the weight of one page of the site.
type PageSize struct {
	Page   string // site-relative file name
	HTML   int    // bytes of the page itself, inline SVG included
	Images int    // bytes of the image files it shows, loaded lazily
}

// Total is the page with its images.
func (p PageSize) Total() int { return p.HTML + p.Images }

var imgSrc = regexp.MustCompile(`<img [^>]*src="([^"?#]+)`)

// pageSizes weighs every HTML page of the site with the images it shows.
func pageSizes(files map[string][]byte) []PageSize {
	var sizes []PageSize
	for name, data := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		ps := PageSize{Page: name, HTML: len(data)}
		seen := map[string]bool{}
		for _, m := range imgSrc.FindAllSubmatch(data, -1) {
			src := unescapeURL(string(m[1]))
			if !seen[src] {
				seen[src] = true
				ps.Images += len(files[src])
			}
		}
		sizes = append(sizes, ps)
	}
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].Page < sizes[j].Page })
	return sizes
}

func unescapeURL(u string) string {
	u = strings.ReplaceAll(u, "&amp;", "&")
	parts := strings.Split(u, "/")
	for i, p := range parts {
		if v, err := url.PathUnescape(p); err == nil {
			parts[i] = v
		}
	}
	return strings.Join(parts, "/")
}

// formatBytes writes a size as people read it: "412 kB", "1.4 MB".
func formatBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/style.css assets/site.js assets/livereload.js
var assetFS embed.FS

var (
	chapterTemplate = pageTemplate("chapter.html")
	indexTemplate   = pageTemplate("index.html")
	sourcesTemplate = pageTemplate("sources.html")
	dataTemplate    = pageTemplate("data.html")
	printTemplate   = pageTemplate("print.html")
	sourceTemplate  = pageTemplate("source.html")
)

// pageTemplate parses the layout with one page's main part.
func pageTemplate(name string) *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/layout.html", "templates/"+name))
}

// navItem is a chapter in the sidebar, the index and the pager.
type navItem struct {
	Title   string
	Href    string
	Summary string
	Current bool
	TOC     []heading  // the current page's only
	Claims  claimCount // the verdicts of its claims
}

// pageData is what the templates see.
type pageData struct {
	SiteTitle   string
	Title       string // of the page, for <title>
	Description string
	IsIndex     bool
	Chapters    []navItem
	Body        template.HTML // rendered and sanitised by this package
	Prev, Next  *navItem
	Notebook    string // URL of the .ipynb copy
	Env         *envView
	Headline    *headlineView
	Asset       func(name string) string // asset URL with a version, for caches
	Claims      claimCount               // a chapter's verdicts; the book's on the index
	Datasets    []*dataset               // the results a chapter used; all of them on the Data page
	Run         *runView                 // a chapter's "Run it yourself" commands
	Book        []printChapter           // print.html's chapters
	LiveReload  bool                     // serve's reload script, never in a published site
	Page        string                   // the page's file name, for marking it current
	Source      *sourcePage              // a source file's page
}

// headlineView is the index page's figure.
type headlineView struct {
	Src, Alt string
	Chapter  navItem
}

// assets returns the static files of every site, the chroma stylesheet
// included, and a short hash of them that versions their URLs so that a
// browser showing `go run . serve` picks up a changed stylesheet.
func assets(liveReload bool) (map[string][]byte, string, error) {
	files := map[string][]byte{}
	names := []string{"style.css", "site.js"}
	if liveReload {
		names = append(names, "livereload.js")
	}
	for _, name := range names {
		data, err := assetFS.ReadFile("assets/" + name)
		if err != nil {
			return nil, "", fmt.Errorf("embedded asset %s: %w", name, err)
		}
		files["assets/"+name] = data
	}
	css, err := chromaCSS()
	if err != nil {
		return nil, "", fmt.Errorf("chroma stylesheet: %w", err)
	}
	files["assets/chroma.css"] = []byte(css)
	h := sha256.New()
	for _, name := range []string{"assets/style.css", "assets/site.js", "assets/chroma.css"} {
		h.Write(files[name])
	}
	if liveReload {
		// A new value on every build: what the reload script watches.
		files["build-id.txt"] = []byte(newNonce())
	}
	return files, hex.EncodeToString(h.Sum(nil))[:10], nil
}

func executePage(t *template.Template, data *pageData) ([]byte, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
		return nil, fmt.Errorf("page %q: %w", data.Title, err)
	}
	return b.Bytes(), nil
}

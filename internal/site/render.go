package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"path/filepath"
	"time"
)

// siteRender is the state of rendering the whole site.
type siteRender struct {
	opts     Options
	files    map[string][]byte
	asset    func(name string) string
	nav      []navItem
	warnings []string
}

// renderSite renders every page and returns the site's files by path.
func renderSite(ctx context.Context, chapters []*chapter, opts Options) (map[string][]byte, []string, error) {
	files, version, err := assets(opts.LiveReload)
	if err != nil {
		return nil, nil, err
	}
	pages := map[string]string{}
	for _, ch := range chapters {
		pages[ch.File] = urlPath(ch.Page)
	}
	sources := newSourceFiles(opts.Notebooks)
	md := newMarkdown(pages, sources)
	for _, ch := range chapters {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if err := ch.render(md, files); err != nil {
			return nil, nil, err
		}
		files[ch.Stem+".ipynb"] = ch.Raw
	}
	s := &siteRender{opts: opts, files: files}
	s.warnings = resolveFigureRefs(chapters)

	jsonIndex, jsIndex, err := searchIndex(chapters)
	if err != nil {
		return nil, nil, fmt.Errorf("search index: %w", err)
	}
	files["search.json"] = jsonIndex
	files["search-index.js"] = jsIndex
	sum := sha256.Sum256(jsIndex)
	indexVersion := hex.EncodeToString(sum[:5])
	s.asset = func(name string) string {
		v := version
		if name == "search-index.js" {
			v = indexVersion
		}
		return name + "?v=" + v
	}
	s.nav = make([]navItem, len(chapters))
	for i, ch := range chapters {
		s.nav[i] = navItem{Title: ch.Title, Href: urlPath(ch.Page), Summary: ch.Summary, Claims: countClaims(ch.Verdicts)}
	}
	if err := s.renderPages(chapters); err != nil {
		return nil, nil, err
	}
	if err := s.writeSourcePages(sources); err != nil {
		return nil, nil, err
	}
	files[markerFile] = []byte("A site built by `go run . site`; Build replaces only folders holding this file.\n")
	return files, s.warnings, nil
}

// page returns the data every page shares.
func (s *siteRender) page(title, description string) *pageData {
	return &pageData{SiteTitle: s.opts.Title, Title: title, Description: description, Chapters: s.nav,
		Asset: s.asset, LiveReload: s.opts.LiveReload}
}

// renderPages renders the chapters, the index and the book's other pages.
func (s *siteRender) renderPages(chapters []*chapter) error {
	globalEnv, envFile, warnings := resultsEnv(s.opts.Results)
	s.warnings = append(s.warnings, warnings...)
	sets, warnings := loadDatasets(s.opts.Results, s.files)
	s.warnings = append(s.warnings, warnings...)
	used, warnings := chapterData(chapters, s.nav, sets)
	s.warnings = append(s.warnings, warnings...)

	var newest *envView
	newestTime := time.Time{}
	for i, ch := range chapters {
		env, source := ch.Env, "this notebook's metadata"
		if env == nil && globalEnv != nil {
			env, source = globalEnv, filepath.ToSlash(envFile)
		}
		view := newEnvView(env, source)
		if env != nil && (newest == nil || env.Time.After(newestTime)) {
			newest, newestTime = view, env.Time
		}
		data := s.page(ch.Title, ch.Summary)
		data.Chapters = currentNav(s.nav, i, ch.TOC)
		data.Body = template.HTML(ch.Body) // rendered and sanitised by ch.render
		data.Notebook, data.Env, data.Claims = urlPath(ch.Stem+".ipynb"), view, countClaims(ch.Verdicts)
		data.Datasets = used[ch]
		data.Run = newRunView(ch, used[ch])
		if i > 0 {
			data.Prev = &s.nav[i-1]
		}
		if i+1 < len(s.nav) {
			data.Next = &s.nav[i+1]
		}
		if err := s.write(ch.Page, chapterTemplate, data); err != nil {
			return err
		}
	}
	index := s.page(s.opts.Title, "A tutorial that measures concurrency and parallelism in Go.")
	index.IsIndex, index.Env, index.Headline = true, newest, headline(chapters, s.nav)
	for _, ch := range chapters {
		c := countClaims(ch.Verdicts)
		index.Claims.Total += c.Total
		index.Claims.Held += c.Held
		index.Claims.Failed += c.Failed
	}
	if len(s.nav) > 0 {
		index.Next = &s.nav[0]
	}
	if err := s.write("index.html", indexTemplate, index); err != nil {
		return err
	}
	return s.writeBookPages(chapters, sets)
}

// write renders one page into the site's files.
func (s *siteRender) write(name string, t *template.Template, data *pageData) error {
	data.Page = name
	page, err := executePage(t, data)
	if err != nil {
		return err
	}
	s.files[name] = page
	return nil
}

// currentNav returns the navigation with chapter i marked current and
// given its table of contents.
func currentNav(nav []navItem, i int, toc []heading) []navItem {
	out := append([]navItem(nil), nav...)
	out[i].Current = true
	out[i].TOC = toc
	return out
}

// headline picks the index page's figure: the first figure of a cell
// tagged "headline" in any chapter; else the first figure of chapter 3,
// then of chapter 4 (where the tutorial's measurements start); else the
// first figure of any chapter; else none.
func headline(chapters []*chapter, nav []navItem) *headlineView {
	pick := func(i int, f figure) *headlineView {
		return &headlineView{Src: urlPath(f.Src), Alt: f.Alt, Chapter: nav[i]}
	}
	for i, ch := range chapters {
		for _, f := range ch.Figures {
			if f.Headline {
				return pick(i, f)
			}
		}
	}
	order := []int{2, 3}
	for i := range chapters {
		order = append(order, i)
	}
	for _, i := range order {
		if i < len(chapters) && len(chapters[i].Figures) > 0 {
			return pick(i, chapters[i].Figures[0])
		}
	}
	return nil
}

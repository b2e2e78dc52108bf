package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Defaults of Options.
const (
	DefaultNotebooks = "notebooks"
	DefaultOut       = "site/public"
	DefaultResults   = "results"
	DefaultTitle     = "Concurrency vs parallelism in Go"
)

// markerFile is written into every site. Build only replaces a directory
// that has it (or is empty), so a mistyped --out cannot delete anything
// else.
const markerFile = ".concurrency-site"

// Options configures Build.
type Options struct {
	Notebooks string // folder of *.ipynb files; DefaultNotebooks if empty
	Out       string // the site's folder, replaced whole; DefaultOut if empty
	// Results is the folder of results/*.json files whose newest
	// environment is shown when a notebook has none of its own;
	// DefaultResults if empty, "-" for none.
	Results string
	Title   string // the site's title; DefaultTitle if empty
}

// Result describes a built site.
type Result struct {
	Out      string   // the site's folder
	Index    string   // path of its index.html
	Pages    []string // paths of the chapters' pages, in order
	Files    int      // files written
	Warnings []string // problems that did not stop the build
	Duration time.Duration
}

// InputError is a problem with Build's input — a malformed notebook, a
// missing folder, an output folder it will not replace — rather than with
// building. The CLI exits with status 2 for it.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func (o Options) withDefaults() Options {
	if o.Notebooks == "" {
		o.Notebooks = DefaultNotebooks
	}
	if o.Out == "" {
		o.Out = DefaultOut
	}
	if o.Results == "" {
		o.Results = DefaultResults
	}
	if o.Results == "-" {
		o.Results = ""
	}
	if o.Title == "" {
		o.Title = DefaultTitle
	}
	return o
}

// Build renders every notebook of opts.Notebooks into a static site in
// opts.Out. The site is built in a temporary folder next to opts.Out and
// swapped in only when complete, so on error the previous site is left
// untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	opts = opts.withDefaults()
	out, err := filepath.Abs(opts.Out)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("output folder %s: %w", opts.Out, err)}
	}
	if err := checkOut(out, opts.Notebooks); err != nil {
		return nil, err
	}
	chapters, err := loadChapters(opts.Notebooks)
	if err != nil {
		return nil, err
	}
	files, warnings, err := renderSite(ctx, chapters, opts)
	if err != nil {
		return nil, err
	}
	if err := writeSite(ctx, out, files); err != nil {
		return nil, err
	}
	res := &Result{Out: out, Index: filepath.Join(out, "index.html"), Files: len(files), Warnings: warnings,
		Duration: time.Since(start)}
	for _, ch := range chapters {
		res.Pages = append(res.Pages, filepath.Join(out, ch.Page))
	}
	return res, nil
}

// checkOut refuses output folders Build must not replace: one that holds
// the notebooks, and an existing folder that is neither empty nor a site.
func checkOut(out, notebooks string) error {
	nb, err := filepath.Abs(notebooks)
	if err != nil {
		return &InputError{Err: fmt.Errorf("notebooks folder %s: %w", notebooks, err)}
	}
	if rel, err := filepath.Rel(out, nb); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return &InputError{Err: fmt.Errorf("output folder %s contains the notebooks folder %s", out, nb)}
	}
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return &InputError{Err: fmt.Errorf("output folder: %w", err)}
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, markerFile)); err != nil {
		return &InputError{Err: fmt.Errorf("refusing to replace %s: it is not empty and was not built by this command (no %s file)", out, markerFile)}
	}
	return nil
}

// renderSite renders every page and returns the site's files by path.
func renderSite(ctx context.Context, chapters []*chapter, opts Options) (map[string][]byte, []string, error) {
	files, version, err := assets()
	if err != nil {
		return nil, nil, err
	}
	pages := map[string]string{}
	for _, ch := range chapters {
		pages[ch.File] = urlPath(ch.Page)
	}
	md := newMarkdown(pages)
	for _, ch := range chapters {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if err := ch.render(md, files); err != nil {
			return nil, nil, err
		}
		files[ch.Stem+".ipynb"] = ch.Raw
	}

	jsonIndex, jsIndex, err := searchIndex(chapters)
	if err != nil {
		return nil, nil, fmt.Errorf("search index: %w", err)
	}
	files["search.json"] = jsonIndex
	files["search-index.js"] = jsIndex
	sum := sha256.Sum256(jsIndex)
	indexVersion := hex.EncodeToString(sum[:5])
	asset := func(name string) string {
		v := version
		if name == "search-index.js" {
			v = indexVersion
		}
		return name + "?v=" + v
	}

	globalEnv, envFile, warnings := resultsEnv(opts.Results)
	nav := make([]navItem, len(chapters))
	for i, ch := range chapters {
		nav[i] = navItem{Title: ch.Title, Href: urlPath(ch.Page), Summary: ch.Summary}
	}
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
		data := &pageData{
			SiteTitle: opts.Title, Title: ch.Title, Description: ch.Summary,
			Chapters: currentNav(nav, i, ch.TOC), Body: template.HTML(ch.Body), // rendered and sanitised by ch.render
			Notebook: urlPath(ch.Stem + ".ipynb"), Env: view, Asset: asset,
		}
		if i > 0 {
			data.Prev = &nav[i-1]
		}
		if i+1 < len(nav) {
			data.Next = &nav[i+1]
		}
		page, err := executePage(chapterTemplate, data)
		if err != nil {
			return nil, nil, err
		}
		files[ch.Page] = page
	}
	index, err := executePage(indexTemplate, &pageData{
		SiteTitle: opts.Title, Title: opts.Title, IsIndex: true, Chapters: nav,
		Description: "A tutorial that measures concurrency and parallelism in Go.",
		Env:         newest, Headline: headline(chapters, nav), Asset: asset,
	})
	if err != nil {
		return nil, nil, err
	}
	files["index.html"] = index
	files[markerFile] = []byte("A site built by `go run . site`; Build replaces only folders holding this file.\n")
	return files, warnings, nil
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

// writeSite writes files into a new folder next to out and swaps it in:
// the old site is renamed away, the new one renamed into place, the old
// one removed. Until the swap, out is untouched.
func writeSite(ctx context.Context, out string, files map[string][]byte) (err error) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output folder %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it 0700
		return fmt.Errorf("write site: %w", err)
	}
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = filepath.Join(parent, fmt.Sprintf(".%s.old-%d", base, time.Now().UnixNano()))
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("move the previous site %s away: %w", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out) // put the previous site back
		}
		return fmt.Errorf("move the new site into %s: %w", out, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the previous site %s: %w", old, err)
		}
	}
	return nil
}

package site

import (
	"context"
	"errors"
	"fmt"
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
	// LiveReload adds a script that reloads a page when the site is
	// rebuilt: for `serve` only, so a published page has no script
	// beyond its own.
	LiveReload bool
}

// Result describes a built site.
type Result struct {
	Out      string     // the site's folder
	Index    string     // path of its index.html
	Pages    []string   // paths of the chapters' pages, in order
	Files    int        // files written
	Sizes    []PageSize // every page's weight, in the site's order
	Warnings []string   // problems that did not stop the build
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
	sizes := pageSizes(files)
	for _, s := range sizes {
		if s.HTML > PageBudget {
			warnings = append(warnings, fmt.Sprintf("%s weighs %s, over the budget of %s", s.Page, formatBytes(s.Total()), formatBytes(PageBudget)))
		}
	}
	res := &Result{Out: out, Index: filepath.Join(out, "index.html"), Files: len(files), Warnings: warnings,
		Sizes: sizes, Duration: time.Since(start)}
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

package site

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// csp is the Content Security Policy the pages carry in a <meta> element,
// sent as a header by Handler too (with what only a header can say).
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Handler serves the site in dir. It resolves every request afresh, so a
// rebuilt site swapped into dir is served at once.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// Watch rebuilds the site whenever a notebook or results file changes,
// checking their sizes and modification times every interval, until ctx
// is done. It calls done after each rebuild. Polling keeps it portable and
// free of dependencies; a second is fast enough for a person editing.
func Watch(ctx context.Context, opts Options, interval time.Duration, done func(*Result, error)) {
	opts = opts.withDefaults()
	last := fingerprint(opts)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fp := fingerprint(opts)
		if fp == last {
			continue
		}
		last = fp
		res, err := Build(ctx, opts)
		if ctx.Err() != nil {
			return
		}
		done(res, err)
	}
}

// fingerprint summarises the inputs of a build: names, sizes and
// modification times of the notebooks and results files.
func fingerprint(opts Options) string {
	var parts []string
	for _, pattern := range []string{filepath.Join(opts.Notebooks, "*.ipynb"), filepath.Join(opts.Results, "*.json")} {
		if opts.Results == "" && filepath.Ext(pattern) == ".json" {
			continue
		}
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if fi, err := os.Stat(p); err == nil {
				parts = append(parts, fmt.Sprintf("%s %d %d", p, fi.Size(), fi.ModTime().UnixNano()))
			}
		}
	}
	sort.Strings(parts)
	return fmt.Sprint(parts)
}

package site

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

// FuzzRender renders arbitrary notebooks: it must never panic, and no page
// or figure it writes may carry script from its input. The seed corpus in
// testdata/fuzz/FuzzRender holds the fixtures and hostile notebooks.
func FuzzRender(f *testing.F) {
	f.Add([]byte(minimalNotebook))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := nbformat.Parse("fuzz.ipynb", data)
		if err != nil {
			return
		}
		ch := &chapter{File: "01-fuzz.ipynb", Stem: "01-fuzz", Page: "01-fuzz.html", Raw: data, Notebook: nb}
		files, _, err := renderSite(context.Background(), []*chapter{ch}, Options{Results: "-"}.withDefaults())
		if err != nil {
			return // an error is fine; a panic or a script is not
		}
		for name, content := range files {
			switch filepath.Ext(name) {
			case ".html", ".svg":
				for _, p := range scriptProblems(name, content) {
					t.Error(p)
				}
			}
			if strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
				t.Errorf("file name %q leaves the site", name)
			}
		}
	})
}

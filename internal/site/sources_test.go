package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceLinks checks that a chapter's links to the module's Go and
// Python files lead to highlighted pages of them, and that other links
// (a text file, a file outside the module, a missing file) stay as written.
func TestSourceLinks(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"lib/pool.go":     "package lib\n\n// Pool runs tasks.\nfunc Pool() {}\n",
		"lib/python/m.py": "def work():\n    return 1\n",
		"secret.txt":      "not shown",
		"notebooks/01-x.ipynb": `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": [
			"# 1. X\n\nSee [the pool](../lib/pool.go), [the Python](../lib/python/m.py), [text](../secret.txt), [missing](../lib/nope.go) and [outside](../../x.go).\n"]}],
			"metadata": {}, "nbformat": 4, "nbformat_minor": 5}`,
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(context.Background(), Options{Notebooks: filepath.Join(root, "notebooks"), Out: filepath.Join(root, "public"), Results: "-"})
	if err != nil {
		t.Fatal(err)
	}
	page := readFile(t, res.Pages[0])
	for _, want := range []string{`<a href="source-lib-pool.go.html">the pool</a>`, `<a href="source-lib-python-m.py.html">the Python</a>`,
		`<a href="../secret.txt">text</a>`, `<a href="../lib/nope.go">missing</a>`, `<a href="../../x.go">outside</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("chapter lacks %s", want)
		}
	}
	src := readFile(t, filepath.Join(res.Out, "source-lib-pool.go.html"))
	if !strings.Contains(src, `<h1><code>lib/pool.go</code></h1>`) || !strings.Contains(src, `<span class="kd">func</span>`) {
		t.Errorf("the source page does not show lib/pool.go highlighted:\n%s", src)
	}
	if _, err := os.Stat(filepath.Join(res.Out, "source-secret.txt.html")); err == nil {
		t.Error("a text file became a page")
	}
}

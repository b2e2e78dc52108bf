package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestBookMarkdown renders markdown with bookMarkdown alone (and the task
// list it restyles), before any sanitising: the extension's own output.
func TestBookMarkdown(t *testing.T) {
	notebooks := filepath.Join(t.TempDir(), "notebooks")
	pool := filepath.Join(filepath.Dir(notebooks), "lib", "pool.go")
	if err := os.MkdirAll(filepath.Dir(pool), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pool, []byte("package lib\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.TaskList,
		&bookMarkdown{pages: map[string]string{"02-b.ipynb": "02-b.html"}, sources: newSourceFiles(notebooks)}))
	for _, tt := range []struct{ name, in, want string }{
		{"heading: id and anchor", "## What you need",
			`<h2 id="what-you-need">What you need <a class="anchor" href="#what-you-need" aria-label="Link to this section">#</a></h2>` + "\n"},
		{"heading: ids unique on the page", "# Top\n\n# Cell 3",
			`<h1 id="top-1">Top <a class="anchor" href="#top-1" aria-label="Link to this section">#</a></h1>` + "\n" +
				`<h1 id="section-cell-3">Cell 3 <a class="anchor" href="#section-cell-3" aria-label="Link to this section">#</a></h1>` + "\n"},
		{"heading: inside a quote", "> ### Aside",
			"<blockquote>\n" + `<h3 id="aside">Aside <a class="anchor" href="#aside" aria-label="Link to this section">#</a></h3>` + "\n</blockquote>\n"},
		{"link: a notebook becomes its page", "[next](02-b.ipynb)", `<p><a href="02-b.html">next</a></p>` + "\n"},
		{"link: with a fragment, from ./", "[there](./02-b.ipynb#results)", `<p><a href="02-b.html#results">there</a></p>` + "\n"},
		{"link: a notebook in another folder stays", "[x](old/02-b.ipynb)", `<p><a href="old/02-b.ipynb">x</a></p>` + "\n"},
		{"link: a source file becomes its page", "[pool](../lib/pool.go)", `<p><a href="source-lib-pool.go.html">pool</a></p>` + "\n"},
		{"link: a missing source file stays", "[nope](../lib/nope.go)", `<p><a href="../lib/nope.go">nope</a></p>` + "\n"},
		{"link: absolute links stay", "[go](https://go.dev/02-b.ipynb) [root](/02-b.ipynb)",
			`<p><a href="https://go.dev/02-b.ipynb">go</a> <a href="/02-b.ipynb">root</a></p>` + "\n"},
		{"admonition", "> [!TIP]\n> Measure *first*.",
			`<div class="admonition admonition-tip"><p class="admonition-title">Tip</p>` + "\n<p>Measure <em>first</em>.</p>\n</div>\n"},
		{"admonition: the marker alone", "> [!note]", `<div class="admonition admonition-note"><p class="admonition-title">Note</p>` + "\n</div>\n"},
		{"quote without a marker stays", "> [!NOPE]\n> x", "<blockquote>\n<p>[!NOPE]\nx</p>\n</blockquote>\n"},
		{"task list boxes have a name", "- [x] done\n- [ ] open",
			"<ul>\n" + `<li><input checked="" type="checkbox" aria-label="done"> done</li>` + "\n" +
				`<li><input type="checkbox" aria-label="not done"> open</li>` + "\n</ul>\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			source := []byte(tt.in)
			ctx := parser.NewContext(parser.WithIDs(newPageIDs()))
			doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
			var got bytes.Buffer
			if err := md.Renderer().Render(&got, source, doc); err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.want {
				t.Errorf("%q renders as\n%s\nwant\n%s", tt.in, got.String(), tt.want)
			}
		})
	}
}

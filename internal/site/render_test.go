package site

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderFixture builds the fixture site and checks each part of the
// pages: markdown, code cells, every output type, navigation and boxes.
func TestRenderFixture(t *testing.T) {
	res := buildFixture(t, "notebooks")
	page := func(name string) string { return readFile(t, filepath.Join(res.Out, name)) }
	tests := []struct {
		name, file string
		want       []string
		notWant    []string
	}{
		{"markdown: GFM table with alignment as attributes", "01-intro.html",
			[]string{`<th align="left">model</th>`, `<td align="right">2.01</td>`}, []string{`style=`}},
		{"markdown: task list and strikethrough", "01-intro.html",
			[]string{`<input checked="" type="checkbox" aria-label="done" disabled="">`, `<input type="checkbox" aria-label="not done" disabled="">`, `<del>Python</del>`}, nil},
		{"markdown: typographer", "01-intro.html",
			[]string{`“waiting together” means – and what it doesn’t`}, nil},
		{"markdown: heading ids with anchors", "01-intro.html",
			[]string{`<h2 id="what-you-need">What you need <a class="anchor" href="#what-you-need" aria-label="Link to this section">#</a></h2>`,
				`<h3 id="a-detail">`}, nil},
		{"markdown: links to notebooks point at pages", "01-intro.html",
			[]string{`<a href="02-measuring.html#results">measurements</a>`, `<a href="02-measuring.html">next chapter</a>`}, []string{`.ipynb#results`}},
		{"markdown: external links", "01-intro.html",
			[]string{`<a href="https://go.dev/" rel="noopener noreferrer">Go’s site</a>`}, nil},
		{"markdown: fenced code highlighted with classes", "01-intro.html",
			[]string{`<pre class="chroma"><code><span class="line"><span class="cl"><span class="kd">func</span>`}, nil},
		{"code: execution count and copy button", "01-intro.html",
			[]string{`<span class="prompt" title="execution count">In [2]:</span><button class="copy" type="button"`, `In [ ]:`}, nil},
		{"code: GoNB special lines shown whole", "01-intro.html",
			[]string{`<span class="cp">!*rm -f go.work &amp;&amp; go work init`, `<span class="cp">%goworkfix</span>`, `<span class="cp">%%`}, nil},
		{"stream: split outputs joined, ANSI and overwritten progress removed", "01-intro.html",
			[]string{"<pre class=\"output output-stream stdout\">task 0 done\ntask 1 done\ntask 2 done\n</pre>",
				"<pre class=\"output output-stream stderr\">warning: slow disk\nprogress 100%\n</pre>"},
			[]string{"\x1b", "progress 10%"}},
		{"execute_result: text/plain", "01-intro.html", []string{`<pre class="output output-text">42</pre>`}, nil},
		{"png: a file next to the page, with its size", "02-measuring.html",
			[]string{`<img src="02-measuring_files/cell3-1.png" alt="Wall time per model (PNG)." width="48" height="24" loading="lazy">`}, nil},
		{"svg: a file next to the page, its size in CSS pixels, alt from its labels", "02-measuring.html",
			[]string{`<img src="02-measuring_files/cell4-1.svg" alt="A chart. Its labels read: Speed-up." width="360" height="200" loading="lazy">`}, nil},
		{"figures: numbered per chapter, with captions", "02-measuring.html",
			[]string{`<figure class="output output-image" id="figure-2-1">`, `<figcaption>Figure 2.1. Wall time per model (PNG)</figcaption>`, `<figcaption>Figure 2.2.</figcaption>`}, nil},
		{"figures: a fig: tag labels the cell's figure, alt from its text/plain", "03-parallel.html",
			[]string{`<figure class="output output-image" id="fig-cores">`, `alt="Speed-up against cores. Series: goroutines; processes."`,
				`<figcaption>Figure 3.1. Speed-up against cores</figcaption>`}, []string{`alt="figure"`}},
		{"figures: a reference in the same chapter", "03-parallel.html", []string{`See <a href="#fig-cores" class="figure-ref">Figure 3.1</a>: the bars`}, nil},
		{"figures: a reference from another chapter", "01-intro.html", []string{`Chapter 3 draws <a href="03-parallel.html#fig-cores" class="figure-ref">Figure 3.1</a>.`}, nil},
		{"claims: a badge per verdict, held as a boolean or a string", "03-parallel.html",
			[]string{`<div class="claim claim-held" id="claim-1" role="note" aria-label="Claim: held"><p class="claim-head"><span class="claim-mark" aria-hidden="true">✔</span> <strong class="claim-verdict">Held:</strong> <span class="claim-text">Four cores beat one</span></p><p class="claim-evidence"><span class="claim-evidence-label">Evidence:</span> median 1.0 s vs 3.9 s, p = 0.002</p></div>`,
				`<div class="claim claim-failed" id="claim-2" role="note" aria-label="Claim: did not hold on this machine"><p class="claim-head"><span class="claim-mark" aria-hidden="true">✘</span> <strong class="claim-verdict">Did not hold on this machine:</strong> <span class="claim-text">Eight cores beat four</span>`},
			[]string{`<div>held</div>`}},
		{"claims: the chapter's count near the top", "03-parallel.html",
			[]string{`<p class="claims-summary claims-some-failed"><span class="claims-pill"><span class="claims-mark" aria-hidden="true">✘</span> 2 claims checked: 1 held, 1 did not — <a href="#claim-2">see the first that did not</a></span></p>`}, nil},
		{"claims: counts on the index", "index.html",
			[]string{`In the whole book, 2 claims checked: 1 held, 1 did not.`, `<p class="chapter-claims">2 claims checked: 1 held, 1 did not</p>`}, nil},
		{"python-beside: the Python beside the Go", "03-parallel.html",
			[]string{"<div class=\"beside\">\n<div class=\"beside-python\">\n<div class=\"cell cell-markdown\">\n<p>The same in Python:</p>", "</div>\n<div class=\"beside-go\">\n<div class=\"cell cell-code\" id=\"cell-7\">"}, nil},
		{"admonition", "03-parallel.html", []string{`<div class="admonition admonition-warning"><p class="admonition-title">Warning</p>`}, []string{"[!WARNING]"}},
		{"results used and run it yourself", "03-parallel.html",
			[]string{`<a href="data.html#data-cpu">cpu</a>: fixture (<a href="data/cpu.json" download>JSON</a>, <a href="data/cpu.csv" download>CSV</a>)`,
				"go run . notebooks run 03\ngo run . bench cpu</code>", "jupyter notebook notebooks/03-parallel.ipynb"}, nil},
		{"sidebar: the book's pages", "01-intro.html",
			[]string{`<a href="sources.html">Sources</a>`, `<a href="data.html">Data</a>`, `<a href="print.html">`}, nil},
		{"keys and back to top", "01-intro.html", []string{`id="keys-help" role="dialog"`, `<a class="back-to-top" href="#top">`}, []string{"livereload"}},
		{"data page", "data.html",
			[]string{`<tr id="data-cpu">`, `<a href="03-parallel.html">3. Parallel zymurgy</a>`, `<a href="data/old.csv" download>CSV</a>`, `4 CPUs, GOMAXPROCS 4, go1.26.7, linux/amd64`}, nil},
		{"sources page", "sources.html",
			[]string{"Fluent Python</cite> by Luciano Ramalho", "Speed Up Your Python Program With Concurrency", "Python核心技术与实战", "Python异步性能对比"}, []string{"seed", "tutorial 00"}},
		{"print page: every chapter, ids made unique", "print.html",
			[]string{`<section class="print-chapter" id="chapter-01-intro"`, `<section class="print-chapter" id="chapter-03-parallel"`,
				`id="chapter-03-parallel--fig-cores"`, `<a href="#chapter-03-parallel--fig-cores" class="figure-ref">Figure 3.1</a>`}, nil},
		{"html: sanitised, styles dropped", "02-measuring.html",
			[]string{"<table>\n<thead><tr><th>model</th><th>speed-up</th></tr></thead>"}, []string{`border-collapse`}},
		{"html: inline SVG becomes a file", "02-measuring.html", []string{`<img class="figure" src="02-measuring_files/cell6-1.svg" alt="A chart. Its labels read: Latency.">`}, nil},
		{"markdown output", "02-measuring.html",
			[]string{`<div class="output output-markdown"><p>Markdown output with <strong>bold</strong>`}, nil},
		{"error: name, value and traceback without ANSI", "02-measuring.html",
			[]string{`<p class="error-title">panic: boom</p><pre>panic: boom` + "\n\ngoroutine 1 [running]:"}, []string{"\x1b["}},
		{"cell tags: hide-output folds the output behind a toggle", "01-intro.html",
			[]string{"<details class=\"fold\"><summary>Show output</summary>\n<div class=\"cell-outputs\">\n<pre class=\"output output-stream stdout\">\t- Added replace rule"}, nil},
		{"cell tags: remove-input and remove-cell", "03-parallel.html",
			[]string{"<pre class=\"output output-stream stdout\">2\n</pre>"}, []string{"runtime.NumCPU", "secret setup", "hidden output"}},
		{"sidebar: chapters and this page's TOC", "01-intro.html",
			[]string{`<li class="current"><a href="01-intro.html" aria-current="page">1. Introduction to waiting</a>`,
				`<li class="toc-2"><a href="#what-you-need">What you need</a></li>`, `<li class="toc-3"><a href="#a-detail">A detail</a></li>`,
				`<a href="03-parallel.html">3. Parallel zymurgy</a>`}, []string{`toc-1`}},
		{"pager: first chapter", "01-intro.html",
			[]string{`<a class="prev" href="index.html" rel="prev">`, `<a class="next" href="02-measuring.html" rel="next">`}, nil},
		{"pager: middle chapter", "02-measuring.html",
			[]string{`<a class="prev" href="01-intro.html" rel="prev">`, `<a class="next" href="03-parallel.html" rel="next">`}, nil},
		{"pager: last chapter", "03-parallel.html", []string{`<a class="prev" href="02-measuring.html" rel="prev">`}, []string{`class="next"`}},
		{"download link and run box", "01-intro.html",
			[]string{`<a class="download" href="01-intro.ipynb" download>`, "go run . notebooks run 01</code>", "go run . build\ngo test ./...", "go run . kernel install\njupyter notebook notebooks/01-intro.ipynb"}, nil},
		{"env from the newest results file", "01-intro.html",
			[]string{`<dd>go1.26.7 · linux/amd64</dd>`, `From testdata/results/cpu.json.`}, []string{`go1.25.0`}},
		{"env from the notebook's metadata", "03-parallel.html",
			[]string{`<dd>Fixture CPU @ 2.0GHz</dd>`, `<dd>2026-03-04 05:06 UTC</dd>`, `<code>0123456789ab</code>`, `From this notebook&#39;s metadata.`}, nil},
		{"index: headline figure from the tagged cell", "index.html",
			[]string{`<a href="02-measuring.html"><img src="02-measuring_files/cell3-1.png" alt="Wall time per model (PNG)."></a>`}, nil},
		{"index: chapters with summaries", "index.html",
			[]string{`<a class="chapter-title" href="01-intro.html">1. Introduction to waiting</a><p>Programs spend most of their time waiting: for disks, networks and other programs. This chapter shows what “waiting together” means – and what it doesn’t.</p>`}, nil},
		{"index: newest environment", "index.html", []string{`<dd>Fixture CPU @ 2.0GHz</dd>`}, nil},
		{"every page: CSP, relative assets, our scripts", "02-measuring.html",
			[]string{`http-equiv="Content-Security-Policy"`, `href="assets/style.css?v=`, `<script src="search-index.js?v=`}, []string{`src="/`, `href="/`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := page(tt.file)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks\n%s", tt.file, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%s has %q", tt.file, w)
				}
			}
		})
	}
}

func TestFixtureFiles(t *testing.T) {
	res := buildFixture(t, "notebooks")
	// The PNG is the one the test made, intact.
	data, err := os.ReadFile(filepath.Join(res.Out, "02-measuring_files", "cell3-1.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, tinyPNG(t)) {
		t.Error("the PNG output was altered")
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Error(err)
	}
	// The notebooks are copied as they were.
	for _, name := range []string{"01-intro.ipynb", "02-measuring.ipynb", "03-parallel.ipynb"} {
		if _, err := os.Stat(filepath.Join(res.Out, name)); err != nil {
			t.Error(err)
		}
	}
	// The search index, as JSON and as a script.
	var entries []searchEntry
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(res.Out, "search.json"))), &entries); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e.Page == "03-parallel.html" && strings.Contains(e.Text, "zymurgy") {
			found = true
		}
		if e.Section != "" && e.Anchor == "" {
			t.Errorf("entry %q of %s has no anchor", e.Section, e.Page)
		}
	}
	if !found {
		t.Error("search.json lacks chapter 3's text")
	}
	if js := readFile(t, filepath.Join(res.Out, "search-index.js")); !strings.Contains(js, "window.SEARCH_INDEX = [") {
		t.Errorf("search-index.js does not set the global: %.80s", js)
	}
	if got, want := res.Index, filepath.Join(res.Out, "index.html"); got != want {
		t.Errorf("Index = %s, want %s", got, want)
	}
	if len(res.Pages) != 3 {
		t.Errorf("Pages = %v, want 3", res.Pages)
	}
}

func TestSlugAndIDs(t *testing.T) {
	ids := newPageIDs()
	for _, tt := range []struct{ in, want string }{
		{"What you need", "what-you-need"},
		{"What you need", "what-you-need-1"},
		{"GOMAXPROCS = 1 vs. 2!", "gomaxprocs-1-vs-2"},
		{"Ça marche", "ça-marche"},
		{"Search input", "search-input-1"}, // the page's own id is taken
		{"Cell 3", "section-cell-3"},       // cells' ids are cell-N
		{"!!!", "section"},
		{"Top", "top-1"},
	} {
		if got := string(ids.Generate([]byte(tt.in), 0)); got != tt.want {
			t.Errorf("Generate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerminalText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\x1b[1;31merror\x1b[0m", "error"},
		{"a\rb\rc\n", "c\n"},
		{"line\r\n", "line\n"},
		{"\x1b]8;;http://x\x07link\x1b]8;;\x07", "link"},
		{"bell\a and nul\x00", "bell and nul"},
		{"tab\tkept", "tab\tkept"},
	} {
		if got := terminalText(tt.in); got != tt.want {
			t.Errorf("terminalText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHighlightCode(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"go", "x := 1", []string{`<span class="nx">x</span>`}},
		{"magic", "%%\nfmt.Println(1)", []string{`<span class="cp">%%`, `<span class="nf">Println</span>`}},
		{"shell with continuation", "!echo 'it''s' \\\n  more\nvar y int", []string{`<span class="cp">!echo &#39;it&#39;&#39;s&#39; \`, `<span class="cp">  more`, `<span class="kd">var</span>`}},
		{"indented magic", "  %env X=1", []string{`<span class="cp">  %env X=1</span>`}},
		{"markup is escaped", `s := "</pre><script>"`, []string{`&lt;/pre&gt;&lt;script&gt;`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := highlightCode(tt.src, "go")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("highlightCode(%q) lacks %s:\n%s", tt.src, w, got)
				}
			}
		})
	}
}

func TestShorten(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := shorten(long, maxSummary)
	if len(got) > maxSummary+len("…") || !strings.HasSuffix(got, "word…") {
		t.Errorf("shorten = %q", got)
	}
	if got := shorten("short", maxSummary); got != "short" {
		t.Errorf("shorten(short) = %q", got)
	}
}

func TestSummaryDropsRunInLabel(t *testing.T) {
	md := newMarkdown(nil, nil)
	for _, tt := range []struct{ in, want string }{
		{"**The question.** Why wait?", "Why wait?"},
		{"**Note:** two cores here.", "two cores here."},
		{"**Bold** words that open a sentence stay.", "Bold words that open a sentence stay."},
		{"*The question.* Emphasis is not a label.", "The question. Emphasis is not a label."},
		{"Plain text.", "Plain text."},
	} {
		mc, err := renderMarkdown(md, newPageIDs(), tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := mc.Blocks[0].Summary; got != tt.want {
			t.Errorf("summary of %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

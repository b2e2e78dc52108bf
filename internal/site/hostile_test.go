package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileNotebook builds a notebook that tries every way we know to
// get script into a page — raw HTML in markdown, javascript: links, event
// handlers and scripts in HTML and SVG outputs, markup in stream text and
// error messages — and checks that no file of the site could run any of it.
func TestHostileNotebook(t *testing.T) {
	res := buildFixture(t, "hostile")
	for _, p := range siteScriptProblems(t, res.Out) {
		t.Error(p)
	}
	page := readFile(t, filepath.Join(res.Out, "01-hostile.html"))
	// The text of the attacks is still shown, as text.
	for _, want := range []string{
		`&lt;/pre&gt;&lt;script&gt;alert(&#39;stream&#39;)&lt;/script&gt;`,         // stream
		`&lt;/pre&gt;&lt;script&gt;alert(&#39;plain&#39;)&lt;/script&gt;`,          // text/plain
		`&lt;script&gt;alert(&#39;ename&#39;)&lt;/script&gt;`,                      // error name
		`<p>Summary with &lt;img src=x onerror=alert(‘summary’)&gt; raw HTML.</p>`, // typographer's quotes
		`clobber`, // the text of an output after dropped elements
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The clobbering div lost its id and class, and its stray end tags
	// did not close the page's own elements: the footer is still after main.
	if strings.Count(page, `id="search-input"`) != 1 {
		t.Errorf("an output re-used the id search-input")
	}
	if i, j := strings.Index(page, "</main>"), strings.Index(page, `<footer class="footer">`); i < 0 || j < i || strings.Count(page, "</main>") != 1 {
		t.Errorf("the page's structure was broken: </main> at %d, footer at %d", i, j)
	}
	// The SVG figures were kept, without their script.
	svgs, _ := filepath.Glob(filepath.Join(res.Out, "01-hostile_files", "*.svg"))
	if len(svgs) != 3 {
		t.Fatalf("want 3 SVG files (two inline in HTML, one image/svg+xml), got %d", len(svgs))
	}
	for _, p := range svgs[1:] { // the first is the empty <svg><script>…</script></svg>
		data, _ := os.ReadFile(p)
		s := string(data)
		if !strings.Contains(s, `<circle cx="50" cy="50" r="40" fill="green">`) {
			t.Errorf("%s lost its harmless content: %s", p, s)
		}
		for _, bad := range []string{"script", "alert", "foreignObject", "evil.example", "onload", "onclick"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q: %s", p, bad, s)
			}
		}
	}
}

package site

import (
	"html/template"
	"strings"
	"testing"
)

// TestPartials executes every partial with hostile text: the text is
// escaped, template.HTML is kept as it is, and every newline is where the
// page's markup has always had it.
func TestPartials(t *testing.T) {
	const evil = `</pre><script>alert('x')</script> & "q"`
	const escaped = `&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;q&#34;`
	tests := []struct {
		name string
		data any
		want string
	}{
		{"cell-markdown", template.HTML("<p>Hi</p>\n"), "<div class=\"cell cell-markdown\">\n<p>Hi</p>\n</div>\n"},
		{"cell-code", codeCellView{N: 3, Input: "<i>in</i>", Outputs: "<o>out</o>"}, "<div class=\"cell cell-code\" id=\"cell-3\">\n<i>in</i><o>out</o></div>\n"},
		{"cell-input", inputView{Prompt: evil, Code: `<pre class="chroma">x</pre>`},
			"<div class=\"cell-input\">\n<div class=\"cell-bar\"><span class=\"prompt\" title=\"execution count\">In [" + escaped +
				"]:</span><button class=\"copy\" type=\"button\" aria-label=\"Copy this code\">Copy</button></div>\n<pre class=\"chroma\">x</pre></div>\n"},
		{"cell-outputs", template.HTML("<pre>1</pre>\n"), "<div class=\"cell-outputs\">\n<pre>1</pre>\n</div>\n"},
		{"fold", foldView{Summary: "Show <code>", Part: "<b>x</b>\n"}, "<details class=\"fold\"><summary>Show &lt;code&gt;</summary>\n<b>x</b>\n</details>\n"},
		{"beside", besideView{Python: "<p>py</p>\n", Go: "<p>go</p>\n"},
			"<div class=\"beside\">\n<div class=\"beside-python\">\n<p>py</p>\n</div>\n<div class=\"beside-go\">\n<p>go</p>\n</div>\n</div>\n"},
		{"output-stream", streamView{Class: "stderr", Text: evil + "\n"}, "<pre class=\"output output-stream stderr\">" + escaped + "\n</pre>\n"},
		{"output-text", evil, `<pre class="output output-text">` + escaped + "</pre>\n"},
		{"output-html", template.HTML("<table></table>"), `<div class="output output-html"><table></table></div>` + "\n"},
		{"output-markdown", template.HTML("<p>md</p>\n"), "<div class=\"output output-markdown\"><p>md</p>\n</div>\n"},
		{"output-omitted", "an image was omitted: " + evil, `<p class="output omitted">[an image was omitted: ` + escaped + "]</p>\n"},
		{"output-error", errorView{Title: evil}, `<div class="output output-error" role="note"><p class="error-title">` + escaped + "</p></div>\n"},
		{"output-error", errorView{Title: "panic: boom", Traceback: evil},
			`<div class="output output-error" role="note"><p class="error-title">panic: boom</p><pre>` + escaped + "</pre></div>\n"},
		{"verdict", verdictView{Class: "claim-held", ID: "claim-1", Label: "held", Mark: "✔", Word: "Held", Claim: evil},
			`<div class="claim claim-held" id="claim-1" role="note" aria-label="Claim: held"><p class="claim-head"><span class="claim-mark" aria-hidden="true">✔</span> ` +
				`<strong class="claim-verdict">Held:</strong> <span class="claim-text">` + escaped + "</span></p></div>\n"},
		{"verdict", verdictView{Class: "claim-failed", ID: "claim-2", Label: "did not hold", Mark: "✘", Word: "Did not hold", Claim: "c", Evidence: evil},
			`<div class="claim claim-failed" id="claim-2" role="note" aria-label="Claim: did not hold"><p class="claim-head"><span class="claim-mark" aria-hidden="true">✘</span> ` +
				`<strong class="claim-verdict">Did not hold:</strong> <span class="claim-text">c</span></p><p class="claim-evidence"><span class="claim-evidence-label">Evidence:</span> ` + escaped + "</p></div>\n"},
		{"figure", figureView{ID: "figure-3-1", Src: "03-x_files/cell2-1.svg", Alt: evil, Width: 360, Height: 200, Caption: "Figure 3.1. " + evil},
			`<figure class="output output-image" id="figure-3-1"><img src="03-x_files/cell2-1.svg" alt="` + escaped + `" width="360" height="200" loading="lazy">` +
				"<figcaption>Figure 3.1. " + escaped + "</figcaption></figure>\n"},
		{"figure", figureView{ID: "figure-3-2", Src: "a%20b.png", Alt: "a", Width: 10, Caption: "Figure 3.2."},
			`<figure class="output output-image" id="figure-3-2"><img src="a%20b.png" alt="a" loading="lazy"><figcaption>Figure 3.2.</figcaption></figure>` + "\n"},
		{"figure", figureView{ID: "f", Src: "javascript:alert(1)", Alt: "a", Caption: "c"},
			`<figure class="output output-image" id="f"><img src="#ZgotmplZ" alt="a" loading="lazy"><figcaption>c</figcaption></figure>` + "\n"},
		{"figure-ref", figureRefView{Href: "03-x.html#fig-cores", Class: "figure-ref", Text: "Figure 3.1"}, `<a href="03-x.html#fig-cores" class="figure-ref">Figure 3.1</a>`},
		{"inline-svg", inlineSVGView{Src: "02-m_files/cell6-1.svg", Alt: evil}, `<img class="figure" src="02-m_files/cell6-1.svg" alt="` + escaped + `">`},
		{"inline-svg", inlineSVGView{Alt: "figure"}, `<p class="omitted">[an SVG figure was omitted: it is not well-formed]</p>`},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.name] = true
		if got := string(partial(tt.name, tt.data)); got != tt.want {
			t.Errorf("partial %s with %+v =\n%s\nwant\n%s", tt.name, tt.data, got, tt.want)
		}
	}
	// Every partial has a case, so a partial that disagrees with its view
	// panics here rather than on a reader's notebook.
	for _, p := range partials.Templates() {
		if name := p.Name(); !strings.HasSuffix(name, ".html") && !tested[name] {
			t.Errorf("partial %s has no test", name)
		}
	}
}

package site

import (
	"errors"
	"strings"
	"testing"
)

func TestSanitizeHTML(t *testing.T) {
	out := htmlPolicy{}
	md := htmlPolicy{keepIDs: true, keepClasses: true}
	for _, tt := range []struct {
		name string
		in   string
		p    htmlPolicy
		want string
	}{
		{"text escaped", `a < b & "c"`, out, `a &lt; b &amp; &#34;c&#34;`},
		{"allowed tags kept", `<p><b>bold</b> <code>x</code></p>`, out, `<p><b>bold</b> <code>x</code></p>`},
		{"script dropped with content", `a<script>alert(1)</script>b`, out, `ab`},
		{"self-closed script swallows as in browsers", `a<script/>alert(1)</script>b`, out, `ab`},
		{"style dropped", `<style>body{}</style>x`, out, `x`},
		{"event handlers dropped", `<p onclick="x()" onmouseover=y>t</p>`, out, `<p>t</p>`},
		{"javascript: href dropped", `<a href="javascript:alert(1)">a</a>`, out, `<a>a</a>`},
		{"obfuscated scheme dropped", `<a href=" JaVa&#x09;ScRiPt:alert(1)">a</a>`, out, `<a>a</a>`},
		{"entity-encoded scheme dropped", `<a href="&#106;avascript:alert(1)">a</a>`, out, `<a>a</a>`},
		{"http link kept with rel", `<a href="https://go.dev/">go</a>`, out, `<a href="https://go.dev/" rel="noopener noreferrer">go</a>`},
		{"relative link kept", `<a href="03-x.html#y">x</a>`, out, `<a href="03-x.html#y">x</a>`},
		{"data: html link dropped", `<a href="data:text/html,x">x</a>`, out, `<a>x</a>`},
		{"raster data image kept", `<img src="data:image/png;base64,AAAA">`, out, `<img src="data:image/png;base64,AAAA">`},
		{"svg data image dropped", `<img src="data:image/svg+xml,<svg onload=alert(1)>">`, out, `<img>`},
		{"iframe, object, embed dropped", `<iframe src="x">in</iframe><object data="x">o</object><embed src="x">after`, out, `after`},
		{"form controls dropped", `<form action="x"><input name="q"><button>go</button></form>t`, out, `t`},
		{"ids and classes dropped from outputs", `<div id="search-input" class="topbar">x</div>`, out, `<div>x</div>`},
		{"ids and classes kept for markdown", `<h2 id="a">x</h2><span class="k">y</span>`, md, `<h2 id="a">x</h2><span class="k">y</span>`},
		{"inline style dropped", `<td style="color:red">x</td>`, out, `<td>x</td>`},
		{"stray end tags cannot close the page", `x</div></main></body>y`, out, `xy`},
		{"unclosed elements closed", `<div><p><b>x`, out, `<div><p><b>x</b></p></div>`},
		{"misnested closed in order", `<b><i>x</b>y</i>`, out, `<b><i>x</i></b>y`},
		{"unknown tags dropped, text kept", `<blink>x</blink><custom-el>y</custom-el>`, out, `xy`},
		{"comments dropped", `a<!-- <script>x</script> -->b`, out, `ab`},
		{"noscript trick", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, out, `<img src="x">&#34;&gt;`},
		{"checkbox kept, disabled", `<input type="checkbox" checked>`, out, `<input type="checkbox" checked="" disabled="">`},
		{"text input dropped", `<input type="text" value="x">`, out, ``},
		{"svg without handler omitted", `<svg><script>alert(1)</script></svg>`, out, `<p class="omitted">[an SVG figure was omitted: it is not well-formed]</p>`},
		{"math dropped", `<math><mi>x</mi></math>y`, out, `y`},
		{"void dropped element does not eat the rest", `<embed src=x><meta http-equiv=refresh><base href=x>rest`, out, `rest`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitizeHTML(tt.in, tt.p); got != tt.want {
				t.Errorf("sanitizeHTML(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestSanitizeHTMLInlineSVG checks that an inline <svg> goes, raw and
// whole, to the policy's svg func, however its content is written.
func TestSanitizeHTMLInlineSVG(t *testing.T) {
	for _, tt := range []struct{ in, wantRaw, after string }{
		{`<div><svg width="1"><rect/></svg></div>`, `<svg width="1"><rect/></svg>`, `</div>`},
		{`<svg><script/><style>a{}</style><g><svg></svg></g></svg>tail`, `<svg><script/><style>a{}</style><g><svg></svg></g></svg>`, `tail`},
		{`<svg><![CDATA[</svg>]]></svg>x`, `<svg><![CDATA[</svg>]]></svg>`, `x`},
	} {
		var raw string
		got := sanitizeHTML(tt.in, htmlPolicy{svg: func(r string) (string, bool) { raw = r; return "f.svg", true }})
		if raw != tt.wantRaw {
			t.Errorf("%q: svg got %q, want %q", tt.in, raw, tt.wantRaw)
		}
		if !strings.Contains(got, `<img class="figure" src="f.svg" alt="figure">`) || !strings.HasSuffix(got, tt.after) {
			t.Errorf("%q: got %s", tt.in, got)
		}
	}
}

func TestSanitizeSVG(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"case kept, namespaces set",
			`<svg viewBox="0 0 10 10"><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><rect fill="url(#g)" width="10" height="10"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><linearGradient id="g"><stop offset="0" stop-color="red"></stop></linearGradient><rect fill="url(#g)" width="10" height="10"></rect></svg>`},
		{"script and handlers dropped",
			`<svg onload="x()"><script>alert(1)</script><circle r="1" onclick="y()"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="1"></circle></svg>`},
		{"foreignObject, a and animation dropped with content",
			`<svg><foreignObject><div>x</div></foreignObject><a href="javascript:1"><text>t</text></a><animate attributeName="href" values="javascript:1"/><set to="x"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"></svg>`},
		{"local href kept, remote dropped",
			`<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/><use href="http://e/x.svg#a"/><image href="data:image/png;base64,AA"/><image href="https://e/x.png"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"></use><use></use><image href="data:image/png;base64,AA"></image><image></image></svg>`},
		{"dangerous style dropped",
			`<svg><rect style="fill: url( javascript:alert(1) )" fill="red"/><style>@imp<![CDATA[ort url(x);]]></style><style>.a{fill:red}</style></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><rect fill="red"></rect><style></style><style>.a{fill:red}</style></svg>`},
		{"text escaped, doctype and comments dropped",
			"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x \"y\">]>\n<!-- c --><svg><text>a &lt; b &amp;nbsp;&nbsp;</text></svg>",
			"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><text>a &lt; b &amp;nbsp;\u00a0</text></svg>"},
		{"other namespaces dropped",
			`<svg xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script><rect h:onclick="x" width="1"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><rect width="1"></rect></svg>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sanitizeSVG(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("sanitizeSVG\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSanitizeSVGRejects(t *testing.T) {
	for _, in := range []string{
		``, `not svg`, `<html><svg/></html>`, `<svg><g></svg>`, `<svg></svg><svg></svg>`,
		`<svg>`, `<svg></svg>trailing`, `<svg><rect></g></svg>`,
	} {
		if got, err := sanitizeSVG(in); !errors.Is(err, errNotSVG) {
			t.Errorf("sanitizeSVG(%q) = %q, %v; want errNotSVG", in, got, err)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for _, tt := range []struct {
		url         string
		link, image bool
	}{
		{"https://go.dev", true, true},
		{"page.html#x", true, true},
		{"#x", true, true},
		{"mailto:a@b", true, false},
		{"javascript:alert(1)", false, false},
		{" \tjavascript:x", false, false},
		{"JAVASCRIPT:x", false, false},
		{"java\nscript:x", false, false},
		{"vbscript:x", false, false},
		{"data:image/png;base64,AA", false, true},
		{"data:image/svg+xml,<svg>", false, false},
		{"data:text/html,x", false, false},
		{"file:///etc/passwd", false, false},
		{"a/b:c", true, true}, // a colon after a slash is no scheme
	} {
		if got := safeURL(tt.url, false); got != tt.link {
			t.Errorf("safeURL(%q, link) = %v", tt.url, got)
		}
		if got := safeURL(tt.url, true); got != tt.image {
			t.Errorf("safeURL(%q, image) = %v", tt.url, got)
		}
	}
}

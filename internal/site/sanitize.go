package site

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	nethtml "golang.org/x/net/html"
)

// The HTML that reaches a page from a notebook — goldmark's rendering of
// markdown cells and text/html display data — goes through sanitizeHTML.
// The allowlist itself is bluemonday's, a maintained sanitiser: which
// elements, attributes and URL schemes survive. Around it sit two small
// steps bluemonday does not do for us:
//
//   - before: inline <svg> elements are taken out whole and handed to the
//     policy's svg func (they become separate, sanitised image files; see
//     svg.go), and a self-closed <script/> is read as the open element a
//     browser sees;
//   - after: the output is balanced — every element opened is closed, and
//     an end tag that matches nothing opened is dropped, so an output can
//     never close the page's own elements — external links get
//     rel="noopener noreferrer" and task-list checkboxes are disabled.

// htmlPolicy says what the sanitizer keeps beyond the common allowlist.
type htmlPolicy struct {
	// keepIDs and keepClasses keep id and class attributes. Only markdown
	// rendered by goldmark has them (heading ids we generate, chroma's
	// classes); outputs lose them so they cannot clobber the page's ids or
	// borrow its styles.
	keepIDs, keepClasses bool
	// svg receives every inline <svg> element, raw, and returns the URL of
	// the image it became (written as a separate, sanitised file) or false
	// to drop it.
	svg func(raw string) (src string, ok bool)
	// svgAlt returns the text alternative of the image an <svg> became,
	// from what it shows; without it the image's alt is "figure".
	svgAlt func(raw string) string
}

// dropWithContent are elements removed together with everything inside
// them: their content is code, a nested document or form machinery. Void
// elements (embed, meta, base) are simply not allowed: they have no
// content, and skipping "until their end tag" would eat the rest.
var dropWithContent = []string{
	"script", "style", "iframe", "object", "noscript", "template", "textarea", "title", "xmp",
	"noembed", "noframes", "plaintext", "math", "select", "frameset", "frame", "applet", "head", "button",
}

// voidTags have no end tag: every void element of HTML.
var voidTags = setOf("area base br col embed hr img input keygen link meta param source track wbr")

// The three policies: outputs, and markdown with ids and classes.
var (
	outputPolicy   = newPolicy(false, false)
	markdownPolicy = newPolicy(true, true)
	idPolicy       = newPolicy(true, false)
	classPolicy    = newPolicy(false, true)
)

// newPolicy builds the allowlist: the elements of prose, tables and code,
// links to relative, http(s) and mailto URLs, images from relative and
// http(s) URLs and raster data: URLs.
func newPolicy(keepIDs, keepClasses bool) *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
		"dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins",
		"kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
		"summary", "sup", "table", "tbody", "tfoot", "thead", "tr", "td", "th", "u", "ul", "var", "wbr",
		"details", "col", "colgroup", "time", "img")
	p.AllowNoAttrs().OnElements("a", "img")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt", "width", "height").OnElements("img")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`(?i)^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked").OnElements("input")
	p.AllowAttrs("span").OnElements("col", "colgroup")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("value").OnElements("li")
	p.AllowAttrs("start", "reversed").OnElements("ol")
	p.AllowAttrs("tabindex").Matching(regexp.MustCompile(`^0$`)).OnElements("pre")
	p.AllowAttrs("align", "colspan", "rowspan").OnElements("td", "th")
	p.AllowAttrs("scope").OnElements("th")
	p.AllowAttrs("datetime").OnElements("time")
	p.AllowAttrs("title", "lang", "dir", "aria-label").Globally()
	if keepIDs {
		p.AllowAttrs("id").Globally()
	}
	if keepClasses {
		p.AllowAttrs("class").Globally()
	}
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowDataURIImages()
	p.SkipElementsContent(dropWithContent...)
	return p
}

func (p htmlPolicy) bluemonday() *bluemonday.Policy {
	switch {
	case p.keepIDs && p.keepClasses:
		return markdownPolicy
	case p.keepIDs:
		return idPolicy
	case p.keepClasses:
		return classPolicy
	}
	return outputPolicy
}

// sanitizeHTML returns the allowlisted part of the HTML fragment in.
func sanitizeHTML(in string, p htmlPolicy) string {
	prepared, figures := extractSVG(in, p)
	out := balance(p.bluemonday().Sanitize(prepared))
	for marker, img := range figures {
		out = strings.ReplaceAll(out, marker, img)
	}
	return out
}

// extractSVG replaces every inline <svg> element of in by a marker — a
// random word, which the sanitiser keeps as text — and returns the markup
// each marker stands for: the <img> of the file the svg func wrote, or a
// note that the figure was omitted. It also turns a self-closed element
// whose content is dropped (<script/>) into the open element browsers read.
func extractSVG(in string, p htmlPolicy) (string, map[string]string) {
	z := nethtml.NewTokenizer(strings.NewReader(in))
	var b strings.Builder
	figures := map[string]string{}
	nonce := newNonce()
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return b.String(), figures
		}
		raw := string(z.Raw())
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		name, _ := z.TagName()
		tag := string(name)
		switch {
		case tag == "svg":
			if tt == nethtml.StartTagToken {
				raw += collectElement(z, "svg")
			}
			marker := "svgfigure-" + nonce + "-" + strconv.Itoa(len(figures)) + "-" + nonce
			view := inlineSVGView{Alt: "figure"} // no Src: omitted
			if p.svgAlt != nil {
				view.Alt = p.svgAlt(raw)
			}
			if p.svg != nil {
				if src, ok := p.svg(raw); ok {
					view.Src = src
				}
			}
			figures[marker] = string(partial("inline-svg", view))
			b.WriteString(marker)
		case tt == nethtml.SelfClosingTagToken && !voidTags[tag] && contains(dropWithContent, tag):
			// Browsers ignore "/>" on HTML elements that are not void:
			// <script/> opens a script, so it is dropped like one.
			b.WriteString("<" + tag + ">")
		default:
			b.WriteString(raw)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// newNonce returns a random word that no input can predict, so an output
// cannot forge a figure marker.
func newNonce() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// collectElement returns the raw source following a start tag of name up
// to and including its matching end tag (or the end of input).
func collectElement(z *nethtml.Tokenizer, name string) string {
	var b strings.Builder
	depth := 1
	z.AllowCDATA(true)
	defer z.AllowCDATA(false)
	for depth > 0 {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		b.Write(z.Raw())
		if tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken {
			// Inside SVG (foreign content) browsers read <script> and
			// <style> as ordinary elements, not raw text; without this a
			// self-closed <script/> would swallow the rest of the input.
			z.NextIsNotRawText()
		}
		if tt == nethtml.StartTagToken || tt == nethtml.EndTagToken {
			if n, _ := z.TagName(); string(n) == name {
				if tt == nethtml.StartTagToken {
					depth++
				} else {
					depth--
				}
			}
		}
	}
	return b.String()
}

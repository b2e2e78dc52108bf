package site

import (
	"strings"

	"golang.org/x/net/html"
)

// The HTML that reaches a page from a notebook — goldmark's rendering of
// markdown cells and text/html display data — goes through sanitizeHTML.
// It is an allowlist over golang.org/x/net/html's tokenizer rather than a
// hand-written scanner because tokenizing HTML the way browsers do (raw
// text elements, attribute quoting, entities) is exactly the part that is
// easy to get wrong. The sanitizer never copies input markup: it re-emits
// allowlisted tags with filtered, re-escaped attributes and escaped text,
// and closes every element it opened, so an output can neither run script
// nor close the page's own elements.

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
}

// allowedTags are the elements kept, with the attributes each may carry
// beyond the global ones. An attribute marked urlAttr must hold a safe URL.
var allowedTags = map[string]map[string]attrKind{
	"a": {"href": urlAttr}, "abbr": nil, "b": nil, "blockquote": nil, "br": nil,
	"caption": nil, "cite": nil, "code": nil, "col": {"span": plainAttr},
	"colgroup": {"span": plainAttr}, "dd": nil, "del": nil, "details": {"open": plainAttr},
	"dfn": nil, "div": nil, "dl": nil, "dt": nil, "em": nil, "figcaption": nil,
	"figure": nil, "h1": nil, "h2": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil,
	"hr": nil, "i": nil, "img": {"src": imageAttr, "alt": plainAttr, "width": plainAttr, "height": plainAttr},
	"input": {"type": plainAttr, "checked": plainAttr}, // always disabled: see below
	"ins":   nil, "kbd": nil, "li": {"value": plainAttr}, "mark": nil,
	"ol": {"start": plainAttr, "reversed": plainAttr}, "p": nil, "pre": {"tabindex": plainAttr},
	"q": nil, "s": nil, "samp": nil, "small": nil, "span": nil, "strong": nil, "sub": nil,
	"summary": nil, "sup": nil, "table": nil, "tbody": nil,
	"td": {"align": plainAttr, "colspan": plainAttr, "rowspan": plainAttr}, "tfoot": nil,
	"th":    {"align": plainAttr, "colspan": plainAttr, "rowspan": plainAttr, "scope": plainAttr},
	"thead": nil, "time": {"datetime": plainAttr}, "tr": nil, "u": nil, "ul": nil, "var": nil, "wbr": nil,
}

// globalAttrs may appear on any allowed element.
var globalAttrs = map[string]bool{"title": true, "lang": true, "dir": true, "aria-label": true}

// dropWithContent are elements removed together with everything inside
// them: their content is code, a nested document or form machinery.
var dropWithContent = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"noscript": true, "template": true, "textarea": true, "title": true, "xmp": true,
	"noembed": true, "noframes": true, "plaintext": true, "math": true, "select": true,
	"frameset": true, "frame": true, "applet": true, "head": true, "button": true,
}

// voidTags have no end tag: every void element of HTML, so that dropping
// one (embed, base, meta) does not wait for an end tag that never comes.
var voidTags = setOf("area base br col embed hr img input keygen link meta param source track wbr")

type attrKind int

const (
	plainAttr attrKind = iota
	urlAttr            // a link: relative, http(s) or mailto
	imageAttr          // an image: relative, http(s) or a raster data: URL
)

// sanitizeHTML returns the allowlisted part of the HTML fragment in.
func sanitizeHTML(in string, p htmlPolicy) string {
	z := html.NewTokenizer(strings.NewReader(in))
	var b strings.Builder
	var open []string // elements emitted and not yet closed
	skip, skipDepth := "", 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			for i := len(open) - 1; i >= 0; i-- {
				b.WriteString("</" + open[i] + ">")
			}
			return b.String()
		case html.TextToken:
			if skipDepth == 0 {
				b.WriteString(html.EscapeString(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skipDepth > 0 {
				if tag == skip && tt == html.StartTagToken {
					skipDepth++
				}
				continue
			}
			if tag == "svg" {
				raw := string(z.Raw())
				if tt == html.StartTagToken {
					raw += collectElement(z, "svg")
				}
				if p.svg != nil {
					if src, ok := p.svg(raw); ok {
						b.WriteString(`<img class="figure" src="` + html.EscapeString(src) + `" alt="figure">`)
						continue
					}
				}
				b.WriteString(`<p class="omitted">[an SVG figure was omitted: it is not well-formed]</p>`)
				continue
			}
			if dropWithContent[tag] {
				// Browsers ignore "/>" on HTML elements that are not void:
				// <script/> opens a script, so it is skipped like one.
				if !voidTags[tag] {
					skip, skipDepth = tag, 1
				}
				continue
			}
			allowed, ok := allowedTags[tag]
			if !ok {
				continue // drop the tag, keep its text
			}
			var attrs []html.Attribute
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			if tag == "input" && !isCheckbox(attrs) {
				continue // only GFM task-list boxes
			}
			b.WriteString("<" + tag)
			external := false
			for _, a := range attrs {
				if !keepHTMLAttr(tag, a, allowed, p) {
					continue
				}
				if tag == "a" && a.Key == "href" && isAbsoluteURL(a.Val) {
					external = true
				}
				b.WriteString(" " + a.Key + `="` + html.EscapeString(a.Val) + `"`)
			}
			if tag == "input" {
				b.WriteString(` disabled=""`)
			}
			if external {
				b.WriteString(` rel="noopener noreferrer"`)
			}
			b.WriteString(">")
			if voidTags[tag] {
				continue
			}
			if tt == html.SelfClosingTagToken {
				b.WriteString("</" + tag + ">")
				continue
			}
			open = append(open, tag)
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipDepth > 0 {
				if tag == skip {
					skipDepth--
				}
				continue
			}
			// Close up to the matching open element; an end tag that
			// matches nothing we opened is dropped, so it cannot close
			// the page's own elements.
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == tag {
					for j := len(open) - 1; j >= i; j-- {
						b.WriteString("</" + open[j] + ">")
					}
					open = open[:i]
					break
				}
			}
		}
		// Comments and doctypes are dropped.
	}
}

// collectElement returns the raw source following a start tag of name up
// to and including its matching end tag (or the end of input).
func collectElement(z *html.Tokenizer, name string) string {
	var b strings.Builder
	depth := 1
	z.AllowCDATA(true)
	defer z.AllowCDATA(false)
	for depth > 0 {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		b.Write(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			// Inside SVG (foreign content) browsers read <script> and
			// <style> as ordinary elements, not raw text; without this a
			// self-closed <script/> would swallow the rest of the input.
			z.NextIsNotRawText()
		}
		if tt == html.StartTagToken || tt == html.EndTagToken {
			if n, _ := z.TagName(); string(n) == name {
				if tt == html.StartTagToken {
					depth++
				} else {
					depth--
				}
			}
		}
	}
	return b.String()
}

func keepHTMLAttr(tag string, a html.Attribute, allowed map[string]attrKind, p htmlPolicy) bool {
	switch {
	case a.Namespace != "" || strings.Contains(a.Key, ":"):
		return false
	case a.Key == "id":
		return p.keepIDs
	case a.Key == "class":
		return p.keepClasses
	case globalAttrs[a.Key]:
		return true
	}
	kind, ok := allowed[a.Key]
	if !ok {
		return false
	}
	switch kind {
	case urlAttr:
		return safeURL(a.Val, false)
	case imageAttr:
		return safeURL(a.Val, true)
	}
	if tag == "pre" && a.Key == "tabindex" {
		return a.Val == "0"
	}
	return true
}

func isCheckbox(attrs []html.Attribute) bool {
	for _, a := range attrs {
		if a.Key == "type" {
			return strings.EqualFold(a.Val, "checkbox")
		}
	}
	return false
}

// safeURL reports whether a link (or, with image, an image source) may be
// kept: relative URLs, http(s), mailto for links and raster data: URLs for
// images. Browsers ignore tabs, newlines and leading control characters in
// a URL's scheme, so they are removed before looking at it.
func safeURL(s string, image bool) bool {
	t := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s))
	i := strings.IndexAny(t, ":/?#")
	if i < 0 || t[i] != ':' {
		return true // no scheme: relative
	}
	switch t[:i] {
	case "http", "https":
		return true
	case "mailto":
		return !image
	case "data":
		if !image {
			return false
		}
		for _, typ := range []string{"png", "jpeg", "gif", "webp"} {
			rest, ok := strings.CutPrefix(t, "data:image/"+typ)
			if ok && (strings.HasPrefix(rest, ";") || strings.HasPrefix(rest, ",")) {
				return true
			}
		}
	}
	return false
}

func isAbsoluteURL(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(t, "http:") || strings.HasPrefix(t, "https:") || strings.HasPrefix(t, "//")
}

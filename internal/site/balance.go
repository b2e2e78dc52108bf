package site

import (
	"strings"

	nethtml "golang.org/x/net/html"
)

// balance re-serialises sanitised HTML so that it nests: an end tag closes
// the elements opened after its own, an end tag that matches nothing
// opened is dropped (so an output cannot close the page's <main>), and
// whatever is still open at the end is closed. On the way it gives
// absolute links rel="noopener noreferrer", keeps only checkbox inputs
// and disables them (GFM task lists are for reading, not ticking).
func balance(in string) string {
	z := nethtml.NewTokenizer(strings.NewReader(in))
	var b strings.Builder
	var open []string
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			for i := len(open) - 1; i >= 0; i-- {
				b.WriteString("</" + open[i] + ">")
			}
			return b.String()
		case nethtml.TextToken:
			b.WriteString(nethtml.EscapeString(string(z.Text())))
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			tok := z.Token()
			if !fixStartTag(&tok) {
				continue
			}
			tok.Type = nethtml.StartTagToken
			b.WriteString(tok.String())
			switch {
			case voidTags[tok.Data]:
			case tt == nethtml.SelfClosingTagToken:
				b.WriteString("</" + tok.Data + ">")
			default:
				open = append(open, tok.Data)
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
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
		// Comments and doctypes: bluemonday has removed them already.
	}
}

// fixStartTag adds what a kept element needs, and reports false for an
// element to drop: an input that is not a checkbox.
func fixStartTag(tok *nethtml.Token) bool {
	switch tok.Data {
	case "input":
		checkbox := false
		for _, a := range tok.Attr {
			if a.Key == "type" && strings.EqualFold(a.Val, "checkbox") {
				checkbox = true
			}
		}
		if !checkbox {
			return false
		}
		tok.Attr = append(tok.Attr, nethtml.Attribute{Key: "disabled"})
	case "a":
		for _, a := range tok.Attr {
			if a.Key == "href" && isAbsoluteURL(a.Val) {
				tok.Attr = append(tok.Attr, nethtml.Attribute{Key: "rel", Val: "noopener noreferrer"})
				break
			}
		}
	}
	return true
}

// isAbsoluteURL reports whether a link leaves the site. It reads the URL
// as safeURL and browsers do — tabs, newlines and control characters
// removed — so a link safeURL keeps is never missed here: "ht\ttps://x"
// is a link to x and gets its rel.
func isAbsoluteURL(s string) bool {
	t := strings.ToLower(stripSpace(s))
	return strings.HasPrefix(t, "http:") || strings.HasPrefix(t, "https:") || strings.HasPrefix(t, "//") ||
		strings.HasPrefix(t, `\\`) || strings.HasPrefix(t, `/\`) || strings.HasPrefix(t, `\/`)
}

package site

import (
	"strings"
	"testing"
)

// TestExternalLinkRel checks that a link kept to another site always has
// rel="noopener noreferrer", however its scheme is written: the old
// allowlist kept "ht\x01tps://…" (safeURL strips control characters) but
// isAbsoluteURL did not see the scheme and left the rel out.
func TestExternalLinkRel(t *testing.T) {
	for _, href := range []string{
		"https://go.dev/", " https://go.dev/", "HTTPS://go.dev/", "//go.dev/", "ht\ttps://go.dev/",
		"ht\x01tps://go.dev/", "\x01https://go.dev/", "https\n://go.dev/", "http:go.dev",
	} {
		got := sanitizeHTML(`<a href="`+href+`">x</a>`, htmlPolicy{})
		if strings.Contains(got, "href=") && !strings.Contains(got, `rel="noopener noreferrer"`) {
			t.Errorf("%q: an external link kept without rel: %s", href, got)
		}
	}
}

func TestIsAbsoluteURLAgreesWithSafeURL(t *testing.T) {
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{"https://go.dev", true},
		{"ht\x01tps://go.dev", true},
		{"\thttp://go.dev", true},
		{"//go.dev", true},
		{"page.html", false},
		{"#x", false},
		{"mailto:a@b", false},
	} {
		if got := isAbsoluteURL(tt.url); got != tt.want {
			t.Errorf("isAbsoluteURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
		if !safeURL(tt.url, false) {
			t.Errorf("safeURL(%q) = false: the two must be asked about kept links", tt.url)
		}
	}
}

func TestBalance(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<p>x`, `<p>x</p>`},
		{`</div>x`, `x`},
		{`<b><i>x</b>y</i>`, `<b><i>x</i></b>y`},
		{`<br/>a<img src="a.png"/>`, `<br>a<img src="a.png">`},
		{`<input type="text">`, ``},
	} {
		if got := balance(tt.in); got != tt.want {
			t.Errorf("balance(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

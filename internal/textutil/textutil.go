// Package textutil holds the small text helpers the command line, the
// Jupyter runner and the site share, so each exists once.
package textutil

import (
	"fmt"
	"regexp"
)

// ansiEscape matches terminal escape sequences: CSI (colours, cursor
// moves), OSC (titles, hyperlinks) and two-character escapes.
var ansiEscape = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]`)

// StripANSI removes terminal escape sequences — the colours of a kernel's
// traceback, for instance — and keeps the text.
func StripANSI(s string) string {
	return ansiEscape.ReplaceAllString(s, "")
}

// Plural writes "1 thing" or "n things".
func Plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

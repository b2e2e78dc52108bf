package site

import "strings"

// safeURL reports whether a link (or, with image, an image source) may be
// kept: relative URLs, http(s), mailto for links and raster data: URLs for
// images. Browsers ignore tabs, newlines and leading control characters in
// a URL's scheme, so they are removed before looking at it. The HTML
// allowlist is bluemonday's; this is the same rule for SVG files, which
// bluemonday does not handle.
func safeURL(s string, image bool) bool {
	t := strings.ToLower(stripSpace(s))
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

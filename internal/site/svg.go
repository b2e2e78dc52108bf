package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
)

// SVG figures are written as separate .svg files and shown with <img>, so
// a browser never runs script from them on our pages (SVG loaded as an
// image is inert). They are still sanitised, because the same file opened
// on its own is a document that could. A browser reads an .svg file as
// XML, so sanitizeSVG parses it with encoding/xml — the same grammar, and
// SVG's case-sensitive names (viewBox, linearGradient) survive — and
// re-serialises only allowlisted elements and attributes.

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
)

// svgElements are the SVG elements kept. Anything else — script,
// foreignObject, animation elements (which can rewrite href to javascript:),
// a, elements of other namespaces — is dropped with its content.
var svgElements = setOf(`svg g defs symbol use path rect circle ellipse line polyline polygon
	text tspan textPath title desc clipPath mask pattern marker linearGradient radialGradient
	stop image style filter feBlend feColorMatrix feComponentTransfer feComposite feFlood
	feGaussianBlur feMerge feMergeNode feOffset feFuncA feFuncR feFuncG feFuncB feDropShadow`)

// svgAttrs are the attributes kept on SVG elements: geometry, presentation
// and text attributes. href is checked separately.
var svgAttrs = setOf(`id class style transform x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height
	d points pathLength viewBox preserveAspectRatio version baseProfile
	fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
	stroke-dasharray stroke-dashoffset stroke-miterlimit opacity color display visibility overflow
	vector-effect shape-rendering text-rendering image-rendering paint-order color-interpolation-filters
	font-family font-size font-weight font-style font-variant font-stretch text-anchor text-decoration
	dominant-baseline alignment-baseline baseline-shift dx dy rotate textLength lengthAdjust
	letter-spacing word-spacing writing-mode direction unicode-bidi startOffset method spacing side
	clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits
	marker-start marker-mid marker-end markerWidth markerHeight markerUnits orient refX refY
	offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod
	patternUnits patternContentUnits patternTransform
	filter filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2 k3 k4 values type
	tableValues slope intercept amplitude exponent flood-color flood-opacity lang`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// dangerousValue matches attribute or style text that could name script or
// pull in other documents, after whitespace is removed.
var dangerousValue = regexp.MustCompile(`(?i)javascript:|vbscript:|data:text|@import|expression\(`)

// errNotSVG reports an SVG document that cannot be used.
var errNotSVG = errors.New("not a well-formed SVG document")

// sanitizeSVG returns a sanitised, standalone copy of the SVG document src.
func sanitizeSVG(src string) ([]byte, error) {
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = true
	d.Entity = xml.HTMLEntity // tolerate &nbsp; and friends, as browsers' HTML parser does
	var s svgSanitizer
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errNotSVG, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = s.start(t)
		case xml.EndElement:
			err = s.end(t)
		case xml.CharData:
			err = s.text(t)
		}
		// Comments, processing instructions and directives (DOCTYPE with
		// its entity declarations) are dropped.
		if err != nil {
			return nil, err
		}
	}
	if !s.root || len(s.stack) != 0 {
		return nil, fmt.Errorf("%w: no complete <svg> element", errNotSVG)
	}
	return s.out.Bytes(), nil
}

// svgSanitizer is the state of sanitizeSVG: what it has written, and
// where in the document it is.
type svgSanitizer struct {
	out       bytes.Buffer
	stack     []string // open elements, emitted or skipped
	skipDepth int      // >0 inside a dropped element
	root      bool
	// A <style> element's text is checked whole, when it ends: CDATA
	// sections could otherwise split a keyword across tokens.
	style *strings.Builder
}

// start writes an allowlisted element's start tag with its allowlisted
// attributes, or starts skipping the element.
func (s *svgSanitizer) start(t xml.StartElement) error {
	name := qname(t.Name)
	s.stack = append(s.stack, name)
	if s.skipDepth > 0 {
		s.skipDepth++
		return nil
	}
	if !s.root {
		if t.Name.Local != "svg" || t.Name.Space != "" {
			return fmt.Errorf("%w: root element is <%s>", errNotSVG, name)
		}
		s.root = true
	} else if len(s.stack) == 1 {
		return fmt.Errorf("%w: more than one root element", errNotSVG)
	}
	if t.Name.Space != "" || !svgElements[t.Name.Local] {
		s.skipDepth = 1
		return nil
	}
	s.out.WriteString("<" + name)
	if len(s.stack) == 1 {
		s.out.WriteString(` xmlns="` + svgNS + `" xmlns:xlink="` + xlinkNS + `"`)
	}
	for _, a := range t.Attr {
		if keepSVGAttr(t.Name.Local, a) {
			s.out.WriteString(" " + qname(a.Name) + `="` + html.EscapeString(a.Value) + `"`)
		}
	}
	s.out.WriteString(">")
	return nil
}

// end writes an element's end tag, after its style sheet if it is a
// <style> whose text is safe.
func (s *svgSanitizer) end(t xml.EndElement) error {
	name := qname(t.Name)
	if len(s.stack) == 0 || s.stack[len(s.stack)-1] != name {
		return fmt.Errorf("%w: unexpected </%s>", errNotSVG, name)
	}
	s.stack = s.stack[:len(s.stack)-1]
	if s.skipDepth > 0 {
		s.skipDepth--
		return nil
	}
	if name == "style" && s.style != nil {
		if css := s.style.String(); !dangerousValue.MatchString(stripSpace(css)) {
			s.out.WriteString(html.EscapeString(css))
		}
		s.style = nil
	}
	s.out.WriteString("</" + name + ">")
	return nil
}

// text writes text inside the kept elements, and collects a <style>'s.
func (s *svgSanitizer) text(t xml.CharData) error {
	if len(s.stack) == 0 {
		if len(bytes.TrimSpace(t)) > 0 {
			return fmt.Errorf("%w: text outside the root element", errNotSVG)
		}
		return nil
	}
	if s.skipDepth > 0 {
		return nil
	}
	if s.stack[len(s.stack)-1] == "style" {
		if s.style == nil {
			s.style = new(strings.Builder)
		}
		s.style.Write(t)
		return nil
	}
	s.out.WriteString(html.EscapeString(string(t)))
	return nil
}

func keepSVGAttr(elem string, a xml.Attr) bool {
	name := qname(a.Name)
	v := stripSpace(a.Value)
	if dangerousValue.MatchString(v) {
		return false
	}
	switch name {
	case "href", "xlink:href":
		// Only references inside the document, and raster images.
		if strings.HasPrefix(v, "#") {
			return true
		}
		return elem == "image" && safeURL(a.Value, true) && strings.HasPrefix(strings.ToLower(v), "data:")
	case "xml:space", "xml:lang":
		return true
	}
	return a.Name.Space == "" && svgAttrs[a.Name.Local]
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

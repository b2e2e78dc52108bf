package site

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Admonitions are note, tip and warning boxes, written as GitHub writes
// its alerts, so a notebook reads the same in Jupyter, on GitHub and here:
//
//	> [!NOTE]
//	> GOMAXPROCS is the number of threads running Go code at once.
//
// The marker — [!NOTE], [!TIP] or [!WARNING], in any case — stands alone
// on the quote's first line. A quote without one stays a quote.

// admonitionKinds maps a marker to its box's title.
var admonitionKinds = map[string]string{"note": "Note", "tip": "Tip", "warning": "Warning"}

// KindAdmonition is the goldmark node kind of an admonition.
var KindAdmonition = ast.NewNodeKind("Admonition")

// admonitionNode is a note, tip or warning box: a block quote whose
// marker line has been read.
type admonitionNode struct {
	ast.BaseBlock
	kind string // "note", "tip" or "warning"
}

// Kind implements ast.Node.
func (n *admonitionNode) Kind() ast.NodeKind { return KindAdmonition }

// Dump implements ast.Node.
func (n *admonitionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.kind}, nil)
}

// admonitionTransformer turns marked block quotes into admonition nodes;
// bookHTMLRenderer renders them.
type admonitionTransformer struct{}

// Transform replaces every block quote that opens with a marker line.
func (admonitionTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var quotes []*ast.Blockquote
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		first := p.Lines().At(0)
		marker := strings.ToLower(string(bytes.TrimSpace(first.Value(source))))
		kind, ok := strings.CutPrefix(marker, "[!")
		kind, ok2 := strings.CutSuffix(kind, "]")
		if !ok || !ok2 || admonitionKinds[kind] == "" {
			continue
		}
		// Drop the marker's inline nodes, and the paragraph if that was all.
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); ok && t.Segment.Start < first.Stop {
				p.RemoveChild(p, c)
			}
			c = next
		}
		if p.ChildCount() == 0 {
			q.RemoveChild(q, p)
		}
		box := &admonitionNode{kind: kind}
		box.SetAttributeString("class", []byte("admonition admonition-"+kind))
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			box.AppendChild(box, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, box)
	}
}

// renderAdmonition renders an admonition as a box with its title; its
// class comes from its attributes, set by admonitionTransformer.
func (bookHTMLRenderer) renderAdmonition(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<div")
	html.RenderAttributes(w, node, html.GlobalAttributeFilter)
	_, _ = w.WriteString(`><p class="admonition-title">` + admonitionKinds[node.(*admonitionNode).kind] + "</p>\n")
	return ast.WalkContinue, nil
}

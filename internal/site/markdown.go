package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newMarkdown returns the goldmark converter of markdown cells: GitHub
// flavoured (tables, task lists, strikethrough, autolinks), typographic
// quotes and dashes, fenced code highlighted with CSS classes, and the
// book's own additions (bookMarkdown: heading anchors, admonitions, links
// to chapters' notebooks and to source files pointed at their pages).
// pages maps a notebook's file name to its page's file name.
//
// Raw HTML is not enabled (no html.WithUnsafe): goldmark replaces it with a
// comment, and the result still goes through sanitizeHTML.
func newMarkdown(pages map[string]string, sources *sourceFiles) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify,
			// Alignment as an attribute, not style="": the pages' Content
			// Security Policy forbids inline styles.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
			extension.NewTypographer(),
			highlighting.NewHighlighting(
				highlighting.WithStyle(lightStyle),
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			),
			&bookMarkdown{pages: pages, sources: sources},
		),
	)
}

// pageIDs generates the element ids of one page's headings: readable
// slugs, unique across all the page's cells, never one of the ids of the
// page's own layout.
type pageIDs struct{ used map[string]bool }

// reservedIDs are the ids the templates and scripts use.
var reservedIDs = []string{"top", "content", "nav-toggle", "sidebar", "search-input", "search-results",
	"measured-env", "measured-env-title", "run-it-yourself", "run-it-yourself-title", "chapters", "footnotes"}

func newPageIDs() *pageIDs {
	ids := &pageIDs{used: map[string]bool{}}
	for _, id := range reservedIDs {
		ids.used[id] = true
	}
	return ids
}

// Generate implements parser.IDs.
func (ids *pageIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(ids.unique(slug(string(value))))
}

// Put implements parser.IDs.
func (ids *pageIDs) Put(value []byte) { ids.used[string(value)] = true }

func (ids *pageIDs) unique(base string) string {
	if base == "" || strings.HasPrefix(base, "cell-") {
		base = "section-" + base
		base = strings.TrimSuffix(base, "-")
	}
	id := base
	for i := 1; ids.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	ids.used[id] = true
	return id
}

// slug turns heading text into an id: lower-case letters and digits of any
// script, joined by single hyphens.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(html.UnescapeString(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 0x7f && isLetterOrDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	return b.String()
}

// plainText returns the text of an inline subtree: what a reader sees,
// without markup, with typographic entities turned into characters.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's strings are entities ("&ldquo;"),
			// marked as code so that renderers write them as they are.
			b.WriteString(html.UnescapeString(string(t.Value)))
		case *ast.AutoLink:
			b.Write(t.Label(source))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// markdownCell is a markdown cell parsed and rendered.
type markdownCell struct {
	HTML     string
	Headings []heading
	Blocks   []textBlock // top-level blocks as plain text, for summaries and search
}

// safeHTML is the cell's HTML for a partial. Safe: renderMarkdown
// sanitised it (bluemonday's allowlist, balanced) before storing it.
func (mc *markdownCell) safeHTML() template.HTML { return template.HTML(mc.HTML) }

// heading is a heading of a page.
type heading struct {
	Level int
	ID    string
	Text  string
}

// textBlock is a top-level block's plain text; a heading has Heading set.
type textBlock struct {
	Heading   *heading
	Paragraph bool
	Text      string
	// Summary is a paragraph's text without a bold run-in label such as
	// "**The question.**": what the index page shows of a chapter.
	Summary string
}

// renderMarkdown parses and renders one markdown source with the page's
// ids, and sanitises the result.
func renderMarkdown(md goldmark.Markdown, ids *pageIDs, src string) (*markdownCell, error) {
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	cell := &markdownCell{}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		blk := textBlock{Text: plainText(n, source)}
		switch t := n.(type) {
		case *ast.Heading:
			h := heading{Level: t.Level, Text: blk.Text}
			if v, ok := t.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					h.ID = string(b)
				}
			}
			cell.Headings = append(cell.Headings, h)
			blk.Heading = &cell.Headings[len(cell.Headings)-1]
		case *ast.Paragraph:
			blk.Paragraph = true
			blk.Summary = blk.Text
			if e, ok := t.FirstChild().(*ast.Emphasis); ok && e.Level == 2 {
				if label := plainText(e, source); strings.HasSuffix(label, ".") || strings.HasSuffix(label, ":") {
					blk.Summary = strings.TrimSpace(strings.TrimPrefix(blk.Text, label))
				}
			}
		}
		cell.Blocks = append(cell.Blocks, blk)
	}
	// Headings' pointers are stable only once the slice stops growing.
	hi := 0
	for i := range cell.Blocks {
		if cell.Blocks[i].Heading != nil {
			cell.Blocks[i].Heading = &cell.Headings[hi]
			hi++
		}
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	cell.HTML = sanitizeHTML(buf.String(), htmlPolicy{keepIDs: true, keepClasses: true})
	return cell, nil
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

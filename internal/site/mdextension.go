package site

import (
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// bookMarkdown is the goldmark extension of everything the book adds to
// GitHub flavoured markdown, so that newMarkdown installs it in one piece
// and a test can render it alone:
//
//   - headings get ids (parser.WithAutoHeadingID, from the page's pageIDs)
//     and a "#" anchor link that readers can copy;
//   - links written for Jupyter — to a chapter's notebook or to one of the
//     module's source files — point at their pages on the site;
//   - block quotes marked [!NOTE], [!TIP] or [!WARNING] become admonitions
//     (admonition.go);
//   - task list boxes get an accessible name.
type bookMarkdown struct {
	pages   map[string]string // notebook file name → its page's URL
	sources *sourceFiles      // nil: no links to source files rewritten
}

// The priorities of bookMarkdown's parts. AST transformers run in
// ascending order once a document is parsed, after goldmark's table
// transformer (0); they touch different nodes, so their order among
// themselves only has to be fixed. For node renderers the lowest number
// wins a kind: ours, below goldmark's HTML renderer (1000) and the task
// list's (500), replace theirs.
const (
	linkPriority       = 100
	anchorPriority     = 150
	admonitionPriority = 200
	rendererPriority   = 100
)

// Extend implements goldmark.Extender.
func (e *bookMarkdown) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(
			util.Prioritized(linkRewriter{pages: e.pages, sources: e.sources}, linkPriority),
			util.Prioritized(headingAnchors{}, anchorPriority),
			util.Prioritized(admonitionTransformer{}, admonitionPriority),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(bookHTMLRenderer{}, rendererPriority),
	))
}

// linkRewriter points relative links to a chapter's notebook ("03-io.ipynb"
// or "03-io.ipynb#section") at the chapter's page, and links to the
// module's source files ("../lib/pool.go") at their pages, so links
// written for Jupyter keep working on the site.
type linkRewriter struct {
	pages   map[string]string
	sources *sourceFiles
}

// Transform implements parser.ASTTransformer.
func (lr linkRewriter) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		file, frag, _ := strings.Cut(dest, "#")
		if strings.Contains(file, ":") || strings.HasPrefix(file, "/") {
			return ast.WalkContinue, nil // absolute
		}
		if page, ok := lr.pages[path.Base(strings.TrimPrefix(file, "./"))]; ok && path.Dir(strings.TrimPrefix(file, "./")) == "." {
			if frag != "" {
				page += "#" + frag
			}
			link.Destination = []byte(page)
		} else if page := lr.sources.page(file); page != "" {
			link.Destination = []byte(urlPath(page))
		}
		return ast.WalkContinue, nil
	})
}

// KindHeadingAnchor is the goldmark node kind of a heading's anchor link.
var KindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

// headingAnchor is the "#" link at the end of a heading, to its id. Its
// attributes are its markup's, rendered by html.RenderAttributes.
type headingAnchor struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *headingAnchor) Kind() ast.NodeKind { return KindHeadingAnchor }

// Dump implements ast.Node.
func (n *headingAnchor) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// headingAnchors ends every heading that has an id with its anchor link.
// The link has no text node, so the heading's plain text (its entry in the
// table of contents and the search index) is unchanged.
type headingAnchors struct{}

// Transform implements parser.ASTTransformer.
func (headingAnchors) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if v, ok := h.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				a := &headingAnchor{}
				a.SetAttributeString("class", []byte("anchor"))
				a.SetAttributeString("href", []byte("#"+string(id)))
				a.SetAttributeString("aria-label", []byte("Link to this section"))
				h.AppendChild(h, a)
			}
		}
		return ast.WalkSkipChildren, nil // a heading holds no heading
	})
}

// bookHTMLRenderer renders bookMarkdown's nodes, and task list boxes.
type bookHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r bookHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHeadingAnchor, r.renderHeadingAnchor)
	reg.Register(KindAdmonition, r.renderAdmonition)
	reg.Register(east.KindTaskCheckBox, r.renderTaskCheckBox)
}

func (bookHTMLRenderer) renderHeadingAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(" <a")
		html.RenderAttributes(w, n, nil) // only those headingAnchors set
		_, _ = w.WriteString(">#</a>")
	}
	return ast.WalkContinue, nil
}

// renderTaskCheckBox renders a task list's box with an accessible name: it
// has no <label>, so screen readers would announce a bare "checkbox".
// (sanitizeHTML disables it.)
func (bookHTMLRenderer) renderTaskCheckBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input checked="" type="checkbox" aria-label="done"> `)
	} else {
		_, _ = w.WriteString(`<input type="checkbox" aria-label="not done"> `)
	}
	return ast.WalkContinue, nil
}

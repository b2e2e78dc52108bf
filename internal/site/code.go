package site

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// The chroma styles of the light and dark themes. Code is highlighted with
// CSS classes, and chromaCSS writes both styles' rules, the dark one inside
// a prefers-color-scheme media query.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

var codeFormatter = chromahtml.New(chromahtml.WithClasses(true))

// highlightCode renders a code cell's source as highlighted HTML. GoNB's
// special lines — "%" commands such as %% or %goworkfix and "!" shell
// lines, with their backslash continuations — are not Go: they are kept
// out of the Go lexer and shown as preprocessor lines, whole.
func highlightCode(src, language string) (string, error) {
	src = strings.TrimRight(src, "\n")
	lexer := lexers.Get(language)
	if lexer == nil {
		lexer = lexers.Get("go")
	}
	lexer = chroma.Coalesce(lexer)
	var tokens []chroma.Token
	var run strings.Builder
	flush := func() error {
		if run.Len() == 0 {
			return nil
		}
		it, err := lexer.Tokenise(nil, run.String())
		if err != nil {
			return fmt.Errorf("highlight: %w", err)
		}
		tokens = append(tokens, it.Tokens()...)
		run.Reset()
		return nil
	}
	continued := false
	for _, line := range strings.SplitAfter(src, "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		special := language == "go" && (continued || strings.HasPrefix(trimmed, "%") || strings.HasPrefix(trimmed, "!"))
		if !special {
			run.WriteString(line)
			continue
		}
		if err := flush(); err != nil {
			return "", err
		}
		// The Go lexer ends a run with a newline; make sure we do not
		// double it.
		if n := len(tokens); n > 0 && !strings.HasSuffix(tokens[n-1].Value, "\n") {
			tokens = append(tokens, chroma.Token{Type: chroma.Text, Value: "\n"})
		}
		tokens = append(tokens, chroma.Token{Type: chroma.CommentPreproc, Value: line})
		continued = strings.HasSuffix(strings.TrimRight(line, "\n"), `\`)
	}
	if err := flush(); err != nil {
		return "", err
	}
	// Drop the trailing newline the lexer adds, so no empty last line shows.
	for n := len(tokens); n > 0; n = len(tokens) {
		v := strings.TrimRight(tokens[n-1].Value, "\n")
		if v != "" {
			tokens[n-1].Value = v
			break
		}
		tokens = tokens[:n-1]
	}
	var b bytes.Buffer
	if err := codeFormatter.Format(&b, styles.Get(lightStyle), chroma.Literator(tokens...)); err != nil {
		return "", fmt.Errorf("highlight: %w", err)
	}
	return b.String(), nil
}

// chromaCSS returns the stylesheet of highlighted code for both themes.
func chromaCSS() (string, error) {
	var light, dark bytes.Buffer
	if err := codeFormatter.WriteCSS(&light, styles.Get(lightStyle)); err != nil {
		return "", err
	}
	if err := codeFormatter.WriteCSS(&dark, styles.Get(darkStyle)); err != nil {
		return "", err
	}
	// Each style in its own media query: a token the dark style leaves
	// uncoloured must not keep the light style's colour.
	return "/* Generated from chroma's " + lightStyle + " and " + darkStyle + " styles. */\n" +
		"@media not (prefers-color-scheme: dark) {\n" + light.String() + "}\n" +
		"@media (prefers-color-scheme: dark) {\n" + dark.String() + "}\n", nil
}

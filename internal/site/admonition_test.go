package site

import (
	"strings"
	"testing"
)

func TestAdmonitions(t *testing.T) {
	md := newMarkdown(nil, nil)
	for _, tt := range []struct {
		name, in string
		want     []string
		notWant  []string
	}{
		{"note", "> [!NOTE]\n> Goroutines are *cheap*.", []string{
			`<div class="admonition admonition-note"><p class="admonition-title">Note</p>`, `<p>Goroutines are <em>cheap</em>.</p>`}, []string{"[!NOTE]", "<blockquote>"}},
		{"tip, lower case, two paragraphs", "> [!tip]\n> One.\n>\n> Two.", []string{
			`<p class="admonition-title">Tip</p>`, "<p>One.</p>", "<p>Two.</p>"}, []string{"[!tip]"}},
		{"warning", "> [!WARNING]\n> Races.", []string{`class="admonition admonition-warning"`, "<p>Races.</p>"}, nil},
		{"plain quote stays", "> Quoted.", []string{"<blockquote>"}, []string{"admonition"}},
		{"unknown kind stays a quote", "> [!DANGER]\n> x", []string{"<blockquote>", "[!DANGER]"}, []string{"admonition"}},
		{"marker not alone on its line", "> [!NOTE] inline\n> x", []string{"<blockquote>"}, []string{"admonition"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mc, err := renderMarkdown(md, newPageIDs(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(mc.HTML, w) {
					t.Errorf("lacks %s in\n%s", w, mc.HTML)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(mc.HTML, w) {
					t.Errorf("has %s in\n%s", w, mc.HTML)
				}
			}
		})
	}
}

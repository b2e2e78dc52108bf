package site

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

// tinyPNG returns a real 48×24 PNG: a gradient, so a broken decoder shows.
func tinyPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 48, 24))
	for y := 0; y < 24; y++ {
		for x := 0; x < 48; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x * 5), G: 117, B: uint8(143 + y*4), A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fixtureNotebooks copies the notebooks of testdata/<name> into a new
// folder, filling outputs whose metadata says {"fixture": "png"} with a
// real PNG, and returns the folder.
func fixtureNotebooks(t testing.TB, name string) string {
	t.Helper()
	dir := t.TempDir()
	paths, err := filepath.Glob(filepath.Join("testdata", name, "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture notebooks in testdata/%s: %v", name, err)
	}
	pngData := base64.StdEncoding.EncodeToString(tinyPNG(t))
	for _, p := range paths {
		nb, err := nbformat.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range nb.Cells {
			for _, o := range c.Outputs {
				if bytes.Contains(o.Metadata, []byte(`"fixture": "png"`)) || bytes.Contains(o.Metadata, []byte(`"fixture":"png"`)) {
					o.SetDataText("image/png", pngData)
				}
			}
		}
		if err := nb.WriteFile(filepath.Join(dir, filepath.Base(p))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildFixture builds the site of testdata/<name> into a new folder.
func buildFixture(t testing.TB, name string) *Result {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{
		Notebooks: fixtureNotebooks(t, name),
		Out:       out,
		Results:   filepath.Join("testdata", "results"),
	})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return res
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// ownScripts are the only script elements a page may have: ours.
var ownScripts = []string{"search-index.js?v=", "assets/site.js?v="}

// scriptProblems parses an HTML or SVG file of the site and lists every
// way it could run script that is not the site's own: script elements,
// event-handler attributes, javascript: (and other script-capable) URLs,
// and elements that embed documents.
func scriptProblems(name string, data []byte) []string {
	var problems []string
	add := func(format string) { problems = append(problems, name+": "+format) }
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{name + ": does not parse: " + err.Error()}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			tag := strings.ToLower(n.Data)
			switch tag {
			case "script":
				src := attr(n, "src")
				own := false
				for _, s := range ownScripts {
					if strings.HasPrefix(src, s) && n.FirstChild == nil {
						own = true
					}
				}
				if !own {
					add("a script element " + renderNode(n))
				}
			case "iframe", "object", "embed", "foreignobject", "base", "frame", "applet", "form", "animate", "set":
				add("a <" + tag + "> element")
			case "meta":
				if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
					add("a meta refresh")
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					add("an event handler " + key + "=" + a.Val + " on <" + tag + ">")
				}
				if isURLAttr(key) && !safeURL(a.Val, key == "src") {
					add("a dangerous URL " + key + "=" + a.Val + " on <" + tag + ">")
				}
				if !textAttrs[key] && strings.Contains(strings.ToLower(stripSpace(a.Val)), "javascript:") {
					add("javascript: in " + key + " on <" + tag + ">")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return problems
}

// textAttrs hold text for people (a page's description, alt text), where
// the word javascript: is just a word.
var textAttrs = map[string]bool{"content": true, "title": true, "alt": true, "aria-label": true}

func isURLAttr(key string) bool {
	switch key {
	case "href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "codebase", "cite":
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func renderNode(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	return b.String()
}

// siteScriptProblems checks every HTML and SVG file of a built site.
func siteScriptProblems(t testing.TB, dir string) []string {
	t.Helper()
	var problems []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".html", ".svg":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			problems = append(problems, scriptProblems(rel, data)...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

package site

import (
	"fmt"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// sourceFiles are the repository's source files that chapters link to —
// "the pattern is the one in [lib/pool.go](../lib/pool.go)" — written for
// Jupyter, relative to the notebooks' folder. The site has no repository
// beside it, so each linked file becomes a highlighted page of its own,
// source-lib-pool.go.html, and the links point there. Only Go and Python
// files inside the module are shown; other links are left as written.
type sourceFiles struct {
	notebooks string // the notebooks' folder, absolute
	root      string // the module: the notebooks' parent folder
	mu        sync.Mutex
	linked    map[string]string // module-relative path → page
}

// sourceLanguages are the extensions of files shown, and their lexers.
var sourceLanguages = map[string]string{".go": "go", ".py": "python"}

func newSourceFiles(notebooks string) *sourceFiles {
	abs, err := filepath.Abs(notebooks)
	if err != nil {
		return nil
	}
	return &sourceFiles{notebooks: abs, root: filepath.Dir(abs), linked: map[string]string{}}
}

// page returns the page a relative link to a source file becomes, and
// records the file; "" if the link is not to a source file of the module.
func (s *sourceFiles) page(link string) string {
	if s == nil || sourceLanguages[path.Ext(link)] == "" {
		return ""
	}
	abs := filepath.Join(s.notebooks, filepath.FromSlash(link))
	rel, err := filepath.Rel(s.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	if fi, err := os.Stat(abs); err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	rel = filepath.ToSlash(rel)
	page := "source-" + strings.ReplaceAll(rel, "/", "-") + ".html"
	s.mu.Lock()
	s.linked[rel] = page
	s.mu.Unlock()
	return page
}

// sourcePage is one source file as a page shows it.
type sourcePage struct {
	Path     string // module-relative: "lib/pool.go"
	Code     template.HTML
	Chapters []navItem
}

// writeSourcePages renders every linked source file as a page.
func (s *siteRender) writeSourcePages(src *sourceFiles) error {
	if src == nil {
		return nil
	}
	rels := make([]string, 0, len(src.linked))
	for rel := range src.linked {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		data, err := os.ReadFile(filepath.Join(src.root, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("source page: %w", err)
		}
		code, err := highlightCode(string(data), sourceLanguages[path.Ext(rel)])
		if err != nil {
			return fmt.Errorf("source page %s: %w", rel, err)
		}
		page := s.page(rel, "The source file "+rel+", as the chapters link to it.")
		page.Source = &sourcePage{Path: rel, Code: template.HTML(code)} // chroma's escaped output
		if err := s.write(src.linked[rel], sourceTemplate, page); err != nil {
			return err
		}
	}
	return nil
}

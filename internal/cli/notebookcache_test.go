package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib"
)

const cacheNotebook = `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# 3. Title\n"]},
 {"cell_type": "code", "execution_count": 1, "metadata": {"tags": ["parameters"]}, "outputs": [], "source": ["const full = true"]},
 {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": ["42\n"]}], "source": ["fmt.Println(42)"]}
], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`

// TestNotebookCache walks a notebook through the reasons to run it again.
func TestNotebookCache(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "03-x.ipynb")
	if err := os.WriteFile(src, []byte(cacheNotebook), 0o644); err != nil {
		t.Fatal(err)
	}
	module := map[string]string{"lib": "a", "plots": "b", "go.mod": "c"}
	c := &notebookCache{module: module, machine: "CPU · 2 CPUs · linux/amd64"}
	plan := func(c *notebookCache, fresh bool) (string, int) {
		var b bytes.Buffer
		run, err := c.plan(&b, []string{src}, "", fresh)
		if err != nil {
			t.Fatal(err)
		}
		return b.String(), len(run)
	}
	if out, n := plan(c, false); n != 1 || !strings.Contains(out, "03: outputs made before the run cache") {
		t.Errorf("a notebook never cached: %q, %d to run", out, n)
	}
	if err := c.save(src, src); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		change func() *notebookCache
		fresh  bool
		want   string
	}{
		{"nothing changed", func() *notebookCache { return c }, false, "unchanged, outputs kept: 03"},
		{"--fresh", func() *notebookCache { return c }, true, "all: --fresh"},
		{"lib changed", func() *notebookCache {
			return &notebookCache{module: map[string]string{"lib": "A", "plots": "b", "go.mod": "c"}, machine: c.machine}
		}, false, "03: lib changed"},
		{"machine changed", func() *notebookCache {
			return &notebookCache{module: module, machine: "Other · 8 CPUs · linux/arm64"}
		}, false,
			"03: machine changed (was CPU · 2 CPUs · linux/amd64)"},
		{"parameters", func() *notebookCache {
			return &notebookCache{module: module, machine: c.machine, params: map[string]string{"full": "false"}}
		}, false, "03: parameters changed"},
	} {
		out, n := plan(tt.change(), tt.fresh)
		if !strings.Contains(out, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, out, tt.want)
		}
		if wantRun := tt.want != "unchanged, outputs kept: 03"; (n == 1) != wantRun {
			t.Errorf("%s: %d to run", tt.name, n)
		}
	}
	// A changed cell, even an injected parameters cell's removal, is a
	// source change; an output is not.
	nb, err := nbformat.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	nb.Cells[2].Outputs = nil
	nb.WriteFile(src)
	if out, _ := plan(c, false); !strings.Contains(out, "unchanged") {
		t.Errorf("outputs are not the source: %q", out)
	}
	nb.Cells[2].Source = "fmt.Println(43)"
	nb.WriteFile(src)
	if out, _ := plan(c, false); !strings.Contains(out, "03: source changed") {
		t.Errorf("an edited cell: %q", out)
	}
}

// TestModuleHashes hashes the real module: every folder notebook cells
// import from has a hash, and so has go.mod.
func TestModuleHashes(t *testing.T) {
	root, err := lib.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	sums, err := moduleHashes(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"lib", "plots", "notebooks", "go.mod"} {
		if sums[want] == "" {
			t.Errorf("no hash for %s: %v", want, sums)
		}
	}
	if _, ok := sums["site"]; ok {
		t.Errorf("the site's code is hashed, but notebooks do not run it: %v", sums)
	}
}

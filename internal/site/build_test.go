package site

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

const minimalNotebook = `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "\n", "Summary."]}]}`

func writeNotebook(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// entries lists a folder's names, to see that no temporary folder is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestBuildMalformedNotebook(t *testing.T) {
	for _, tt := range []struct {
		name, content, want string
		line                int
	}{
		{"bad JSON", "{\"nbformat\": 4,\n \"cells\": [}", "02-bad.ipynb:2:", 2},
		{"wrong nbformat", `{"nbformat": 3, "cells": []}`, "nbformat 3 is not supported", 0},
		{"unknown cell type", `{"nbformat": 4, "cells": [{"cell_type": "widget", "source": ""}]}`, `unknown cell_type "widget"`, 0},
		{"not an object", `[]`, "02-bad.ipynb:1:", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			nbs := t.TempDir()
			writeNotebook(t, nbs, "01-ok.ipynb", minimalNotebook)
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if _, err := Build(context.Background(), Options{Notebooks: nbs, Out: out, Results: "-"}); err != nil {
				t.Fatal(err)
			}
			before := readFile(t, filepath.Join(out, "index.html"))

			writeNotebook(t, nbs, "02-bad.ipynb", tt.content)
			_, err := Build(context.Background(), Options{Notebooks: nbs, Out: out, Results: "-"})
			var input *InputError
			var nbErr *nbformat.Error
			if !errors.As(err, &input) || !errors.As(err, &nbErr) {
				t.Fatalf("Build = %v, want an InputError wrapping an nbformat.Error", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "02-bad.ipynb") {
				t.Errorf("error %q does not name the file and problem (%q)", err, tt.want)
			}
			if nbErr.Line != tt.line {
				t.Errorf("error line = %d, want %d", nbErr.Line, tt.line)
			}
			if after := readFile(t, filepath.Join(out, "index.html")); after != before {
				t.Error("the previous site was changed by a failed build")
			}
			if got := entries(t, parent); len(got) != 1 || got[0] != "public" {
				t.Errorf("folder holds %v, want only the site", got)
			}
		})
	}
}

func TestBuildReplacesSite(t *testing.T) {
	nbs := t.TempDir()
	writeNotebook(t, nbs, "01-a.ipynb", minimalNotebook)
	writeNotebook(t, nbs, "02-b.ipynb", minimalNotebook)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Build(context.Background(), Options{Notebooks: nbs, Out: out, Results: "-"}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(nbs, "02-b.ipynb"))
	res, err := Build(context.Background(), Options{Notebooks: nbs, Out: out, Results: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "02-b.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a removed notebook's page is still there: %v", err)
	}
	if len(res.Pages) != 1 {
		t.Errorf("Pages = %v", res.Pages)
	}
	if got := entries(t, parent); len(got) != 1 || got[0] != "public" {
		t.Errorf("folder holds %v, want only the site", got)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("site folder mode: %v %v", fi.Mode(), err)
	}
	// Without a results folder or metadata, no environment is claimed.
	if page := readFile(t, filepath.Join(out, "01-a.html")); strings.Contains(page, "measured-env") {
		t.Error("a page shows a measured environment that nothing recorded")
	}
}

func TestBuildRefuses(t *testing.T) {
	nbs := t.TempDir()
	writeNotebook(t, nbs, "01-a.ipynb", minimalNotebook)
	notSite := t.TempDir()
	writeNotebook(t, notSite, "important.txt", "keep me")
	for _, tt := range []struct {
		name      string
		opts      Options
		wantError string
	}{
		{"a folder that is not a site", Options{Notebooks: nbs, Out: notSite}, "refusing to replace"},
		{"the notebooks' folder", Options{Notebooks: nbs, Out: nbs}, "contains the notebooks folder"},
		{"a parent of the notebooks", Options{Notebooks: nbs, Out: filepath.Dir(nbs)}, "contains the notebooks folder"},
		{"a missing notebooks folder", Options{Notebooks: filepath.Join(nbs, "nope"), Out: filepath.Join(t.TempDir(), "p")}, "read notebooks"},
		{"no notebooks", Options{Notebooks: t.TempDir(), Out: filepath.Join(t.TempDir(), "p")}, "no notebooks"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(context.Background(), tt.opts)
			var input *InputError
			if !errors.As(err, &input) || !strings.Contains(err.Error(), tt.wantError) {
				t.Errorf("Build = %v, want an InputError with %q", err, tt.wantError)
			}
		})
	}
	if got := readFile(t, filepath.Join(notSite, "important.txt")); got != "keep me" {
		t.Error("a refused output folder was changed")
	}
}

func TestBuildCanceled(t *testing.T) {
	nbs := fixtureNotebooks(t, "notebooks")
	parent := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, Options{Notebooks: nbs, Out: filepath.Join(parent, "public")}); !errors.Is(err, context.Canceled) {
		t.Errorf("Build = %v, want context.Canceled", err)
	}
	if got := entries(t, parent); len(got) != 0 {
		t.Errorf("a canceled build left %v", got)
	}
}

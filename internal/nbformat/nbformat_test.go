package nbformat

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const sample = `{
 "cells": [
  {"cell_type": "markdown", "id": "m1", "metadata": {"tags": ["x"]}, "source": ["# Title\n", "text"], "attachments": {}},
  {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 3, "source": "fmt.Println(1)",
   "outputs": [
    {"output_type": "stream", "name": "stdout", "text": ["1\n"]},
    {"output_type": "display_data", "data": {"image/png": "iVBO", "text/plain": ["<fig>"], "application/json": {"a": 1}}, "metadata": {"isolated": true}},
    {"output_type": "error", "ename": "panic", "evalue": "boom", "traceback": ["a", "b"], "future_field": 7}
   ]}
 ],
 "metadata": {"kernelspec": {"language": "go", "name": "gonb"}, "custom": [1, 2]},
 "nbformat": 4,
 "nbformat_minor": 5,
 "unknown_top": "kept"
}`

func TestRoundTripKeepsUnknownFields(t *testing.T) {
	nb, err := Parse("sample.ipynb", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := nb.Cells[0].Source; got != "# Title\ntext" {
		t.Errorf("markdown source = %q", got)
	}
	if got := *nb.Cells[1].ExecutionCount; got != 3 {
		t.Errorf("execution count = %d", got)
	}
	if txt, _ := nb.Cells[1].Outputs[1].DataText("text/plain"); txt != "<fig>" {
		t.Errorf("text/plain = %q", txt)
	}
	if nb.Language() != "go" {
		t.Errorf("Language() = %q", nb.Language())
	}
	out, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	json.Unmarshal([]byte(sample), &want)
	json.Unmarshal(out, &got)
	// The source was a plain string in the input; Jupyter writes lists of lines.
	want.(map[string]any)["cells"].([]any)[1].(map[string]any)["source"] = []any{"fmt.Println(1)"}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("round trip changed the notebook:\nwant %v\ngot  %v", want, got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"syntax", "{\n \"cells\": [,]\n}", "bad.ipynb:2:"},
		{"version", `{"nbformat": 3, "cells": []}`, "nbformat 3"},
		{"celltype", `{"nbformat": 4, "cells": [{"cell_type": "weird"}]}`, "cell 1 has unknown cell_type"},
		{"type", `{"nbformat": "four"}`, "bad.ipynb"},
		{"null", `null`, "bad.ipynb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.ipynb", []byte(tt.data))
			var nbErr *Error
			if !errors.As(err, &nbErr) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n.ipynb")
	nb := &Notebook{NBFormat: 4, NBFormatMinor: 5, Cells: []*Cell{{ID: "a", CellType: "code", Source: "x := 1"}}}
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Cells[0].Source != "x := 1" || back.Cells[0].ExecutionCount != nil {
		t.Errorf("read back %+v", back.Cells[0])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
}

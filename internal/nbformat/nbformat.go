// Package nbformat reads and writes Jupyter notebooks (nbformat 4).
//
// It models only what this project uses — cells, their source, outputs and
// execution counts — and keeps every other field as raw JSON, so a notebook
// read and written again loses nothing that Jupyter or VS Code put there.
package nbformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/google/renameio/v2/maybe"
)

// Notebook is a Jupyter notebook document.
type Notebook struct {
	NBFormat      int
	NBFormatMinor int
	Metadata      json.RawMessage // kept as is; "{}" when absent
	Cells         []*Cell
	extra         map[string]json.RawMessage
}

// Cell is one notebook cell: "markdown", "code" or "raw".
type Cell struct {
	ID             string
	CellType       string
	Source         string // the source joined into one string
	Metadata       json.RawMessage
	ExecutionCount *int      // code cells only; nil means not executed
	Outputs        []*Output // code cells only
	extra          map[string]json.RawMessage
}

// Output is one output of a code cell.
type Output struct {
	// OutputType is "stream", "display_data", "execute_result" or "error".
	OutputType string
	// Name is the stream name ("stdout" or "stderr") of a stream output.
	Name string
	// Text is the text of a stream output.
	Text string
	// Data maps MIME types to their values for display_data and
	// execute_result. Text types are joined into one JSON string; other
	// values (JSON documents) are kept raw.
	Data map[string]json.RawMessage
	// Metadata of display_data and execute_result outputs.
	Metadata json.RawMessage
	// ExecutionCount of an execute_result.
	ExecutionCount *int
	// EName, EValue and Traceback describe an error output.
	EName     string
	EValue    string
	Traceback []string
	extra     map[string]json.RawMessage
}

// Error is a malformed notebook: the file, and where in it the problem is.
type Error struct {
	File   string
	Offset int64 // byte offset of a JSON syntax error, or -1
	Line   int   // line of the offset, or 0
	Col    int
	Err    error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ReadFile reads and parses the notebook at path.
func ReadFile(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse parses a notebook; name is used in error messages.
func Parse(name string, data []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		e := &Error{File: name, Offset: -1, Err: err}
		if syn, ok := errors.AsType[*json.SyntaxError](err); ok {
			e.Offset = syn.Offset
		} else if typ, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
			e.Offset = typ.Offset
		}
		if e.Offset >= 0 {
			e.Line, e.Col = lineCol(data, e.Offset)
		}
		return nil, e
	}
	if nb.NBFormat != 4 {
		return nil, &Error{File: name, Offset: -1, Err: fmt.Errorf("nbformat %d is not supported (want 4)", nb.NBFormat)}
	}
	for i, c := range nb.Cells {
		if c == nil {
			return nil, &Error{File: name, Offset: -1, Err: fmt.Errorf("cell %d is null", i+1)}
		}
		switch c.CellType {
		case "markdown", "code", "raw":
		default:
			return nil, &Error{File: name, Offset: -1, Err: fmt.Errorf("cell %d has unknown cell_type %q", i+1, c.CellType)}
		}
	}
	return &nb, nil
}

// Marshal encodes the notebook as Jupyter does: indented with one space,
// keys sorted, ending with a newline.
func (nb *Notebook) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes the notebook to path atomically with renameio: a
// temporary file, fsynced, then renamed over path, so a reader never sees a
// half-written notebook and an interrupted write leaves the old one intact.
// (On Windows, where renameio cannot replace a file atomically, it writes
// in place.)
func (nb *Notebook) WriteFile(path string) error {
	data, err := nb.Marshal()
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return maybe.WriteFile(path, data, 0o644)
}

// Language returns the notebook's kernel language ("go" for GoNB), or "".
func (nb *Notebook) Language() string {
	var md struct {
		LanguageInfo struct {
			Name string `json:"name"`
		} `json:"language_info"`
		KernelSpec struct {
			Language string `json:"language"`
		} `json:"kernelspec"`
	}
	_ = json.Unmarshal(nb.Metadata, &md)
	if md.LanguageInfo.Name != "" {
		return md.LanguageInfo.Name
	}
	return md.KernelSpec.Language
}

// DataText returns a text MIME value of the output ("text/plain", "text/html",
// "image/svg+xml", ...) and whether it is there.
func (o *Output) DataText(mime string) (string, bool) {
	raw, ok := o.Data[mime]
	if !ok {
		return "", false
	}
	s, err := multiline(raw)
	if err != nil {
		return "", false
	}
	return s, true
}

// SetDataText sets a text MIME value of a display output.
func (o *Output) SetDataText(mime, value string) {
	if o.Data == nil {
		o.Data = map[string]json.RawMessage{}
	}
	b, _ := json.Marshal(value)
	o.Data[mime] = b
}

// splitLines turns "a\nb" into ["a\n", "b"], the form Jupyter writes.
func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// multiline decodes a string or a list of strings into one string.
func multiline(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '[' {
		var parts []string
		if err := json.Unmarshal(raw, &parts); err != nil {
			return "", err
		}
		return strings.Join(parts, ""), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

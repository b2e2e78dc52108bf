package nbformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// fields decodes a JSON object into its members, so known ones can be taken
// out and the rest kept for round-tripping.
func fields(data []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("expected a JSON object, found null")
	}
	return m, nil
}

// take decodes member key of m into v (if present) and removes it from m.
func take(m map[string]json.RawMessage, key string, v any) error {
	raw, ok := m[key]
	if !ok {
		return nil
	}
	delete(m, key)
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("field %q: %w", key, err)
	}
	return nil
}

// takeText decodes a multiline string member.
func takeText(m map[string]json.RawMessage, key string, s *string) error {
	raw, ok := m[key]
	if !ok {
		return nil
	}
	delete(m, key)
	v, err := multiline(raw)
	if err != nil {
		return fmt.Errorf("field %q: want a string or a list of strings: %w", key, err)
	}
	*s = v
	return nil
}

func takeRaw(m map[string]json.RawMessage, key string) json.RawMessage {
	raw, ok := m[key]
	if !ok {
		return nil
	}
	delete(m, key)
	return raw
}

func orEmptyObject(raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return json.RawMessage("{}")
	}
	return raw
}

func put(m map[string]any, extra map[string]json.RawMessage) map[string]any {
	for k, v := range extra {
		if _, known := m[k]; !known {
			m[k] = v
		}
	}
	return m
}

// UnmarshalJSON implements json.Unmarshaler.
func (nb *Notebook) UnmarshalJSON(data []byte) error {
	m, err := fields(data)
	if err != nil {
		return err
	}
	if err := take(m, "nbformat", &nb.NBFormat); err != nil {
		return err
	}
	if err := take(m, "nbformat_minor", &nb.NBFormatMinor); err != nil {
		return err
	}
	nb.Metadata = takeRaw(m, "metadata")
	if err := take(m, "cells", &nb.Cells); err != nil {
		return err
	}
	nb.extra = m
	return nil
}

// MarshalJSON implements json.Marshaler.
func (nb *Notebook) MarshalJSON() ([]byte, error) {
	cells := nb.Cells
	if cells == nil {
		cells = []*Cell{}
	}
	return json.Marshal(put(map[string]any{
		"nbformat":       nb.NBFormat,
		"nbformat_minor": nb.NBFormatMinor,
		"metadata":       orEmptyObject(nb.Metadata),
		"cells":          cells,
	}, nb.extra))
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *Cell) UnmarshalJSON(data []byte) error {
	m, err := fields(data)
	if err != nil {
		return err
	}
	for _, f := range []error{
		take(m, "id", &c.ID),
		take(m, "cell_type", &c.CellType),
		takeText(m, "source", &c.Source),
		take(m, "execution_count", &c.ExecutionCount),
		take(m, "outputs", &c.Outputs),
	} {
		if f != nil {
			return f
		}
	}
	c.Metadata = takeRaw(m, "metadata")
	c.extra = m
	return nil
}

// MarshalJSON implements json.Marshaler.
func (c *Cell) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"cell_type": c.CellType,
		"metadata":  orEmptyObject(c.Metadata),
		"source":    splitLines(c.Source),
	}
	if c.ID != "" {
		m["id"] = c.ID
	}
	if c.CellType == "code" {
		m["execution_count"] = c.ExecutionCount
		outs := c.Outputs
		if outs == nil {
			outs = []*Output{}
		}
		m["outputs"] = outs
	}
	return json.Marshal(put(m, c.extra))
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *Output) UnmarshalJSON(data []byte) error {
	m, err := fields(data)
	if err != nil {
		return err
	}
	for _, f := range []error{
		take(m, "output_type", &o.OutputType),
		take(m, "name", &o.Name),
		takeText(m, "text", &o.Text),
		take(m, "data", &o.Data),
		take(m, "execution_count", &o.ExecutionCount),
		take(m, "ename", &o.EName),
		take(m, "evalue", &o.EValue),
		take(m, "traceback", &o.Traceback),
	} {
		if f != nil {
			return f
		}
	}
	o.Metadata = takeRaw(m, "metadata")
	o.extra = m
	return nil
}

// MarshalJSON implements json.Marshaler.
func (o *Output) MarshalJSON() ([]byte, error) {
	m := map[string]any{"output_type": o.OutputType}
	switch o.OutputType {
	case "stream":
		m["name"] = o.Name
		m["text"] = splitLines(o.Text)
	case "display_data", "execute_result":
		data := map[string]any{}
		for k, v := range o.Data {
			// Jupyter stores text values as lists of lines; JSON values stay raw.
			if s, err := multiline(v); err == nil && (strings.HasPrefix(k, "text/") || k == "image/svg+xml") {
				data[k] = splitLines(s)
			} else {
				data[k] = v
			}
		}
		m["data"] = data
		m["metadata"] = orEmptyObject(o.Metadata)
		if o.OutputType == "execute_result" {
			m["execution_count"] = o.ExecutionCount
		}
	case "error":
		m["ename"] = o.EName
		m["evalue"] = o.EValue
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		m["traceback"] = tb
	}
	return json.Marshal(put(m, o.extra))
}

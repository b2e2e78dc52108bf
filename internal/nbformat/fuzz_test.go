package nbformat

import (
	"errors"
	"testing"
)

// FuzzParse: any bytes either parse into a notebook that survives a write
// and a re-read unchanged, or fail with an *Error naming the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}`))
	f.Add([]byte(`{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a", "b"], "outputs": [{"output_type": "stream", "text": "x"}]}]}`))
	f.Add([]byte(`{"nbformat": 3}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{"nbformat": 4, "cells": [null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Parse("fuzz.ipynb", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.ipynb" {
				t.Fatalf("error %v is not an *Error naming the file", err)
			}
			return
		}
		out, err := nb.Marshal()
		if err != nil {
			t.Fatalf("a parsed notebook does not encode: %v", err)
		}
		again, err := Parse("again.ipynb", out)
		if err != nil {
			t.Fatalf("a written notebook does not parse: %v\n%s", err, out)
		}
		out2, err := again.Marshal()
		if err != nil || string(out) != string(out2) {
			t.Fatalf("write → read → write changed the notebook:\n%s\n---\n%s", out, out2)
		}
	})
}

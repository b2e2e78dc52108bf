package jupyter

import (
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

func paramsNotebook() *nbformat.Notebook {
	return &nbformat.Notebook{Cells: []*nbformat.Cell{
		{CellType: "markdown", Source: "# Title"},
		{CellType: "code", Metadata: []byte(`{"tags":["parameters"]}`), Source: "// full: the published scale\nconst full = true\n" +
			"var delay = 100 * time.Millisecond // server delay\nconst workers int = 20\nvar label = \"x\""},
		{CellType: "code", Source: "%%\nfmt.Println(full)"},
	}}
}

func TestInjectParams(t *testing.T) {
	tests := []struct {
		params map[string]string
		want   string // in the injected cell
		err    string
	}{
		{map[string]string{"full": "false"}, "const full = false\n", ""},
		{map[string]string{"delay": "250ms"}, "var delay = time.Duration(250000000) // 250ms\n", ""},
		{map[string]string{"workers": "8"}, "const workers int = 8\n", ""},
		{map[string]string{"label": `a "b"`}, `var label = "a \"b\""` + "\n", ""},
		{map[string]string{"nope": "1"}, "", "not declared in the parameters cell (it declares: full, delay, workers, label)"},
		{map[string]string{"delay": "soon"}, "", "want a duration"},
		{map[string]string{"workers": "8)"}, "", "not a Go expression"},
	}
	for _, tt := range tests {
		nb := paramsNotebook()
		err := InjectParams(nb, tt.params)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: error %v, want %q", tt.params, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tt.params, err)
		}
		if len(nb.Cells) != 4 || !nb.Cells[2].HasTag(InjectedTag) || !strings.Contains(nb.Cells[2].Source, tt.want) {
			t.Errorf("%v: injected cell %q, want it after the parameters cell with %q", tt.params, nb.Cells[2].Source, tt.want)
		}
	}
}

func TestInjectParamsNeedsAParametersCell(t *testing.T) {
	nb := paramsNotebook()
	nb.Cells[1].Metadata = nil
	if err := InjectParams(nb, map[string]string{"full": "false"}); err == nil {
		t.Error("a notebook without a parameters cell took a --param")
	}
	if err := InjectParams(nb, nil); err != nil {
		t.Errorf("no params: %v", err)
	}
}

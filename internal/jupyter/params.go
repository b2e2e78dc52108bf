package jupyter

import (
	"fmt"
	"go/parser"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

// ParametersTag marks the cell that declares a notebook's knobs, and
// InjectedTag the cell InjectParams adds after it: papermill's convention,
// so the same notebooks work with papermill too.
const (
	ParametersTag = "parameters"
	InjectedTag   = "injected-parameters"
)

// declaration matches a top-level `const name = value` or `var name = value`
// line of a parameters cell (an optional type between name and "=").
var declaration = regexp.MustCompile(`^\s*(const|var)\s+([A-Za-z_]\w*)(\s+[\w.]+)?\s*=\s*(.+?)\s*(//.*)?$`)

// InjectParams adds a cell after the notebook's parameters cell that
// declares each parameter again with a new value; GoNB keeps the last
// declaration of a name, so every later cell sees the new value. Values are
// Go expressions, except that a parameter declared as a string takes the
// value as text, and one declared as a duration takes "100ms". A name the
// parameters cell does not declare is an error, as is a notebook without
// a parameters cell.
func InjectParams(nb *nbformat.Notebook, params map[string]string) error {
	if len(params) == 0 {
		return nil
	}
	at := slices.IndexFunc(nb.Cells, func(c *nbformat.Cell) bool { return c.HasTag(ParametersTag) })
	if at < 0 {
		return fmt.Errorf("--param: the notebook has no cell tagged %q", ParametersTag)
	}
	decls := map[string][]string{} // name → keyword, original value
	var names []string
	for _, line := range strings.Split(nb.Cells[at].Source, "\n") {
		if m := declaration.FindStringSubmatch(line); m != nil {
			decls[m[2]] = []string{m[1], strings.TrimSpace(m[3]), m[4]}
			names = append(names, m[2])
		}
	}
	var b strings.Builder
	b.WriteString("// Parameters injected by `go run . notebooks run --param`.\n")
	for _, name := range slices.Sorted(maps.Keys(params)) {
		d, ok := decls[name]
		if !ok {
			return fmt.Errorf("--param %s: not declared in the parameters cell (it declares: %s)", name, strings.Join(names, ", "))
		}
		value, err := paramValue(name, d[2], params[name])
		if err != nil {
			return err
		}
		typ := ""
		if d[1] != "" {
			typ = " " + d[1]
		}
		fmt.Fprintf(&b, "%s %s%s = %s\n", d[0], name, typ, value)
	}
	cell := &nbformat.Cell{CellType: "code", Source: b.String(), Metadata: []byte(`{"tags":["` + InjectedTag + `"]}`)}
	nb.Cells = slices.Insert(nb.Cells, at+1, cell)
	return nil
}

// paramValue turns a --param value into Go source, guided by the
// expression it replaces.
func paramValue(name, original, value string) (string, error) {
	switch {
	case strings.HasPrefix(original, `"`) || strings.HasPrefix(original, "`"):
		return strconv.Quote(value), nil
	case strings.Contains(original, "time."):
		d, err := time.ParseDuration(value)
		if err != nil {
			return "", fmt.Errorf("--param %s=%s: want a duration such as 100ms: %w", name, value, err)
		}
		return fmt.Sprintf("time.Duration(%d) // %v", int64(d), d), nil
	}
	if _, err := parser.ParseExpr(value); err != nil {
		return "", fmt.Errorf("--param %s=%s: not a Go expression: %w", name, value, err)
	}
	return value, nil
}

package lib

import (
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot reads go.mod as Go does: CRLF line ends, a trailing comment or
// a quoted path still declare the module; another module does not.
func TestModuleRootReadsGoModAsGoDoes(t *testing.T) {
	tests := []struct {
		name, gomod string
		found       bool
	}{
		{"plain", "module " + ModulePath + "\n", true},
		{"CRLF", "module " + ModulePath + "\r\ngo 1.26\r\n", true},
		{"trailing comment", "module " + ModulePath + " // the tutorial\n", true},
		{"quoted", "module \"" + ModulePath + "\"\n", true},
		{"another module", "module example.com/other\n", false},
		{"a longer path", "module " + ModulePath + "/v2\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(tt.gomod), 0o644); err != nil {
				t.Fatal(err)
			}
			sub := filepath.Join(root, "notebooks")
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(sub)
			got, err := ModuleRoot()
			if tt.found {
				want, _ := filepath.EvalSymlinks(root)
				if gotReal, _ := filepath.EvalSymlinks(got); err != nil || gotReal != want {
					t.Errorf("ModuleRoot() = %q, %v; want %q", got, err, root)
				}
			} else if err == nil && got == root {
				t.Errorf("ModuleRoot() = %q for go.mod %q", got, tt.gomod)
			}
		})
	}
}

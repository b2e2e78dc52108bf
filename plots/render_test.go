package plots

import (
	"os"
	"testing"
)

// TestWriteAllFixtures draws every fixture through All and WriteAll. Set
// PLOTS_OUT to a directory to keep the files and look at them.
func TestWriteAllFixtures(t *testing.T) {
	figs, err := All(fixtures())
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("PLOTS_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	paths, err := WriteAll(figs, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2*len(figs) {
		t.Errorf("wrote %d files for %d figures, want two each", len(paths), len(figs))
	}
}

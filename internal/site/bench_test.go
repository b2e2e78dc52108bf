package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkBuild builds a site of eight notebooks (the fixtures, repeated)
// into a folder, replacing it each time. The tutorial has eight chapters;
// a build should take well under two seconds.
func BenchmarkBuild(b *testing.B) {
	src := fixtureNotebooks(b, "notebooks")
	paths, _ := filepath.Glob(filepath.Join(src, "*.ipynb"))
	nbs := b.TempDir()
	for i := 0; i < 8; i++ {
		data, err := os.ReadFile(paths[i%len(paths)])
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(nbs, fmt.Sprintf("%02d-chapter.ipynb", i+1)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	opts := Options{Notebooks: nbs, Out: filepath.Join(b.TempDir(), "public"), Results: filepath.Join("testdata", "results")}
	var slowest time.Duration
	for b.Loop() {
		res, err := Build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		slowest = max(slowest, res.Duration)
	}
	if slowest > 2*time.Second {
		b.Errorf("the slowest build took %v, want well under 2s", slowest)
	}
}

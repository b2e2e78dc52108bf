package plots

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSave(t *testing.T) {
	p, err := Timing(staircaseFixture())
	if err != nil {
		t.Fatal(err)
	}
	tl, err := Timeline(timelineIOFixture())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "figs") // Save creates it
	for _, tt := range []struct {
		name string
		d    Drawable
	}{{"plot", p}, {"figure", tl}} {
		svgPath := filepath.Join(dir, tt.name+".svg")
		pngPath := filepath.Join(dir, tt.name+".png")
		for _, path := range []string{svgPath, pngPath} {
			if err := Save(tt.d, path); err != nil {
				t.Fatal(err)
			}
		}
		checkSVG(t, svgPath)
		img := checkPNG(t, pngPath)
		if w := img.Bounds().Dx(); w != 800 {
			t.Errorf("%s: PNG is %d px wide, want 800", tt.name, w)
		}
	}
	// Replacing a file works, and leaves no temporary file behind.
	if err := Save(p, filepath.Join(dir, "plot.png")); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want the four figures only", names)
	}
}

func checkSVG(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("%s: invalid XML: %v", path, err)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", path, root)
	}
	if !bytes.Contains(data, []byte("sans-serif")) || bytes.Contains(data, []byte("font-family:Liberation Sans;")) {
		t.Errorf("%s: text has no generic font fallback", path)
	}
}

func checkPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func TestSaveErrors(t *testing.T) {
	p, err := Memory(memoryFixture())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Save(p, filepath.Join(dir, "figure.gif")); err == nil || !strings.Contains(err.Error(), "figure.gif") {
		t.Errorf("Save to .gif: err = %v, want one naming the file", err)
	}
	if _, err := Encode(p, "bmp"); err == nil {
		t.Error("Encode bmp: no error")
	}
	if _, err := Encode(&Figure{}, "svg"); err == nil {
		t.Error("Encode of an empty figure: no error")
	}
	if _, err := WriteAll(map[string]*Figure{"x": nil}, dir); err == nil {
		t.Error("WriteAll of a nil figure: no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("failed saves left %d files behind", len(entries))
	}
}

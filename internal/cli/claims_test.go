package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTallyClaims(t *testing.T) {
	dir := t.TempDir()
	nb := func(outputs string) string {
		return `{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","metadata":{},"execution_count":1,"source":"x","outputs":[` + outputs + `]}]}`
	}
	verdict := func(claim, held string) string {
		return `{"output_type":"display_data","metadata":{},"data":{"text/plain":"v","application/json":{"claim":"` + claim + `","held":` + held + `,"evidence":"e"}}}`
	}
	files := map[string]string{
		"03-io.ipynb":  nb(verdict("pool climbs", "true") + "," + verdict("goroutines flat", `"true"`)),
		"04-cpu.ipynb": nb(verdict("processes scale", "false") + `,{"output_type":"display_data","metadata":{},"data":{"application/json":{"other":1}}}`),
	}
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	tally, err := tallyClaims(paths)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	tally.write(&b)
	want := "3 claims in 2 chapters: 2 held, 1 did not — chapter 4: 'processes scale' (e)\n"
	if b.String() != want {
		t.Errorf("summary %q, want %q", b.String(), want)
	}
}

// Package notebooks_test executes the tutorial's chapters end to end.
package notebooks_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/gomeasure/concurrency/internal/jupyter"
	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib"
)

// TestChapters runs every chapter through the Go runner with GoNB, in
// order (chapter 8 reads what the others saved), into a scratch folder: no
// cell may fail, and every cell that shows a figure must have produced an
// image.
func TestChapters(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every notebook (minutes)")
	}
	opt, err := jupyter.FindKernel()
	testenv.Need(t, err)
	t.Setenv(lib.ResultsEnv, t.TempDir()) // keep the repository's results untouched
	paths, _ := filepath.Glob("[0-9]*.ipynb")
	if len(paths) != 8 {
		t.Fatalf("%d chapters, want 8", len(paths))
	}
	out := t.TempDir()
	for _, p := range paths {
		start := time.Now()
		if err := jupyter.RunNotebook(context.Background(), p, jupyter.RunOptions{Kernel: opt, Out: out, CellTimeout: 5 * time.Minute, Params: quick}); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		t.Logf("%s ran in %.0f s", p, time.Since(start).Seconds())
		nb, err := nbformat.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		checkVerdicts(t, p, nb)
		for i, c := range nb.Cells {
			if c.CellType != "code" {
				continue
			}
			if c.ExecutionCount == nil {
				t.Errorf("%s cell %d was not executed", p, i+1)
			}
			if strings.Contains(c.Source, "show.Figure(") && !hasImage(c) && !skipped(c) {
				t.Errorf("%s cell %d shows a figure but produced no image; its outputs: %s", p, i+1, outputsText(c))
			}
			// Each call of a show function leaves its output, or one was
			// lost on the way to the notebook.
			for _, k := range displayKinds {
				calls, shown := 0, outputsWith(c, k.mime)
				for _, f := range k.funcs {
					calls += strings.Count(c.Source, "show."+f+"(")
				}
				if shown < calls && !skipped(c) {
					t.Errorf("%s cell %d makes %d %s displays but has %d: %s", p, i+1, calls, k.mime, shown, outputsText(c))
				}
			}
		}
	}
}

// displayKinds: which show functions display which kind of output.
var displayKinds = []struct {
	mime  string
	funcs []string
}{
	{"image/svg+xml", []string{"Figure"}},
	{"image/png", []string{"FigurePNG"}},
	{"text/html", []string{"Stats", "Runs", "Table", "HTML"}},
	{"text/markdown", []string{"Markdown"}},
	{"application/json", []string{"Verdict"}},
}

// quick runs every chapter at the tests' scale: the parameters cell's
// full = true is the published one.
var quick = map[string]string{"full": "false"}

// robustClaims must hold even on a noisy, shared 2-core machine at the
// quick scale: their effects are many times the noise. Each is a chapter
// and the start of a claim's text; a chapter must print it, and it must
// hold. The other claims may fail on a bad day, and the page then says so.
var robustClaims = []struct{ chapter, claim string }{
	{"03", "One goroutine per request beats the loop"},                // ten times or more, against a factor of N
	{"03", "The ten processes pay for starting"},                      // process start-up against a goroutine's
	{"03", "A pool sized for the concurrency reuses its connections"}, // counted, not timed
	{"04", "Compiled Go's loop is at least 10× as fast as CPython's"}, // twenty-odd times here, per number summed
	{"04", "Two CPython threads kept at most 1.15 cores busy"},        // processor time over wall time: the GIL's cap, whatever the machine's speed
	// Read from the execution tracer: what the scheduler did, which a
	// loaded machine slows down but does not change.
	{"02", "At GOMAXPROCS=1 no two slices overlap"},
	{"02", "Under the emulated GIL at most one task computed at any instant"},
	{"03", "Waiting requests hold no thread"},
}

// checkVerdicts fails when a chapter checks no claim, when a verdict is
// malformed, or when a robust claim is missing or did not hold.
func checkVerdicts(t *testing.T, path string, nb *nbformat.Notebook) {
	t.Helper()
	verdicts := jupyter.Verdicts(nb)
	if len(verdicts) == 0 {
		t.Errorf("%s checks no claim: every chapter's measurements carry verdicts", path)
	}
	for _, v := range verdicts {
		if v.Claim == "" || v.Evidence == "" {
			t.Errorf("%s: a verdict without its claim or evidence: %+v", path, v)
		}
	}
	for _, r := range robustClaims {
		if !strings.HasPrefix(path, r.chapter) {
			continue
		}
		found := false
		for _, v := range verdicts {
			if strings.HasPrefix(v.Claim, r.claim) {
				found = true
				if !v.Held {
					t.Errorf("%s: the robust claim %q did not hold: %s", path, v.Claim, v.Evidence)
				}
			}
		}
		if !found {
			t.Errorf("%s prints no verdict on the robust claim %q", path, r.claim)
		}
	}
}

// outputsWith counts a cell's outputs that carry data of the given type.
func outputsWith(c *nbformat.Cell, mime string) int {
	n := 0
	for _, o := range c.Outputs {
		if _, ok := o.Data[mime]; ok {
			n++
		}
	}
	return n
}

func hasImage(c *nbformat.Cell) bool {
	for _, o := range c.Outputs {
		if _, ok := o.Data["image/svg+xml"]; ok {
			return true
		}
		if _, ok := o.Data["image/png"]; ok {
			return true
		}
	}
	return false
}

// outputsText says what a cell showed instead, for the failure message.
func outputsText(c *nbformat.Cell) string {
	var parts []string
	for _, o := range c.Outputs {
		text := o.Text
		if v, ok := o.DataText("text/plain"); ok {
			text = v
		}
		parts = append(parts, o.OutputType+": "+strings.TrimSpace(text+" "+o.EValue))
	}
	return strings.Join(parts, " | ")
}

// skipped reports a cell whose optional experiment could not run here (the
// Python comparison without python3), which show.Experiment says in a note.
// CI installs everything, so there it does not count as skipped.
func skipped(c *nbformat.Cell) bool {
	if os.Getenv("CI") != "" {
		return false
	}
	for _, o := range c.Outputs {
		if v, ok := o.DataText("text/markdown"); ok && strings.Contains(v, "was skipped:") {
			return true
		}
	}
	return false
}

// TestChapterParameters runs chapter 3's opening cells with changed
// parameters, as `notebooks run --param` does, and checks that the
// pattern cell's output follows them: three requests, 150 ms each.
func TestChapterParameters(t *testing.T) {
	if testing.Short() {
		t.Skip("runs GoNB")
	}
	opt, err := jupyter.FindKernel()
	testenv.Need(t, err)
	nb, err := nbformat.ReadFile("03-io-bound.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	// The cells up to the first measured pattern, whose verdict says how
	// many requests ran at what delay.
	end := 0
	for i, c := range nb.Cells {
		if c.CellType == "code" && strings.Contains(c.Source, "show.Verdict(claim.Check(\"The requests waited together") {
			end = i + 1
			break
		}
	}
	if end == 0 {
		t.Fatal("chapter 3 lost its pattern cell")
	}
	nb.Cells = nb.Cells[:end]
	// Beside the chapters, so its go.work cell finds the module; hidden,
	// so no chapter glob picks it up.
	path := ".params-test.ipynb"
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(path) })
	out := t.TempDir()
	params := map[string]string{"full": "false", "requests": "3", "delay": "150ms"}
	if err := jupyter.RunNotebook(context.Background(), path, jupyter.RunOptions{Kernel: opt, Out: out, CellTimeout: 5 * time.Minute, Params: params}); err != nil {
		t.Fatal(err)
	}
	ran, err := nbformat.ReadFile(filepath.Join(out, path))
	if err != nil {
		t.Fatal(err)
	}
	verdicts := jupyter.Verdicts(ran)
	if len(verdicts) != 1 || !strings.Contains(verdicts[0].Evidence, "3 requests in") || !strings.Contains(verdicts[0].Evidence, "150ms each") {
		t.Errorf("the pattern cell did not follow --param requests=3 delay=150ms: %+v", verdicts)
	}
}

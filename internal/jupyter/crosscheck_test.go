package jupyter

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib"
)

// TestChaptersWithJupyter executes every chapter with Jupyter's own client
// (nbconvert and nbclient) and validates the result with nbformat — a
// check that the notebooks work where readers run them, not only in our
// runner. It needs Debian's jupyter-nbconvert and python3-nbformat: it is
// skipped with a message without them, and fails when CI is set.
func TestChaptersWithJupyter(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every notebook (minutes)")
	}
	need := func(err error) {
		t.Helper()
		testenv.Need(t, fmt.Errorf("%w (Debian: apt-get install jupyter-nbconvert python3-nbclient python3-nbformat)", err))
	}
	jup, err := exec.LookPath("jupyter")
	if err != nil {
		need(err)
	}
	python := pythonWith("nbformat")
	if python == "" {
		need(os.ErrNotExist)
	}
	// A kernel spec of our own, pointing at this checkout's GoNB: the
	// user's spec may point at another checkout, or at none.
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	if _, err := Install(context.Background(), "", io.Discard); err != nil {
		t.Fatal(err)
	}
	t.Setenv(lib.ResultsEnv, t.TempDir())
	paths, _ := filepath.Glob("../../notebooks/[0-9]*.ipynb")
	out := t.TempDir()
	for _, p := range paths {
		// Jupyter's client has no --param: run a copy with the quick
		// parameters injected, beside the chapter so that its go.work
		// cell finds the module, under a name no chapter glob matches.
		nb, err := nbformat.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := InjectParams(nb, map[string]string{"full": "false"}); err != nil {
			t.Fatal(err)
		}
		quick := filepath.Join(filepath.Dir(p), ".crosscheck-"+filepath.Base(p))
		if err := nb.WriteFile(quick); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(quick) })
		cmd := exec.CommandContext(context.Background(), jup, "nbconvert", "--to", "notebook", "--execute",
			"--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=gonb", "--output-dir", out, quick)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("jupyter nbconvert --execute %s: %v\n%s", p, err, tail(b))
		}
		executed := filepath.Join(out, filepath.Base(quick))
		check := exec.Command(python, "-c", `import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
sys.exit("error outputs: %r" % errors if errors else 0)`, executed)
		if b, err := check.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", p, err, tail(b))
		}
	}
}

// pythonWith returns a python3 that can import module: Debian's, whose
// packages the project installs, before whatever python3 is first on PATH.
func pythonWith(module string) string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import "+module).Run() == nil {
			return p
		}
	}
	return ""
}

func tail(b []byte) string {
	const n = 2000
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

package show

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib/python"
)

func TestPythonMarkdown(t *testing.T) {
	whole, err := python.Source("aio.py")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		contains []string
	}{
		{"models.threads", []string{"`threads` from `lib/python/models.py`", "```python\ndef threads(todo, workers):", "ThreadPoolExecutor(max_workers=workers)"}},
		{"tasks.sumsquares", []string{"```python\ndef sumsquares(n):"}},
		{"aio.py", []string{"`lib/python/aio.py`", "```python\n" + strings.TrimRight(whole, "\n") + "\n```\n"}},
		{"aio", []string{"```python\n" + strings.TrimRight(whole, "\n") + "\n```\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := PythonMarkdown(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.contains {
				if !strings.Contains(md, want) {
					t.Errorf("PythonMarkdown(%q) lacks %q:\n%s", tt.name, want, md)
				}
			}
			if strings.Count(md, "```") != 2 {
				t.Errorf("PythonMarkdown(%q) has %d fences, want 2", tt.name, strings.Count(md, "```"))
			}
		})
	}
}

func TestPythonSourceDisplays(t *testing.T) {
	nb := fakeNotebook(t)
	if err := PythonSource("models.processes"); err != nil {
		t.Fatal(err)
	}
	if len(nb.markdown) != 1 || !strings.Contains(nb.markdown[0], "ProcessPoolExecutor") {
		t.Fatalf("displayed %q, want one Markdown output with the processes model", nb.markdown)
	}
	if err := PythonSource("models.nope"); err == nil || len(nb.html) != 1 || !strings.Contains(nb.html[0], "nope") {
		t.Errorf("PythonSource(models.nope) = %v, displayed %q; want the error shown and returned", err, nb.html)
	}
}

func TestPythonSourceText(t *testing.T) {
	out := capture(t, func() { PythonSource("tasks.prime") })
	if !strings.Contains(out, "def prime(n):") || !strings.Contains(out, "```python") {
		t.Errorf("outside a notebook PythonSource printed %q", out)
	}
}

func ExamplePythonSource() {
	// Outside a notebook the Markdown is printed to Out; the example's
	// output is the os.Stdout of the moment, not the one Out was set to.
	defer func(old io.Writer) { Out = old }(Out)
	Out = os.Stdout
	PythonSource("tasks.sumsquares")
	// Output:
	// *Python — `sumsquares` from `lib/python/tasks.py`, as `--with-python` runs it:*
	//
	// ```python
	// def sumsquares(n):
	//     # The CPU-bound function of the notes after Real Python's article.
	//     return str(sum(i * i for i in range(n)))
	// ```
}

package jupyter

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

// gonb returns the kernel built by `go run . kernel install`. Without it the
// test is skipped with a message — and fails when CI is set, where
// .ci/run installs it first.
func gonb(t *testing.T) KernelOptions {
	t.Helper()
	opt, err := FindKernel()
	testenv.Need(t, err)
	return opt
}

// startKernel starts GoNB in a scratch folder.
func startKernel(t *testing.T) *Kernel {
	t.Helper()
	opt := gonb(t)
	opt.Dir = t.TempDir()
	k, err := StartKernel(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// closeAndCheckGone closes the kernel and checks that its process, pid,
// is gone.
func closeAndCheckGone(t *testing.T, k *Kernel, pid int) {
	t.Helper()
	k.Close()
	if !gone(pid) {
		t.Errorf("kernel %d still running after Close", pid)
	}
}

func TestRunNotebook(t *testing.T) {
	opt := gonb(t)
	out := t.TempDir()
	src, _ := os.ReadFile("testdata/ok.ipynb")
	if err := RunNotebook(context.Background(), "testdata/ok.ipynb", RunOptions{Kernel: opt, Out: out, CellTimeout: 2 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile("testdata/ok.ipynb"); !bytes.Equal(now, src) {
		t.Error("the source notebook changed although --out was given")
	}
	nb, err := nbformat.ReadFile(filepath.Join(out, "ok.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	hello := nb.Cells[2]
	if hello.ExecutionCount == nil || len(hello.Outputs) != 1 || hello.Outputs[0].Text != "hello from a cell\nsecond line\n" {
		t.Errorf("print cell: count %v, outputs %+v", hello.ExecutionCount, hello.Outputs)
	}
	html := nb.Cells[3].Outputs
	if len(html) != 1 || html[0].OutputType != "display_data" {
		t.Fatalf("display cell: %+v", html)
	}
	if s, _ := html[0].DataText("text/html"); s != "<b>bold</b>" {
		t.Errorf("text/html = %q", s)
	}
	if !strings.Contains(string(nb.Metadata), MeasuredEnvKey) {
		t.Errorf("metadata lacks %s: %s", MeasuredEnvKey, nb.Metadata)
	}
}

func TestRunNotebookStopsAtTheFailingCell(t *testing.T) {
	opt := gonb(t)
	dir := t.TempDir()
	src, _ := os.ReadFile("testdata/compile-error.ipynb")
	err := RunNotebook(context.Background(), "testdata/compile-error.ipynb", RunOptions{Kernel: opt, Out: dir})
	var ce *CellError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *CellError", err)
	}
	if ce.Cell != 4 || !strings.Contains(ce.Error(), "compile-error.ipynb, cell 4") || !strings.Contains(ce.Error(), "undefinedThing") {
		t.Errorf("CellError = %v", ce)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed run wrote %v", entries)
	}
	if now, _ := os.ReadFile("testdata/compile-error.ipynb"); !bytes.Equal(now, src) {
		t.Error("a failed run changed the notebook")
	}
}

func TestTimeoutInterruptsTheCell(t *testing.T) {
	k := startKernel(t)
	pid := k.Pid()
	start := time.Now()
	_, err := k.Execute(context.Background(), "%%\ntime.Sleep(time.Hour)", 5*time.Second)
	if !errors.Is(err, ErrTimeout) || time.Since(start) > time.Minute {
		t.Errorf("err = %v after %v, want ErrTimeout", err, time.Since(start))
	}
	// The kernel survives an interrupt and runs the next cell.
	ex, err := k.Execute(context.Background(), "%%\nfmt.Print(6*7)", time.Minute)
	if err != nil || len(ex.Outputs) == 0 || ex.Outputs[0].Text != "42" {
		t.Errorf("after the interrupt: %+v, %v", ex, err)
	}
	closeAndCheckGone(t, k, pid)
}

func TestKernelDeathIsReported(t *testing.T) {
	k := startKernel(t)
	defer k.Close()
	pid := k.Pid()
	_, err := k.Execute(context.Background(), "!kill -9 $PPID", time.Minute)
	if !errors.Is(err, ErrKernelDied) {
		t.Errorf("err = %v, want ErrKernelDied", err)
	}
	closeAndCheckGone(t, k, pid)
}

func TestCancelStopsTheCellAndTheKernel(t *testing.T) {
	k := startKernel(t)
	pid := k.Pid()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err := k.Execute(ctx, "%%\ntime.Sleep(time.Hour)", 0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's error", err)
	}
	closeAndCheckGone(t, k, pid)
}

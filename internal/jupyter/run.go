package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/internal/textutil"
	"github.com/gomeasure/concurrency/lib"
)

// MeasuredEnvKey is the notebook metadata key where the runner records the
// environment the notebook was executed in (a lib.Env), for the site.
const MeasuredEnvKey = "measured_env"

// RunOptions say how to run a notebook.
type RunOptions struct {
	Kernel      KernelOptions // GoNB and PATH; Dir defaults to the notebook's folder
	Out         string        // write the executed notebook here; "" for in place
	CellTimeout time.Duration // per cell; 0 for no limit
	Log         io.Writer     // one line per cell, or nil
	// Params are injected after the cell tagged "parameters" (see
	// InjectParams): name → value.
	Params map[string]string
	// Progress, if set, hears how far each experiment the cells run has
	// got (see lib.ProgressEnv), for a progress bar.
	Progress func(experiment string, done, total int)
}

// CellError reports the cell that stopped a notebook.
type CellError struct {
	Notebook string
	Cell     int // 1-based, counting every cell as Jupyter shows them
	EName    string
	EValue   string
	Trace    []string
	Err      error // a timeout, a dead kernel; nil when the cell raised an error
}

func (e *CellError) Error() string {
	msg := fmt.Sprintf("%s, cell %d: ", e.Notebook, e.Cell)
	if e.Err != nil {
		return msg + e.Err.Error()
	}
	msg += e.EName
	if e.EValue != "" {
		msg += ": " + e.EValue
	}
	if len(e.Trace) > 0 {
		msg += " — " + firstLines(textutil.StripANSI(strings.Join(e.Trace, "\n")), 3)
	}
	return msg
}

func (e *CellError) Unwrap() error { return e.Err }

// RunNotebook executes every code cell of the notebook at path in a fresh
// kernel, in order, and writes it with its outputs atomically — in place, or
// into opt.Out. At the first failing cell it stops and returns a *CellError;
// the notebook file is then left exactly as it was. The kernel is always
// shut down before RunNotebook returns.
func RunNotebook(ctx context.Context, path string, opt RunOptions) (err error) {
	nb, err := nbformat.ReadFile(path)
	if err != nil {
		return err
	}
	if err := InjectParams(nb, opt.Params); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	kopt := opt.Kernel
	if kopt.Dir == "" {
		kopt.Dir = filepath.Dir(abs)
	}
	env, stopProgress := progressFile(opt.Progress)
	defer stopProgress()
	kopt.Env = append(slices.Clip(kopt.Env), env...)
	kopt.Env = append(kopt.Env, fastCompileEnv()...)
	k, err := StartKernel(ctx, kopt)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer func() {
		stop := k.Close
		if ctx.Err() != nil {
			stop = k.Kill // Ctrl-C: stop now, not after a shutdown handshake
		}
		if serr := stop(); serr != nil && err == nil {
			err = fmt.Errorf("%s: stop the kernel: %w", path, serr)
		}
	}()

	for i, c := range nb.Cells {
		if c.CellType != "code" || strings.TrimSpace(c.Source) == "" {
			continue
		}
		start := time.Now()
		ex, err := k.Execute(ctx, c.Source, opt.CellTimeout)
		if err != nil {
			if ctx.Err() != nil && !errors.Is(err, ErrKernelDied) {
				return ctx.Err()
			}
			return &CellError{Notebook: path, Cell: i + 1, Err: err}
		}
		if ex.Error != nil {
			return &CellError{Notebook: path, Cell: i + 1, EName: ex.Error.EName, EValue: ex.Error.EValue, Trace: ex.Error.Traceback}
		}
		count := ex.Count
		c.ExecutionCount, c.Outputs = &count, ex.Outputs
		for _, o := range c.Outputs {
			normaliseVerdict(o)
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "  cell %2d ran in %5.1f s\n", i+1, time.Since(start).Seconds())
		}
	}
	if err := setMetadata(nb, MeasuredEnvKey, lib.CurrentEnv()); err != nil {
		return err
	}
	out := path
	if opt.Out != "" {
		out = filepath.Join(opt.Out, filepath.Base(path))
	}
	return nb.WriteFile(out)
}

// setMetadata sets one key of the notebook's metadata, keeping the others.
func setMetadata(nb *nbformat.Notebook, key string, v any) error {
	md := map[string]json.RawMessage{}
	if len(nb.Metadata) > 0 {
		if err := json.Unmarshal(nb.Metadata, &md); err != nil {
			return fmt.Errorf("notebook metadata: %w", err)
		}
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	md[key] = raw
	nb.Metadata, err = json.Marshal(md)
	return err
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

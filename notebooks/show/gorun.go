package show

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// GoRunTimeout bounds one GoRun: compiling with -race the first time can
// take a while, but a program that hangs must not hang the notebook.
var GoRunTimeout = 2 * time.Minute

// GoRun compiles and runs src, a whole one-file Go program using only the
// standard library, with `go run` (and the race detector if race is set),
// and returns everything it printed, stdout and stderr together. It is for
// the programs a notebook cell cannot be: one that must deadlock, or be
// built with -race. Such programs are meant to fail, so a non-zero exit is
// not an error: `go run` ends the output with "exit status N". The error
// is for what stopped the program from running at all — no go command, a
// compile error, the time-out. The temporary folder's path is replaced by
// "." in the output, so a stack trace reads the same on every run.
func GoRun(src string, race bool) (string, error) {
	dir, err := os.MkdirTemp("", "gorun-")
	if err != nil {
		return "", fmt.Errorf("gorun: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		return "", fmt.Errorf("gorun: %w", err)
	}
	args := []string{"run"}
	if race {
		args = append(args, "-race")
	}
	ctx, cancel := context.WithTimeout(context.Background(), GoRunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", append(args, "main.go")...)
	cmd.Dir = dir
	// Outside any module or workspace: the program stands alone.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GO111MODULE=")
	raw, err := cmd.CombinedOutput()
	out := strings.ReplaceAll(string(raw), dir+string(filepath.Separator), "./")
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return out, fmt.Errorf("gorun: still running after %v: %w", GoRunTimeout, ctx.Err())
	case errors.As(err, &exit) && strings.Contains(out, "exit status"):
		return out, nil // the program ran and failed, as it may
	case err != nil:
		return out, fmt.Errorf("gorun: %w: %s", err, strings.TrimSpace(out))
	}
	return out, nil
}

// RaceReports returns the race detector's reports in a program's output,
// each whole: from "WARNING: DATA RACE" to the line of "=" that closes it,
// both conflicting accesses and the goroutines' stacks included.
func RaceReports(out string) []string {
	const start, rule = "WARNING: DATA RACE", "=================="
	var reports []string
	for {
		i := strings.Index(out, start)
		if i < 0 {
			return reports
		}
		out = out[i:]
		end := strings.Index(out, rule)
		if end < 0 {
			end = len(out)
		}
		reports = append(reports, strings.TrimRight(out[:end], "\n"))
		out = out[end:]
	}
}

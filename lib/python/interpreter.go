package python

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gomeasure/concurrency/internal/proc"
	"github.com/gomeasure/concurrency/lib"
)

//go:embed *.py
var programs embed.FS

// PathEnv names an environment variable that chooses the interpreter.
const PathEnv = "GOMEASURE_PYTHON"

// Interpreter is a python3 found on this machine.
type Interpreter struct {
	Path    string
	Version string   // such as "3.11.2"
	GIL     bool     // false only for a free-threaded build running without it
	Missing []string // modules of the tutorial it cannot import ("requests", "aiohttp")
}

// Needs lists the modules a model needs for a workload.
func Needs(model, workload string) []string {
	switch {
	case workload != "io":
		return nil
	case model == "py-asyncio":
		return []string{"aiohttp"}
	}
	return []string{"requests"}
}

// Check says in one line why the interpreter cannot run the model on the
// workload, or returns nil.
func (in *Interpreter) Check(model, workload string) error {
	var lack []string
	for _, m := range Needs(model, workload) {
		for _, x := range in.Missing {
			if m == x {
				lack = append(lack, m)
			}
		}
	}
	if len(lack) == 0 {
		return nil
	}
	pkgs := make([]string, len(lack))
	for i, m := range lack {
		pkgs[i] = "python3-" + m
	}
	return fmt.Errorf("%s (Python %s) cannot import %s: install it (Debian: apt-get install %s; or pip install %s)",
		in.Path, in.Version, strings.Join(lack, ", "), strings.Join(pkgs, " "), strings.Join(lack, " "))
}

type findResult struct {
	in  *Interpreter
	err error
}

var (
	findMu sync.Mutex
	found  = map[string]findResult{} // by the value of PathEnv
)

// FindInterpreter returns the python3 to use: the first candidate that
// imports every module of the tutorial, else the first that runs at all.
// The answer is probed once per process (and per value of PathEnv).
func FindInterpreter() (*Interpreter, error) {
	return FindInterpreterContext(context.Background())
}

// FindInterpreterContext is FindInterpreter, and stops probing when ctx is
// done: probing starts each candidate once, and a shim such as pyenv's
// takes a second or more, which Ctrl-C must not have to wait out. An
// interrupted probe is not remembered.
func FindInterpreterContext(ctx context.Context) (*Interpreter, error) {
	findMu.Lock()
	defer findMu.Unlock()
	key := os.Getenv(PathEnv)
	if r, ok := found[key]; ok {
		return r.in, r.err
	}
	in, err := find(ctx)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	found[key] = findResult{in, err}
	return in, err
}

func find(ctx context.Context) (*Interpreter, error) {
	candidates := []string{"python3", "/usr/bin/python3"}
	if p := os.Getenv(PathEnv); p != "" {
		candidates = []string{p} // the user's choice, even if it lacks a module
	}
	dir, err := scripts()
	if err != nil {
		return nil, err
	}
	var first *Interpreter
	seen := map[string]bool{}
	for _, p := range candidates {
		if seen[p] {
			continue
		}
		seen[p] = true
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		in, err := probe(ctx, path, dir)
		if err != nil {
			continue
		}
		if len(in.Missing) == 0 {
			return in, nil
		}
		if first == nil {
			first = in
		}
	}
	if first == nil {
		return nil, fmt.Errorf("no working python3 among %s (set %s, or Debian: apt-get install python3 python3-requests python3-aiohttp)", strings.Join(candidates, ", "), PathEnv)
	}
	return first, nil
}

func probe(ctx context.Context, path, dir string) (*Interpreter, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, filepath.Join(dir, "main.py"), "--probe")
	// A shim is a script that starts the interpreter as its child: stop
	// them both, and do not wait for a pipe the child may still hold.
	proc.NewGroup(cmd)
	cmd.Cancel = func() error { return proc.KillGroup(cmd.Process) }
	cmd.WaitDelay = time.Second
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var d description
	if err := json.Unmarshal(out, &d); err != nil {
		return nil, fmt.Errorf("%s --probe: %w", path, err)
	}
	return &Interpreter{Path: path, Version: d.Version, GIL: d.GIL, Missing: d.Missing}, nil
}

type description struct {
	Version string   `json:"version"`
	GIL     bool     `json:"gil"`
	Missing []string `json:"missing"`
}

var (
	scriptsOnce sync.Once
	scriptsDir  string
	scriptsErr  error
)

// scripts writes the embedded programs to a folder named after their
// content, once: Python needs files (ProcessPoolExecutor's children import
// the main module again on platforms that spawn rather than fork).
func scripts() (string, error) {
	scriptsOnce.Do(func() {
		h := sha256.New()
		names, _ := fs.Glob(programs, "*.py")
		for _, n := range names {
			b, _ := programs.ReadFile(n)
			fmt.Fprintf(h, "%s %d\n", n, len(b))
			h.Write(b)
		}
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir := filepath.Join(base, "gomeasure", "python-"+hex.EncodeToString(h.Sum(nil))[:12])
		for _, n := range names {
			b, _ := programs.ReadFile(n)
			path := filepath.Join(dir, n)
			if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
				continue
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				scriptsErr = err
				return
			}
			if err := lib.WriteFileAtomic(path, b); err != nil {
				scriptsErr = fmt.Errorf("write python program %s: %w", path, err)
				return
			}
		}
		scriptsDir = dir
	})
	return scriptsDir, scriptsErr
}

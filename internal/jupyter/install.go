package jupyter

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/gomeasure/concurrency/lib"
)

// The tools the notebooks need, built at the versions go.mod pins (they are
// declared there with `tool` directives).
var tools = []string{"github.com/janpfeifer/gonb", "golang.org/x/tools/cmd/goimports"}

// Installed says where Install put things.
type Installed struct {
	GoNB       string // the gonb binary
	BinDir     string // the folder with gonb and goimports
	KernelSpec string // the kernel.json written
	Jupyter    string // the jupyter command found on PATH, or ""
}

// Install builds GoNB and goimports into binDir (default: bin/ at the top of
// the module) and installs a Jupyter kernel spec named "gonb" for the user,
// pointing at them. It can run any number of times: go's build cache makes a
// rebuild quick, and the spec is rewritten in place.
func Install(ctx context.Context, binDir string, log io.Writer) (*Installed, error) {
	if runtime.GOOS == "windows" {
		return nil, ErrNoWindows
	}
	root, err := lib.ModuleRoot()
	if err != nil {
		return nil, err
	}
	if binDir == "" {
		binDir = filepath.Join(root, "bin")
	}
	if binDir, err = filepath.Abs(binDir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "building %s into %s\n", strings.Join(tools, " and "), binDir)
	build := exec.CommandContext(ctx, "go", append([]string{"build", "-o", binDir + string(os.PathSeparator)}, tools...)...)
	build.Dir = root
	build.Stdout, build.Stderr = log, log
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("build GoNB: %w", err)
	}
	in := &Installed{GoNB: filepath.Join(binDir, exe("gonb")), BinDir: binDir}
	if path, err := exec.LookPath("jupyter"); err == nil {
		in.Jupyter = path
	}
	dataDir, err := jupyterDataDir(ctx, in.Jupyter)
	if err != nil {
		return nil, err
	}
	specDir := filepath.Join(dataDir, "kernels", "gonb")
	if err := os.MkdirAll(specDir, 0o755); err != nil {
		return nil, err
	}
	spec := map[string]any{
		"argv":           []string{in.GoNB, "--kernel", "{connection_file}"},
		"display_name":   "Go (gonb)",
		"language":       "go",
		"interrupt_mode": "message", // GoNB takes interrupt_request messages
		// GoNB runs goimports and go: put our bin folder first on PATH.
		"env": map[string]string{"PATH": binDir + string(os.PathListSeparator) + os.Getenv("PATH")},
	}
	raw, _ := json.MarshalIndent(spec, "", "  ")
	in.KernelSpec = filepath.Join(specDir, "kernel.json")
	if err := lib.WriteFileAtomic(in.KernelSpec, append(raw, '\n')); err != nil {
		return nil, fmt.Errorf("write kernel spec: %w", err)
	}
	return in, nil
}

// jupyterDataDir is where Jupyter looks for user kernel specs: what
// `jupyter --data-dir` says, or the platform's default.
func jupyterDataDir(ctx context.Context, jupyter string) (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	if jupyter != "" {
		if out, err := exec.CommandContext(ctx, jupyter, "--data-dir").Output(); err == nil {
			if d := strings.TrimSpace(string(out)); d != "" {
				return d, nil
			}
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		return filepath.Join(os.Getenv("APPDATA"), "jupyter"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

func exe(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}

// FindKernel returns the kernel options for the GoNB that Install built,
// or an error saying to run the install first.
func FindKernel() (KernelOptions, error) {
	root, err := lib.ModuleRoot()
	if err != nil {
		return KernelOptions{}, err
	}
	bin := filepath.Join(root, "bin")
	gonb := filepath.Join(bin, exe("gonb"))
	if _, err := os.Stat(gonb); err != nil {
		return KernelOptions{}, fmt.Errorf("no GoNB kernel at %s: run `go run . kernel install` first", gonb)
	}
	return KernelOptions{GoNB: gonb, PathDirs: []string{bin}}, nil
}

package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/gomeasure/concurrency/internal/jupyter"
	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib"
)

// Like Jupyter Book's cache and Quarto's freeze, `notebooks run` executes a
// notebook again only when what its outputs depend on has changed since
// they were saved: its cells, the module's Go code that cells import, the
// Go version, or the machine — so a reader's first run on their own
// machine measures everything, and only their later runs reuse what they
// measured. What the outputs were made from is saved in the notebook's
// metadata under runKeyMetadata.

// runKeyMetadata is the notebook metadata key of the saved runKey.
const runKeyMetadata = "execution_cache"

// cellPackages are the packages notebook cells import; their dependencies
// inside the module are hashed with them.
var cellPackages = []string{"./lib/...", "./plots/...", "./notebooks/show/..."}

// runKey is what a notebook's saved outputs were made from.
type runKey struct {
	Source  string            `json:"source"`  // hash of the cells' types, tags and sources
	Module  map[string]string `json:"module"`  // module folder ("lib", "plots") or "go.mod" → hash
	Go      string            `json:"go"`      // Go version
	Machine string            `json:"machine"` // CPU model, cores, OS/arch
	Params  map[string]string `json:"params,omitempty"`
}

// notebookCache decides which notebooks to run.
type notebookCache struct {
	module  map[string]string
	machine string
	params  map[string]string
}

// newNotebookCache hashes the module code cells depend on (go list, about
// a second) and describes this machine.
func newNotebookCache(ctx context.Context, root string, params map[string]string) (*notebookCache, error) {
	module, err := moduleHashes(ctx, root)
	if err != nil {
		return nil, err
	}
	env := lib.CurrentEnv()
	machine := fmt.Sprintf("%s · %d CPUs · %s/%s", env.CPUModel, env.NumCPU, env.GOOS, env.GOARCH)
	if v := os.Getenv("GOMAXPROCS"); v != "" {
		machine += " · GOMAXPROCS=" + v
	}
	return &notebookCache{module: module, machine: machine, params: params}, nil
}

// key returns the key a run of the notebook at path would save.
func (c *notebookCache) key(nb *nbformat.Notebook) runKey {
	return runKey{Source: sourceHash(nb), Module: c.module, Go: runtime.Version(), Machine: c.machine, Params: c.params}
}

// why says why the notebook at source must run, given its saved outputs
// at target: "" when they are current. Reasons shared by every notebook
// (the module, Go, the machine) are returned apart from its own.
func (c *notebookCache) why(source, target string) (shared []string, own string, err error) {
	nb, err := nbformat.ReadFile(source)
	if err != nil {
		return nil, "", err
	}
	want := c.key(nb)
	saved, err := nbformat.ReadFile(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "no saved outputs", nil
	}
	if err != nil {
		return nil, "", err
	}
	var md map[string]json.RawMessage
	var have runKey
	if json.Unmarshal(saved.Metadata, &md) != nil || json.Unmarshal(md[runKeyMetadata], &have) != nil {
		return nil, "outputs made before the run cache", nil
	}
	if have.Machine != want.Machine {
		shared = append(shared, "machine changed (was "+have.Machine+")")
	}
	if have.Go != want.Go {
		shared = append(shared, "Go changed (was "+have.Go+")")
	}
	var changed []string
	for _, name := range slices.Sorted(maps.Keys(want.Module)) {
		if have.Module[name] != want.Module[name] {
			changed = append(changed, name)
		}
	}
	for name := range have.Module {
		if _, ok := want.Module[name]; !ok {
			changed = append(changed, name)
		}
	}
	if len(changed) > 0 {
		shared = append(shared, strings.Join(changed, ", ")+" changed")
	}
	switch {
	case have.Source != want.Source || sourceHash(saved) != want.Source:
		own = "source changed"
	case !maps.Equal(have.Params, want.Params):
		own = "parameters changed"
	}
	return shared, own, nil
}

// save records the key of a run in the notebook it wrote.
func (c *notebookCache) save(source, target string) error {
	src, err := nbformat.ReadFile(source)
	if err != nil {
		return err
	}
	nb, err := nbformat.ReadFile(target)
	if err != nil {
		return err
	}
	md := map[string]json.RawMessage{}
	if len(nb.Metadata) > 0 {
		if err := json.Unmarshal(nb.Metadata, &md); err != nil {
			return fmt.Errorf("%s: metadata: %w", target, err)
		}
	}
	raw, err := json.Marshal(c.key(src))
	if err != nil {
		return err
	}
	md[runKeyMetadata] = raw
	if nb.Metadata, err = json.Marshal(md); err != nil {
		return err
	}
	return nb.WriteFile(target)
}

// sourceHash hashes what a notebook runs: each cell's type, tags and
// source — not outputs, counts or other metadata, and not a cell that
// --param injected (the parameters are part of the key on their own).
func sourceHash(nb *nbformat.Notebook) string {
	h := sha256.New()
	for _, c := range nb.Cells {
		if c.HasTag(jupyter.InjectedTag) {
			continue
		}
		tags, _ := json.Marshal(c.Tags())
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s\x00", c.CellType, tags, len(c.Source), c.Source)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// moduleHashes hashes, per top folder of the module ("lib", "plots",
// "notebooks"), the Go and embedded files of every package notebook cells
// import and of their dependencies in the module, and go.mod with go.sum
// for the others.
func moduleHashes(ctx context.Context, root string) (map[string]string, error) {
	args := append([]string{"list", "-deps", "-f",
		`{{if not .Standard}}{{.Dir}}{{range .GoFiles}}|{{.}}{{end}}{{range .CgoFiles}}|{{.}}{{end}}{{range .EmbedFiles}}|{{.}}{{end}}{{end}}`}, cellPackages...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("run cache: go list %s: %w: %s", strings.Join(cellPackages, " "), err, strings.TrimSpace(stderr.String()))
	}
	hashes := map[string]hash.Hash{}
	add := func(group, file string) error {
		data, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("run cache: %w", err)
		}
		if hashes[group] == nil {
			hashes[group] = sha256.New()
		}
		rel, _ := filepath.Rel(root, file)
		fmt.Fprintf(hashes[group], "%s\x00%d\x00%s", filepath.ToSlash(rel), len(data), data)
		return nil
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Split(line, "|")
		rel, err := filepath.Rel(root, fields[0])
		if line == "" || err != nil || strings.HasPrefix(rel, "..") {
			continue // outside the module: go.sum pins it
		}
		group, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		for _, f := range fields[1:] {
			if err := add(group, filepath.Join(fields[0], f)); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := add("go.mod", filepath.Join(root, f)); err != nil && f == "go.mod" {
			return nil, err
		}
	}
	sums := map[string]string{}
	for group, h := range hashes {
		sums[group] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	return sums, nil
}

// plan says which notebooks run and why — "03: source changed", or "all:
// lib changed" when every one runs for the same reason — and returns
// them. With fresh, all run.
func (c *notebookCache) plan(w io.Writer, paths []string, out string, fresh bool) ([]string, error) {
	if fresh {
		fmt.Fprintln(w, "notebooks: all: --fresh")
		return paths, nil
	}
	var run, reasons []string
	var kept []string
	for _, p := range paths {
		shared, own, err := c.why(p, runTarget(p, out))
		if err != nil {
			return nil, err
		}
		if own != "" {
			shared = append(shared, own)
		}
		if len(shared) == 0 {
			kept = append(kept, notebookName(p))
			continue
		}
		run = append(run, p)
		reasons = append(reasons, strings.Join(shared, "; "))
	}
	if len(run) == len(paths) && len(run) > 1 && len(slices.Compact(slices.Clone(reasons))) == 1 {
		fmt.Fprintf(w, "notebooks: all: %s\n", reasons[0])
	} else {
		for i, p := range run {
			fmt.Fprintf(w, "notebooks: %s: %s\n", notebookName(p), reasons[i])
		}
	}
	if len(kept) > 0 {
		fmt.Fprintf(w, "notebooks: unchanged, outputs kept: %s (--fresh runs them again)\n", strings.Join(kept, ", "))
	}
	return run, nil
}

// runTarget is where a run of the notebook at path saves it.
func runTarget(path, out string) string {
	if out == "" {
		return path
	}
	return filepath.Join(out, filepath.Base(path))
}

// notebookName is how the output names a notebook: its number, "03".
func notebookName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".ipynb")
	if n := len(base) - len(strings.TrimLeft(base, "0123456789")); n > 0 {
		return base[:n]
	}
	return base
}

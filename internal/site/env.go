package site

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib"
)

// MeasuredEnvKey is the notebook metadata key holding the environment its
// numbers were measured in, a lib.Env as JSON. See the package comment.
const MeasuredEnvKey = "measured_env"

// notebookEnv returns the environment in a notebook's metadata, or nil.
func notebookEnv(nb *nbformat.Notebook) *lib.Env {
	var md map[string]json.RawMessage
	if json.Unmarshal(nb.Metadata, &md) != nil {
		return nil
	}
	raw, ok := md[MeasuredEnvKey]
	if !ok {
		return nil
	}
	var env lib.Env
	if json.Unmarshal(raw, &env) != nil || !usableEnv(&env) {
		return nil
	}
	return &env
}

// usableEnv reports whether an environment says enough to be shown.
func usableEnv(e *lib.Env) bool { return e.GoVersion != "" && e.NumCPU > 0 }

// resultsEnv returns the environment of the newest results file in dir
// (by its measurement time) and the file's name. Files that do not load
// are reported in warnings and skipped: the site does not depend on them.
func resultsEnv(dir string) (env *lib.Env, file string, warnings []string) {
	if dir == "" {
		return nil, "", nil
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json")) // only a bad pattern errs
	sort.Strings(paths)
	for _, p := range paths {
		rs, err := lib.LoadResults(p)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("measured environment: skipping %v", err))
			continue
		}
		if !usableEnv(&rs.Env) {
			continue
		}
		if env == nil || rs.Env.Time.After(env.Time) {
			e := rs.Env
			env, file = &e, p
		}
	}
	return env, file, warnings
}

// envView is an environment as a page shows it.
type envView struct {
	NumCPU     int
	GOMAXPROCS int
	GoVersion  string
	Platform   string
	CPUModel   string
	Date       string
	Commit     string
	Python     string
	Source     string // where it came from: "this notebook" or a results file
}

func newEnvView(e *lib.Env, source string) *envView {
	if e == nil {
		return nil
	}
	v := &envView{NumCPU: e.NumCPU, GOMAXPROCS: e.GOMAXPROCS, GoVersion: e.GoVersion,
		Platform: e.GOOS + "/" + e.GOARCH, CPUModel: e.CPUModel, Commit: e.GitCommit, Source: source}
	if v.Platform == "/" {
		v.Platform = ""
	}
	if !e.Time.IsZero() {
		v.Date = e.Time.UTC().Format("2006-01-02 15:04 UTC")
	}
	if len(v.Commit) > 12 {
		v.Commit = v.Commit[:12]
	}
	if e.Python != nil {
		v.Python = "Python " + e.Python.Version
		if !e.Python.GIL {
			v.Python += " (free-threaded)"
		}
	}
	return v
}

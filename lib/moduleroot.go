package lib

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// ModulePath is this module's import path; ResultsDir looks for its go.mod.
const ModulePath = "github.com/gomeasure/concurrency"

// ResultsEnv names the environment variable that overrides ResultsDir.
const ResultsEnv = "GOMEASURE_RESULTS"

// ModuleRoot returns the top folder of this module, found by walking up
// from the working directory to the go.mod that declares ModulePath — so
// the command line (run from the top) and a notebook (run from notebooks/)
// agree on where things are.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil &&
			modfile.ModulePath(data) == ModulePath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("not inside the module %s (no go.mod declaring it above the working directory)", ModulePath)
		}
		dir = parent
	}
}

// ResultsDir returns the results/ folder at the top of this module (see
// ModuleRoot), or "results" outside it. The environment variable ResultsEnv
// overrides it (tests use it to keep the repository's results untouched).
func ResultsDir() string {
	if dir := os.Getenv(ResultsEnv); dir != "" {
		return dir
	}
	root, err := ModuleRoot()
	if err != nil {
		return "results"
	}
	return filepath.Join(root, "results")
}

// ResultsFile is where the results of an experiment are saved.
func ResultsFile(dir, experiment string) string {
	return filepath.Join(dir, experiment+".json")
}

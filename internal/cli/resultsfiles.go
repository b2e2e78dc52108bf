package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gomeasure/concurrency/lib"
)

// The results files that `plots --from` and `bench compare` read: one
// copy of the folder listing and of the reading, shared by both commands.

// resultsFiles lists the results files (*.json) of a folder, sorted.
func resultsFiles(dir string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	sort.Strings(matches)
	return matches, nil
}

// readResultSets reads results files by experiment name; a file that names
// no experiment goes by its file name without ".json". A malformed or
// incompatible file is bad input: exit status 2.
func readResultSets(files []string) (map[string]*lib.ResultSet, error) {
	sets := map[string]*lib.ResultSet{}
	for _, f := range files {
		rs, err := lib.LoadResults(f)
		if err != nil {
			return nil, &UsageError{Err: err}
		}
		name := rs.Experiment
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(f), ".json")
		}
		sets[name] = rs
	}
	return sets, nil
}

// loadResults reads every results file of a folder (or the named ones). A
// missing, malformed or incompatible file is bad input: exit status 2.
func loadResults(dir string, only []string) (map[string]*lib.ResultSet, error) {
	var files []string
	if len(only) > 0 {
		for _, name := range only {
			files = append(files, lib.ResultsFile(dir, name))
		}
		return readResultSets(files)
	}
	files, err := resultsFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, usagef("--from: %v", err)
		}
		return nil, usagef("--from: no results (*.json) in %s", dir)
	}
	return readResultSets(files)
}

// loadResultSets reads one results file, or every *.json in a folder, by
// experiment name, for `bench compare`.
func loadResultSets(path string) (map[string]*lib.ResultSet, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, usagef("bench compare: %v", err)
	}
	files := []string{path}
	if st.IsDir() {
		if files, err = resultsFiles(path); err != nil {
			return nil, err
		}
	}
	return readResultSets(files)
}

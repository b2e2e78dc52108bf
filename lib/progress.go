package lib

import (
	"fmt"
	"os"
)

// ProgressEnv names a file to which experiments run inside a notebook
// append their progress, one "NAME DONE TOTAL" line per run. A notebook
// cell's output goes into the notebook; this file is how `go run .
// notebooks run` and `build` can still draw a progress bar per experiment
// on the terminal.
const ProgressEnv = "GOMEASURE_PROGRESS"

// ProgressFromEnv returns a RunOptions.Progress that appends the named
// experiment's progress to $GOMEASURE_PROGRESS, or nil when it is unset.
// Progress is a courtesy: a write that fails is dropped.
func ProgressFromEnv(name string) func(done, total int) {
	path := os.Getenv(ProgressEnv)
	if path == "" {
		return nil
	}
	return func(done, total int) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return
		}
		defer f.Close()
		fmt.Fprintf(f, "%s %d %d\n", name, done, total)
	}
}

package jupyter

import (
	"os"
	"strings"

	"github.com/gomeasure/concurrency/lib"
)

// fastCompileEnv is the environment that makes GoNB compile cells faster,
// for a runner that executes every chapter: GoNB builds a whole program
// for each cell, and most of a cell's time is that build. A larger GC
// target (GOGC=400) and no DWARF tables (-ldflags=-w) took a small cell
// from 2.8 s to about 2.2 s here. The cells' programs inherit GOGC too, so
// lib.MeasureGOGCEnv carries the caller's own setting (the default, 100,
// if none) and lib's init restores it before anything is measured.
func fastCompileEnv() []string {
	measure := os.Getenv("GOGC")
	if measure == "" {
		measure = "100"
	}
	env := []string{"GOGC=400", lib.MeasureGOGCEnv + "=" + measure}
	if flags := os.Getenv("GOFLAGS"); !strings.Contains(flags, "-ldflags") {
		env = append(env, strings.TrimSpace("GOFLAGS="+flags+" -ldflags=-w"))
	}
	return env
}

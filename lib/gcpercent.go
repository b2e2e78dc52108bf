package lib

import (
	"os"
	"runtime/debug"
	"strconv"
)

// MeasureGOGCEnv names the GC target a measuring program must run with,
// when the environment's GOGC was set for something else. The notebook
// runner gives the GoNB kernel GOGC=400, which makes the Go toolchain
// compile each cell about a fifth faster; the cells' own programs inherit
// it, so lib's init sets the GC target back from this variable before
// anything is measured (and so do worker processes, which inherit both).
const MeasureGOGCEnv = "GOMEASURE_MEASURE_GOGC"

// restoreMeasureGC applies $GOMEASURE_MEASURE_GOGC ("off" or a percentage)
// as the garbage collector's target, if it is set.
func restoreMeasureGC() {
	v := os.Getenv(MeasureGOGCEnv)
	switch {
	case v == "":
	case v == "off":
		debug.SetGCPercent(-1)
	default:
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			debug.SetGCPercent(n)
		}
	}
}

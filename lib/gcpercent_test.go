package lib

import (
	"runtime/debug"
	"testing"
)

func TestRestoreMeasureGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tt := range []struct {
		env  string
		want int
	}{{"250", 250}, {"off", -1}, {"", 77}, {"nonsense", 77}} {
		debug.SetGCPercent(77)
		t.Setenv(MeasureGOGCEnv, tt.env)
		restoreMeasureGC()
		if got := debug.SetGCPercent(77); got != tt.want {
			t.Errorf("%s=%q: GC target %d, want %d", MeasureGOGCEnv, tt.env, got, tt.want)
		}
	}
}

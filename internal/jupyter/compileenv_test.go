package jupyter

import (
	"slices"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

func TestFastCompileEnv(t *testing.T) {
	tests := []struct {
		gogc, goflags string
		want          []string
	}{
		{"", "", []string{"GOGC=400", lib.MeasureGOGCEnv + "=100", "GOFLAGS= -ldflags=-w"}},
		{"200", "-mod=mod", []string{"GOGC=400", lib.MeasureGOGCEnv + "=200", "GOFLAGS=-mod=mod -ldflags=-w"}},
		{"off", "-ldflags=-s", []string{"GOGC=400", lib.MeasureGOGCEnv + "=off"}}, // the caller's -ldflags win
	}
	for _, tt := range tests {
		t.Setenv("GOGC", tt.gogc)
		t.Setenv("GOFLAGS", tt.goflags)
		if got := fastCompileEnv(); !slices.Equal(got, tt.want) {
			t.Errorf("GOGC=%q GOFLAGS=%q: %q, want %q", tt.gogc, tt.goflags, got, tt.want)
		}
	}
}

package cli

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

func TestTrialResultsEnv(t *testing.T) {
	out := t.TempDir()
	for _, tc := range []struct {
		name, out, callerResults string
		want                     []string
	}{
		{"in place: the published results", "", "", []string{"A=1"}},
		{"--out: results beside the notebooks", out, "", []string{"A=1", lib.ResultsEnv + "=" + filepath.Join(out, "results")}},
		{"the caller's results folder wins", out, "/elsewhere", []string{"A=1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(lib.ResultsEnv, tc.callerResults)
			got, err := trialResultsEnv([]string{"A=1"}, tc.out)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("trialResultsEnv(%q) = %q, %v; want %q", tc.out, got, err, tc.want)
			}
		})
	}
}

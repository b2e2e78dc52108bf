package lib

import (
	"slices"
	"testing"
	"time"
)

func TestCoresBusy(t *testing.T) {
	run := func(wall, cpu time.Duration) *Report {
		start := time.Unix(0, 0)
		return &Report{Start: start, End: start.Add(wall), CPU: cpu}
	}
	tests := []struct {
		name    string
		reports []*Report
		want    []float64
	}{
		{"every run measured", []*Report{run(time.Second, time.Second), run(time.Second, 2*time.Second)}, []float64{1, 2}},
		{"one run not measured", []*Report{run(time.Second, time.Second), run(time.Second, 0)}, nil},
		{"no runs", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Measurement
			m.summarize(tt.reports, false)
			if !slices.Equal(m.CoresBusy, tt.want) {
				t.Errorf("CoresBusy = %v, want %v", m.CoresBusy, tt.want)
			}
		})
	}
}

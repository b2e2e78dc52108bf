package plots

import (
	"math"
	"testing"
)

func TestFitAmdahlRecovers(t *testing.T) {
	ps := []float64{1, 2, 3, 4, 6, 8}
	for _, f := range []float64{0, 0.02, 0.05, 0.1, 0.25, 0.5, 0.8, 1} {
		for _, amp := range []float64{0, 0.02} {
			s := make([]float64, len(ps))
			for i, p := range ps {
				// Deterministic noise of ±amp, alternating in sign with a
				// varying size, like run-to-run jitter.
				noise := amp * math.Sin(float64(7*i+3))
				s[i] = Amdahl(f, p) * (1 + noise)
			}
			got, err := FitAmdahl(ps, s)
			if err != nil {
				t.Fatalf("f=%v: %v", f, err)
			}
			if math.Abs(got-f) > 0.02 {
				t.Errorf("f=%v noise ±%v: fitted %v", f, amp, got)
			}
			if amp == 0 && math.Abs(got-f) > 1e-6 {
				t.Errorf("f=%v without noise: fitted %v, want exact", f, got)
			}
		}
	}
}

// TestFitAmdahlClamps: superlinear or slower-than-serial data give the
// boundary values, not a fraction outside [0, 1].
func TestFitAmdahlClamps(t *testing.T) {
	tests := []struct {
		ps, s []float64
		want  float64
	}{
		{[]float64{1, 2, 4}, []float64{1, 2.5, 5}, 0},
		{[]float64{1, 2, 4}, []float64{1, 0.8, 0.7}, 1},
	}
	for _, tt := range tests {
		got, err := FitAmdahl(tt.ps, tt.s)
		if err != nil || got != tt.want {
			t.Errorf("FitAmdahl(%v, %v) = %v, %v; want %v", tt.ps, tt.s, got, err, tt.want)
		}
	}
}

func TestFitAmdahlErrors(t *testing.T) {
	tests := []struct {
		name  string
		ps, s []float64
	}{
		{"lengths differ", []float64{1, 2}, []float64{1}},
		{"no data", nil, nil},
		{"only p=1", []float64{1, 1}, []float64{1, 0.98}},
		{"p below 1", []float64{0.5, 2}, []float64{1, 2}},
		{"NaN speedup", []float64{1, 2}, []float64{1, math.NaN()}},
		{"zero speedup", []float64{1, 2}, []float64{1, 0}},
		{"infinite p", []float64{1, math.Inf(1)}, []float64{1, 2}},
	}
	for _, tt := range tests {
		if f, err := FitAmdahl(tt.ps, tt.s); err == nil {
			t.Errorf("%s: FitAmdahl = %v, want an error", tt.name, f)
		}
	}
}

package plots

import (
	"errors"
	"fmt"
	"math"
)

// Amdahl is the speedup Amdahl's law predicts on p processors for a program
// whose serial fraction is f: 1 / (f + (1-f)/p).
func Amdahl(f, p float64) float64 { return 1 / (f + (1-f)/p) }

// FitAmdahl finds the serial fraction f in [0, 1] whose Amdahl curve is
// closest, in least squares, to the measured speedups at ps processors (or
// workers). It needs at least one point with p > 1, since every curve goes
// through (1, 1).
//
// The sum of squares is minimised by a grid search over f followed by a
// golden-section refinement around the best grid point: a single
// parameter on a closed interval does not warrant a general optimiser,
// and the grid step guards against a local minimum.
func FitAmdahl(ps, speedups []float64) (float64, error) {
	if len(ps) != len(speedups) {
		return 0, fmt.Errorf("fit Amdahl: %d processor counts but %d speedups", len(ps), len(speedups))
	}
	informative := 0
	for i := range ps {
		if !finite(ps[i]) || ps[i] < 1 {
			return 0, fmt.Errorf("fit Amdahl: processor count %v is not a number >= 1", ps[i])
		}
		if !finite(speedups[i]) || speedups[i] <= 0 {
			return 0, fmt.Errorf("fit Amdahl: speedup %v at p=%v is not a positive number", speedups[i], ps[i])
		}
		if ps[i] > 1 {
			informative++
		}
	}
	if informative == 0 {
		return 0, errors.New("fit Amdahl: no measurement with more than one processor")
	}
	sse := func(f float64) float64 {
		var s float64
		for i, p := range ps {
			d := speedups[i] - Amdahl(f, p)
			s += d * d
		}
		return s
	}
	const steps = 200
	best := 0
	for i := 1; i <= steps; i++ {
		if sse(float64(i)/steps) < sse(float64(best)/steps) {
			best = i
		}
	}
	lo := math.Max(0, float64(best-1)/steps)
	hi := math.Min(1, float64(best+1)/steps)
	// Golden-section search on [lo, hi].
	g := (math.Sqrt(5) - 1) / 2
	a, b := hi-g*(hi-lo), lo+g*(hi-lo)
	fa, fb := sse(a), sse(b)
	for hi-lo > 1e-9 {
		if fa < fb {
			hi, b, fb = b, a, fa
			a = hi - g*(hi-lo)
			fa = sse(a)
		} else {
			lo, a, fa = a, b, fb
			b = lo + g*(hi-lo)
			fb = sse(b)
		}
	}
	f := (lo + hi) / 2
	// The edges are not interior minima; the golden section can only
	// approach them, so compare explicitly.
	for _, edge := range []float64{0, 1} {
		if sse(edge) < sse(f) {
			f = edge
		}
	}
	return f, nil
}

// amdahlResult is the fit drawn on a speedup figure.
type amdahlResult struct {
	model  string
	serial float64
	upTo   float64 // the largest parallelism the fit used
}

// amdahlFit fits Amdahl's law to the line that reaches the highest
// speedup, using its points at no more than cpus (all points if cpus is
// unknown or that leaves nothing to fit).
func amdahlFit(lines []*speedupLine, cpus float64) (amdahlResult, string, bool) {
	var best *speedupLine
	peak := 0.0
	for _, l := range lines {
		for _, xy := range l.xy {
			if xy.X > 1 && xy.Y > peak {
				best, peak = l, xy.Y
			}
		}
	}
	if best == nil {
		return amdahlResult{}, "", false
	}
	fitOn := func(limit float64) ([]float64, []float64) {
		var ps, ss []float64
		for _, xy := range best.xy {
			if xy.X <= limit {
				ps, ss = append(ps, xy.X), append(ss, xy.Y)
			}
		}
		return ps, ss
	}
	ps, ss := fitOn(math.Inf(1))
	if cpus >= 2 {
		if cp, cs := fitOn(cpus); len(cp) > 0 && cp[len(cp)-1] > 1 {
			ps, ss = cp, cs
		}
	}
	f, err := FitAmdahl(ps, ss)
	if err != nil {
		return amdahlResult{}, "", false
	}
	upTo := ps[len(ps)-1]
	return amdahlResult{best.model, f, upTo}, fmt.Sprintf("Amdahl fit (%s): f = %.3f", best.label, f), true
}

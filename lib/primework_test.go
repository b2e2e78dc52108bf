package lib

import (
	"math"
	"testing"
)

func TestBestSplitSpeedup(t *testing.T) {
	tests := []struct {
		work  []int64
		cores int
		want  float64
	}{
		{[]int64{1, 1}, 2, 2},
		{[]int64{1, 1, 1}, 2, 1.5},                // three equal tasks: one core gets two
		{[]int64{5, 5, 5, 5, 5, 1}, 2, 26.0 / 15}, // five equal and a small one
		{[]int64{4, 3, 3, 2}, 2, 2},
		{[]int64{7}, 4, 1},
		{nil, 2, 1},
	}
	for _, tt := range tests {
		if got := BestSplitSpeedup(tt.work, tt.cores); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("BestSplitSpeedup(%v, %d) = %v, want %v", tt.work, tt.cores, got, tt.want)
		}
	}
}

func TestPrimeDivisions(t *testing.T) {
	nums, work := PrimeNumbers(), PrimeDivisions()
	for i, n := range nums {
		prime := IsPrime(nil, n)
		limit := int64(math.Sqrt(float64(n)))
		// A prime is tried against every odd divisor up to its root.
		if prime && work[i] != (limit-1)/2 {
			t.Errorf("%d is prime: %d divisions, want %d", n, work[i], (limit-1)/2)
		}
		if !prime && work[i] >= (limit-1)/2 {
			t.Errorf("%d is composite: the search should stop early, made %d divisions", n, work[i])
		}
	}
}

package lib

import (
	"math"
	"slices"
)

// PrimeNumbers returns the six numbers of the primes experiment, from the
// ProcessPoolExecutor example of the guide to writing concurrency test
// code in Python; a copy, so callers cannot change the experiment.
func PrimeNumbers() []int64 { return slices.Clone(primes) }

// PrimeDivisions counts the trial divisions IsPrime makes for each of
// PrimeNumbers: the work of each primes task, which is far from equal.
func PrimeDivisions() []int64 {
	nums := PrimeNumbers()
	work := make([]int64, len(nums))
	for i, n := range nums {
		if n < 3 || n%2 == 0 {
			continue
		}
		limit := int64(math.Sqrt(float64(n)))
		for d := int64(3); d <= limit; d += 2 {
			work[i]++
			if n%d == 0 {
				break
			}
		}
	}
	return work
}

// BestSplitSpeedup is the highest speedup that sharing tasks of the given
// sizes among cores can reach, when each task runs whole on one core: the
// total work over the busiest core's share in the best assignment. It
// tries every assignment, so it is for a handful of tasks.
func BestSplitSpeedup(work []int64, cores int) float64 {
	var total int64
	for _, w := range work {
		total += w
	}
	if total == 0 || cores < 1 {
		return 1
	}
	load := make([]int64, cores)
	best := total
	var assign func(i int)
	assign = func(i int) {
		if i == len(work) {
			best = min(best, slices.Max(load))
			return
		}
		for c := range load {
			load[c] += work[i]
			if load[c] < best { // a share already past the best cannot win
				assign(i + 1)
			}
			load[c] -= work[i]
		}
	}
	assign(0)
	return float64(total) / float64(best)
}

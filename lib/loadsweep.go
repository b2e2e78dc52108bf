package lib

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// SweepClosedLoop measures a closed loop at each pool size in workers, for
// each long, and returns one report per pool size, in the order given.
// On a shared machine a single hiccup can halve one short measurement, so
// the sweep runs rounds interleaved rounds (1, 2, 4, …, then 1, 2, 4, …
// again, so drift falls on every size alike) after a warm-up that opens
// each pool's connections, and keeps, for each size, the round whose
// throughput is the median.
func SweepClosedLoop(ctx context.Context, req Request, workers []int, rounds int, each time.Duration) ([]*LoadReport, error) {
	if len(workers) == 0 || rounds <= 0 || each <= 0 {
		return nil, fmt.Errorf("closed-loop sweep: workers %v, rounds %d and duration %v must be given", workers, rounds, each)
	}
	for _, w := range workers {
		if _, err := ClosedLoop(ctx, req, w, w, 0); err != nil { // warm-up: one request per worker
			return nil, err
		}
	}
	runs := make([][]*LoadReport, len(workers))
	for range rounds {
		for i, w := range workers {
			r, err := ClosedLoop(ctx, req, w, 1<<30, each)
			if err != nil {
				return nil, err
			}
			runs[i] = append(runs[i], r)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]*LoadReport, len(workers))
	for i, rs := range runs {
		sort.SliceStable(rs, func(a, b int) bool { return rs[a].Throughput() < rs[b].Throughput() })
		out[i] = rs[(len(rs)-1)/2]
	}
	return out, nil
}

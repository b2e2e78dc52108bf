package lib

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A Request is one request of a load test: it returns nil on success.
type Request func(ctx context.Context) error

// PostRequest is the load test's request: a small JSON document POSTed to
// base/api/echo of the flag server, as the Python load-test script posts
// one code-completion prompt.
func PostRequest(c *http.Client, base string) Request {
	url := strings.TrimRight(base, "/") + "/api/echo"
	body, _ := json.Marshal(map[string]string{"data": "def quicksort():"})
	return func(ctx context.Context) error {
		_, err := Post(ctx, c, nil, url, body)
		return err
	}
}

// LoadSample is one request of a load test.
type LoadSample struct {
	// Intended is when the schedule meant the request to start. An open
	// loop fixes it in advance; a closed loop sends when a worker is free,
	// so for it Intended is simply Start.
	Intended   time.Time
	Start, End time.Time
	Worker     int   // the closed loop's worker; the request's number in an open loop
	Err        error // nil on success; the context's error if never sent
}

// Latency is what a user arriving on schedule waited: End − Intended.
// Measuring from Start instead would let a generator that falls behind
// hide the time its requests spent waiting to be sent.
func (s LoadSample) Latency() time.Duration { return s.End.Sub(s.Intended) }

// LoadReport is the outcome of one load test.
type LoadReport struct {
	Mode       string  // "open-loop" or "closed-loop"
	Rate       float64 // open loop: requests started per second
	Workers    int     // closed loop: requests in flight at once
	Start, End time.Time
	Samples    []LoadSample // every request sent, in the order they were meant to start
}

// OpenLoop sends n requests at a constant rate, each in its own goroutine,
// whether or not earlier ones have been answered: the traffic of many
// independent users. A slow server therefore faces the same arrivals as a
// fast one, and every request's latency counts from when it was due.
// It returns when every request has finished; ctx cancels the rest.
func OpenLoop(ctx context.Context, req Request, rate float64, n int) (*LoadReport, error) {
	if !(rate > 0) || n <= 0 {
		return nil, fmt.Errorf("open loop: rate %v and count %d must be positive", rate, n)
	}
	interval := time.Duration(float64(time.Second) / rate)
	rep := &LoadReport{Mode: "open-loop", Rate: rate, Start: time.Now(), Samples: make([]LoadSample, n)}
	var wg sync.WaitGroup
	timer := time.NewTimer(0)
	defer timer.Stop()
	for i := range n {
		due := rep.Start.Add(time.Duration(i) * interval)
		timer.Reset(time.Until(due)) // fires at once if the loop is behind
		select {
		case <-timer.C:
		case <-ctx.Done():
		}
		s := &rep.Samples[i]
		s.Intended, s.Worker = due, i
		if err := ctx.Err(); err != nil {
			s.Err = err // never sent
			continue
		}
		wg.Go(func() {
			s.Start = time.Now()
			s.Err = req(ctx)
			s.End = time.Now()
		})
	}
	wg.Wait()
	rep.End = time.Now()
	return rep, nil
}

// ClosedLoop keeps workers requests in flight: each worker sends its next
// request as soon as its last one is answered, until n requests were sent
// or limit has passed (0: no time limit). This is what a pool of N threads
// does, and what most simple load tests do. When the server stalls, the
// workers wait with it and send nothing, so the stall is recorded once per
// worker instead of once per request that real users would have sent.
func ClosedLoop(ctx context.Context, req Request, workers, n int, limit time.Duration) (*LoadReport, error) {
	if workers <= 0 || n <= 0 || limit < 0 {
		return nil, fmt.Errorf("closed loop: workers %d and count %d must be positive, limit %v not negative", workers, n, limit)
	}
	rep := &LoadReport{Mode: "closed-loop", Workers: workers, Start: time.Now()}
	var sent atomic.Int64
	perWorker := make([][]LoadSample, workers) // no sharing while the test runs
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for ctx.Err() == nil && (limit == 0 || time.Since(rep.Start) < limit) && sent.Add(1) <= int64(n) {
				s := LoadSample{Worker: w, Start: time.Now()}
				s.Intended = s.Start
				s.Err = req(ctx)
				s.End = time.Now()
				perWorker[w] = append(perWorker[w], s)
			}
		})
	}
	wg.Wait()
	rep.End = time.Now()
	for _, ss := range perWorker {
		rep.Samples = append(rep.Samples, ss...)
	}
	sort.SliceStable(rep.Samples, func(i, j int) bool { return rep.Samples[i].Start.Before(rep.Samples[j].Start) })
	return rep, nil
}

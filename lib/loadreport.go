package lib

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"time"
)

// Latencies returns the latency of every successful request in seconds,
// fastest first.
func (r *LoadReport) Latencies() []float64 {
	var out []float64
	for _, s := range r.Samples {
		if s.Err == nil {
			out = append(out, s.Latency().Seconds())
		}
	}
	sort.Float64s(out)
	return out
}

// Percentile is the q-th percentile (0..100) of the successful requests'
// latencies (see Percentile); 0 if none succeeded.
func (r *LoadReport) Percentile(q float64) time.Duration {
	p := Percentile(r.Latencies(), q)
	if math.IsNaN(p) {
		return 0
	}
	return time.Duration(p * float64(time.Second))
}

// Mean is the average latency of the successful requests: the one number
// the Python script printed.
func (r *LoadReport) Mean() time.Duration {
	return time.Duration(Summarize(r.Latencies()).Mean * float64(time.Second))
}

// Over counts the successful requests that waited longer than d: the
// slow requests, counted rather than ranked.
func (r *LoadReport) Over(d time.Duration) int {
	n := 0
	for _, s := range r.Samples {
		if s.Err == nil && s.Latency() > d {
			n++
		}
	}
	return n
}

// Errors counts the requests that failed or were never sent.
func (r *LoadReport) Errors() int {
	n := 0
	for _, s := range r.Samples {
		if s.Err != nil {
			n++
		}
	}
	return n
}

// Throughput is the successful answers per second over the whole test.
func (r *LoadReport) Throughput() float64 {
	wall := r.End.Sub(r.Start).Seconds()
	if wall <= 0 {
		return 0
	}
	return float64(len(r.Samples)-r.Errors()) / wall
}

// String summarises the report in one line: what ran, and its p50, p99,
// p99.9 and maximum.
func (r *LoadReport) String() string {
	what := fmt.Sprintf("closed loop, %d workers", r.Workers)
	if r.Mode == "open-loop" {
		what = fmt.Sprintf("open loop, %g requests/s", r.Rate)
	}
	return fmt.Sprintf("%s: %d requests (%d failed) in %v, %.0f answers/s; p50 %v, p99 %v, p99.9 %v, max %v",
		what, len(r.Samples), r.Errors(), r.End.Sub(r.Start).Round(time.Millisecond), r.Throughput(),
		r.Percentile(50).Round(time.Millisecond), r.Percentile(99).Round(time.Millisecond),
		r.Percentile(99.9).Round(time.Millisecond), r.Percentile(100).Round(time.Millisecond))
}

// Measurement records the report in the results format, so a load test is
// saved, plotted (plots.LatencyFigure) and quoted like any experiment. Each
// request becomes a Span from when it was due to when it was answered.
// Workers is the closed loop's pool size; for an open loop it is the peak
// number of requests in flight, and each request's lane (Span.Worker) is
// the lowest one free when it was due, so a timeline shows the pile-up.
func (r *LoadReport) Measurement(delay time.Duration) Measurement {
	wall := r.End.Sub(r.Start).Seconds()
	m := Measurement{
		Workload: "io", Kernel: "post", Model: r.Mode, Tasks: len(r.Samples), Workers: r.Workers,
		GOMAXPROCS: runtime.GOMAXPROCS(0), DelayS: delay.Seconds(),
		RunsS: []float64{wall}, MinS: wall, MedianS: wall, MeanS: wall, MaxS: wall,
		Errors: r.Errors(),
	}
	lanes := r.lanes()
	seen := map[string]bool{}
	for i, s := range r.Samples {
		sp := Span{Task: i, Name: fmt.Sprintf("req-%d", i+1), Worker: lanes[i]}
		if !s.Start.IsZero() {
			sp.StartS, sp.EndS = s.Intended.Sub(r.Start).Seconds(), s.End.Sub(r.Start).Seconds()
		}
		if s.Err != nil {
			sp.Err = s.Err.Error()
			if len(m.ErrorSamples) < 5 && !seen[sp.Err] {
				seen[sp.Err] = true
				m.ErrorSamples = append(m.ErrorSamples, sp.Err)
			}
		}
		m.Timeline = append(m.Timeline, sp)
	}
	if r.Mode == "open-loop" {
		for _, l := range lanes {
			m.Workers = max(m.Workers, l+1)
		}
	}
	return m
}

// lanes gives each request a lane: the closed loop's worker, or for an
// open loop the lowest lane not busy when the request was due. Requests
// never sent get -1.
func (r *LoadReport) lanes() []int {
	out := make([]int, len(r.Samples))
	var busyUntil []time.Time // per lane, when its last request ended
	for i, s := range r.Samples {
		switch {
		case s.Start.IsZero():
			out[i] = -1
		case r.Mode != "open-loop":
			out[i] = s.Worker
		default:
			lane := len(busyUntil)
			for l, t := range busyUntil {
				if !t.After(s.Intended) {
					lane = l
					break
				}
			}
			if lane == len(busyUntil) {
				busyUntil = append(busyUntil, time.Time{})
			}
			busyUntil[lane] = s.End
			out[i] = lane
		}
	}
	return out
}

// LoadTestResults gathers load-test reports into one result set, saved as
// results/loadtest.json: the first report is the one quoted elsewhere.
func LoadTestResults(title string, delay time.Duration, reports ...*LoadReport) *ResultSet {
	rs := &ResultSet{Schema: ResultsSchema, Experiment: "loadtest", Title: title, Env: CurrentEnv()}
	for _, r := range reports {
		rs.Results = append(rs.Results, r.Measurement(delay))
	}
	return rs
}

package lib

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// Run measures the experiment. Every configuration first runs one warm-up
// wave — as many tasks as it runs at once, which opens every connection
// and starts every worker it will need — and then the measured runs are
// interleaved: A B C, A B C, … On a shared machine the speed drifts
// between seconds; interleaving spreads the drift over every
// configuration alike, where measuring all of A and then all of B would
// put it into the ratio between them.
//
// Run returns what was measured even when tasks failed (their count is in
// each Measurement's Errors); it returns an error only when the
// experiment could not run, or ctx was cancelled.
func (e Experiment) Run(ctx context.Context, opt RunOptions) (*ResultSet, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if e.Check != nil {
		if err := e.Check(ctx); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("experiment %s: %w: %w", e.Name, ErrUnavailable, err)
		}
	}
	rs := &ResultSet{Schema: ResultsSchema, Experiment: e.Name, Title: e.Title, Env: CurrentEnv()}
	if e.Workload == "memory" {
		for _, n := range e.Sizes {
			if err := ctx.Err(); err != nil {
				return rs, err
			}
			rs.Memory = append(rs.Memory, GoroutineMemory(n))
		}
		return rs, nil
	}
	base, dir, cleanup, err := e.setUp(opt)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	trials, err := e.prepare(opt, base, dir, &rs.Env)
	defer func() {
		for _, t := range trials {
			t.client.CloseIdleConnections()
		}
	}()
	if err != nil {
		return nil, err
	}
	stats := &statsProbe{base: base, on: e.Workload == "io"}
	total, done := len(trials), 0
	for _, t := range trials {
		total += t.repeat
	}
	tick := func() {
		done++
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	for round := 0; round <= e.Repeat; round++ { // round 0 is the warm-up
		for _, t := range trials {
			if round > t.repeat {
				continue
			}
			if err := t.runOnce(ctx, round == 0, stats); err != nil {
				return rs, err
			}
			tick()
		}
	}
	for _, t := range trials {
		m := t.finish(e.Timeline)
		rs.Results = append(rs.Results, m)
		if opt.Log != nil {
			opt.Log(m)
		}
	}
	return rs, nil
}

// setUp starts the embedded flag server for an I/O experiment (unless
// opt.Target names one) and makes the download folder of the flags
// kernel; cleanup undoes both.
func (e Experiment) setUp(opt RunOptions) (base, dir string, cleanup func(), err error) {
	var undo []func()
	cleanup = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	base, dir = opt.Target, opt.Dir
	if e.Workload == "io" && base == "" {
		cfg := flagserver.Config{Delay: e.Delay, Jitter: e.Jitter, Seed: 1, TailFraction: e.TailFraction, TailFactor: e.TailFactor}
		var srv interface {
			Close() error
		}
		if opt.InProcessServer {
			s, err := flagserver.Start(cfg)
			if err != nil {
				return "", "", cleanup, err
			}
			srv, base = s, s.URL
		} else {
			s, err := flagserver.StartProcess(cfg)
			if err != nil {
				return "", "", cleanup, err
			}
			srv, base = s, s.URL
		}
		undo = append(undo, func() { srv.Close() })
	}
	switch {
	case e.Kernel == "flags" && dir == "":
		tmp, err := os.MkdirTemp("", "flags-")
		if err != nil {
			cleanup()
			return "", "", func() {}, err
		}
		undo = append(undo, func() { os.RemoveAll(tmp) })
		dir = tmp
	case dir != "":
		if err := EnsureDir(dir); err != nil {
			cleanup()
			return "", "", func() {}, err
		}
	}
	return base, dir, cleanup, nil
}

// statsProbe brackets each measured run of an I/O experiment with the
// flag server's /stats, to record how many requests were really in flight
// at once. A server without /stats (another target) is asked once.
type statsProbe struct {
	base   string
	on     bool
	client http.Client
}

func (p *statsProbe) reset(ctx context.Context) {
	if !p.on {
		return
	}
	p.client.Timeout = 5 * time.Second
	if _, err := flagserver.FetchStats(ctx, &p.client, p.base, true); err != nil {
		p.on = false
	}
}

func (p *statsProbe) peak(ctx context.Context) int64 {
	if !p.on {
		return 0
	}
	st, err := flagserver.FetchStats(ctx, &p.client, p.base, false)
	if err != nil {
		p.on = false
		return 0
	}
	return st.PeakInFlight
}

// repeatFor is how many measured runs a model gets: RepeatFor's, at most
// Repeat, or Repeat.
func (e Experiment) repeatFor(model string) int {
	if n, ok := e.RepeatFor[model]; ok && n > 0 {
		return min(n, e.Repeat)
	}
	return e.Repeat
}

package flagserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
)

// inFlight counts the requests a server is working on, and the most it has
// worked on at once since the peak was last reset: how concurrent a run
// really was, seen from the server, not inferred from the client's clock.
type inFlight struct {
	now, peak atomic.Int64
}

func (f *inFlight) enter() {
	n := f.now.Add(1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			return
		}
	}
}

func (f *inFlight) leave() { f.now.Add(-1) }

// resetPeak starts a new peak from the requests in flight now.
func (f *inFlight) resetPeak() { f.peak.Store(f.now.Load()) }

// Stats is what the flag server's /stats endpoint reports (see FetchStats).
type Stats struct {
	Requests     int64 `json:"requests"`       // requests answered or being answered
	Connections  int64 `json:"connections"`    // TCP connections accepted
	InFlight     int64 `json:"in_flight"`      // requests being worked on now
	PeakInFlight int64 `json:"peak_in_flight"` // the most at once since the last reset
}

// PeakInFlight is the most requests the server has worked on at once since
// ResetPeak (or its start).
func (s *Server) PeakInFlight() int64 { return s.inflight.peak.Load() }

// ResetPeak starts a new in-flight peak.
func (s *Server) ResetPeak() { s.inflight.resetPeak() }

// serveStats answers /stats with the counters as JSON; /stats?reset=peak
// first starts a new peak, so a client can bracket one run.
func (s *Server) serveStats(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("reset") == "peak" {
		s.ResetPeak()
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(Stats{
		Requests: s.requests.Load(), Connections: s.conns.Load(),
		InFlight: s.inflight.now.Load(), PeakInFlight: s.inflight.peak.Load(),
	})
}

// FetchStats asks the flag server at base — in this process, in a child
// process or elsewhere — for its counters over HTTP; with resetPeak it
// starts a new in-flight peak first.
func FetchStats(ctx context.Context, c *http.Client, base string, resetPeak bool) (Stats, error) {
	url := strings.TrimRight(base, "/") + "/stats"
	if resetPeak {
		url += "?reset=peak"
	}
	var st Stats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return st, fmt.Errorf("server stats from %s: %w", url, err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return st, fmt.Errorf("server stats from %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return st, fmt.Errorf("server stats: %s from %s", resp.Status, url)
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return st, fmt.Errorf("server stats from %s: %w", url, err)
	}
	return st, nil
}

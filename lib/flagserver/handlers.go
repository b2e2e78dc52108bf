package flagserver

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The flag server's request handling: routing, the flag and echo
// endpoints, and the delays and faults a server can be configured with.

// ServeHTTP routes a request, after refusing path tricks outright: Go's
// ServeMux would answer "/flags/../x" with a redirect, and a test target
// should say plainly that the request is bad.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if badPath(r) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if r.URL.Path == "/healthz" {
		w.Write([]byte("ok\n"))
		return
	}
	if r.URL.Path == "/stats" {
		s.serveStats(w, r)
		return
	}
	n := s.requests.Add(1)
	s.inflight.enter()
	defer s.inflight.leave()
	if !s.wait(r.Context(), n) {
		return // the client went away while we "worked"
	}
	switch {
	case s.cfg.DropEvery > 0 && n%int64(s.cfg.DropEvery) == 0, s.chance(s.cfg.DropRate):
		dropConnection(w)
		return
	case s.cfg.FailEvery > 0 && n%int64(s.cfg.FailEvery) == 0, s.chance(s.cfg.FailRate):
		http.Error(w, "injected failure", http.StatusInternalServerError)
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/flags/"):
		s.serveFlag(w, r)
	case r.URL.Path == "/slow":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("done\n"))
	case r.URL.Path == "/api/echo":
		serveEcho(w, r)
	default:
		http.NotFound(w, r)
	}
}

// badPath spots dot segments, doubled or encoded slashes and backslashes.
func badPath(r *http.Request) bool {
	raw := r.URL.EscapedPath()
	lower := strings.ToLower(raw)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") ||
		strings.Contains(raw, "\\") || strings.Contains(raw, "//") {
		return true
	}
	for _, seg := range strings.Split(r.URL.Path, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}

func (s *Server) serveFlag(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// /flags/{cc}/{cc}.gif
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/flags/"), "/")
	if len(parts) != 2 || parts[1] != parts[0]+".gif" {
		http.NotFound(w, r)
		return
	}
	img, ok := s.flags[parts[0]]
	if !ok {
		http.Error(w, "unknown country code "+strconv.Quote(parts[0]), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "image/gif")
	w.Header().Set("Content-Length", strconv.Itoa(len(img)))
	w.Write(img)
}

func serveEcho(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	var in map[string]any
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, "want a JSON object: "+err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "fields": len(in), "bytes": len(body)})
}

// wait takes a slot when capacity is limited, then sleeps for the
// configured latency, or gives up when the client does.
func (s *Server) wait(ctx context.Context, n int64) bool {
	if s.slots != nil {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		case <-ctx.Done():
			return false
		}
	}
	d := s.stallLeft(time.Now()) + s.delay(n)
	if s.cfg.Jitter > 0 {
		s.rngMu.Lock()
		d += time.Duration(s.rng.Int64N(int64(s.cfg.Jitter) + 1))
		s.rngMu.Unlock()
	}
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) chance(p float64) bool {
	if p <= 0 {
		return false
	}
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	return s.rng.Float64() < p
}

// dropConnection answers half and then aborts the connection, as a server
// that crashes mid-response would. It drops mid-answer on purpose: Go's
// Transport silently retries an idempotent request whose reused connection
// closed before any byte of the answer arrived, which would hide the fault.
func dropConnection(w http.ResponseWriter) {
	w.Header().Set("Content-Length", "1024")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte("partial"))
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler) // net/http closes the connection without logging
}

package flagserver

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures the embedded flag server.
type Config struct {
	// Addr to listen on; "127.0.0.1:0" (a free loopback port) if empty.
	Addr string
	// AllowRemote permits a non-loopback Addr. The server is a test target
	// and binds to loopback unless asked otherwise.
	AllowRemote bool
	// Delay is added to every answer, plus a uniform random extra of up to
	// Jitter: the network and server latency the flags benchmark measured.
	Delay, Jitter time.Duration
	// FailRate and DropRate are the fractions of requests (0..1) answered
	// with 500 and with a dropped connection, chosen at random.
	FailRate, DropRate float64
	// FailEvery and DropEvery fail every k-th request (counting from 1)
	// instead, so a test knows exactly how many failures to expect.
	FailEvery, DropEvery int
	// Seed makes the random faults and jitter repeatable.
	Seed uint64
	// HeaderTimeout is how long a client may take to send a request's
	// headers (0: 5 s). It is what stops a slowloris client — one that
	// opens connections and trickles its headers a byte at a time — from
	// holding connections forever.
	HeaderTimeout time.Duration
	// Capacity is how many requests the server works on at once (0: no
	// limit). Requests beyond it queue, as on a real server with a fixed
	// number of workers, so latency grows with load once it is reached.
	Capacity int
	// TailFraction of the requests (0..1) wait TailFactor times Delay
	// (0: ten times) instead of Delay: the rare slow answers an average
	// hides. Exactly one request in every round(1/TailFraction) is slow,
	// at a place in that block drawn from Seed (see tail.go).
	TailFraction, TailFactor float64
	// StallEvery and StallFor freeze the server for StallFor once every
	// StallEvery, counted from its start: a request that arrives during a
	// stall waits for its end before its own delay begins, as behind a
	// long garbage-collection pause or a full disk.
	StallEvery, StallFor time.Duration
}

// Validate reports a configuration that cannot be served.
func (c Config) Validate() error {
	switch {
	case c.Delay < 0 || c.Jitter < 0:
		return fmt.Errorf("delay %v and jitter %v must not be negative", c.Delay, c.Jitter)
	case c.FailRate < 0 || c.FailRate > 1 || c.DropRate < 0 || c.DropRate > 1:
		return fmt.Errorf("fail rate %v and drop rate %v must be between 0 and 1", c.FailRate, c.DropRate)
	case c.FailEvery < 0 || c.DropEvery < 0:
		return fmt.Errorf("fail-every %d and drop-every %d must not be negative", c.FailEvery, c.DropEvery)
	case c.HeaderTimeout < 0:
		return fmt.Errorf("header timeout %v must not be negative", c.HeaderTimeout)
	case c.Capacity < 0:
		return fmt.Errorf("capacity %d must not be negative", c.Capacity)
	}
	return c.validateTail()
}

// Server is the embedded loopback server the I/O workloads talk to. It
// replaces the public flag site of the flags benchmark, so nobody else's server is
// hammered by a benchmark. Endpoints:
//
//	GET  /flags/{cc}/{cc}.gif  a generated flag (194 codes, lower case)
//	GET  /slow                 "sleep, then answer": only the configured delay
//	POST /api/echo             the load-test target: a JSON object in, a JSON object out
//	GET  /healthz              answers at once, without delay or faults
//	GET  /stats                its counters as JSON, without delay or faults (stats.go)
type Server struct {
	// URL is the server's base URL, such as http://127.0.0.1:40123.
	URL string

	cfg      Config
	srv      *http.Server
	ln       net.Listener
	flags    map[string][]byte
	requests atomic.Int64
	conns    atomic.Int64
	inflight inFlight // requests being worked on, and the peak (stats.go)
	rngMu    sync.Mutex
	rng      *rand.Rand
	slots    chan struct{} // one per request being worked on, when Capacity > 0
	done     chan struct{}
	started  time.Time // the origin of StallEvery
}

// Limits that keep a misbehaving client from holding the server.
const (
	serverHeaderTimeout = 5 * time.Second
	serverMaxHeader     = 16 << 10
)

// MaxBody is the largest request body /api/echo accepts, in bytes; a larger
// one is answered 413. It is exported so that a load test can size its
// payloads below it, and a test can send one just above it.
const MaxBody = 1 << 20

// Start generates the flags and starts serving in the background.
// Call Close when done.
func Start(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if !cfg.AllowRemote {
		if err := requireLoopback(cfg.Addr); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("flag server: listen on %s: %w", cfg.Addr, err)
	}
	s := &Server{
		URL:   "http://" + ln.Addr().String(),
		cfg:   cfg,
		ln:    ln,
		flags: make(map[string][]byte, len(countryCodes)),
		rng:   rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed)),
		done:  make(chan struct{}),
	}
	for _, cc := range countryCodes {
		s.flags[strings.ToLower(cc)] = FlagGIF(cc)
	}
	if cfg.Capacity > 0 {
		s.slots = make(chan struct{}, cfg.Capacity)
	}
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: cmp.Or(cfg.HeaderTimeout, serverHeaderTimeout),
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    serverMaxHeader,
		ErrorLog:          quietLog(),
		ConnState: func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				s.conns.Add(1)
			}
		},
	}
	s.started = time.Now() // once the flags are drawn: stalls count from here
	go func() {
		defer close(s.done)
		s.srv.Serve(ln)
	}()
	return s, nil
}

// Close stops the server, dropping open connections, and waits for it.
func (s *Server) Close() error {
	err := s.srv.Close()
	<-s.done
	return err
}

// Shutdown stops accepting connections and waits for requests in flight,
// until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err == nil {
		<-s.done
	}
	return err
}

// Requests counts the requests served so far (health checks excluded).
func (s *Server) Requests() int64 { return s.requests.Load() }

// Connections counts the TCP connections accepted so far: how many
// handshakes the clients paid for, which keep-alive is meant to save.
func (s *Server) Connections() int64 { return s.conns.Load() }

// FlagURL is the URL of a country's flag on this server.
func (s *Server) FlagURL(cc string) string { return FlagURL(s.URL, cc) }

// FlagURL is the URL of a country's flag on a flag server at base, in the
// flags benchmark's scheme: base/flags/cc/cc.gif with cc in lower case.
func FlagURL(base, cc string) string {
	cc = strings.ToLower(cc)
	return strings.TrimRight(base, "/") + "/flags/" + cc + "/" + cc + ".gif"
}

// requireLoopback refuses addresses outside 127.0.0.0/8 and ::1.
func requireLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if !IsLoopbackHost(host) {
		return fmt.Errorf("address %q is not a loopback address (use 127.0.0.1, or allow remote explicitly)", addr)
	}
	return nil
}

// IsLoopbackHost reports whether host is "localhost" or a loopback IP.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

package lib

import (
	"context"
	"net"
	"net/http"
	"time"
)

// RequestTimeout bounds every request of the I/O workloads, so a stuck
// server fails a task instead of hanging a run.
const RequestTimeout = 30 * time.Second

// maxDialing bounds the TCP handshakes one client has in progress.
const maxDialing = 256

// NewHTTPClient returns a client for up to conns concurrent requests to one
// host.
//
// One *http.Client is safe for use by any number of goroutines at once —
// unlike Python's requests.Session, whose thread-safety its own maintainers
// would not promise, so the Python tutorials made one session per thread. What must be
// sized is the Transport's pool of idle keep-alive connections:
// http.DefaultTransport keeps at most MaxIdleConnsPerHost = 2 per host. With
// 20 goroutines, 18 connections are closed after every wave of requests and
// opened again for the next — a TCP handshake each time, thousands of
// sockets in TIME_WAIT, and under heavy load "cannot assign requested
// address" when the ephemeral ports run out. Keeping conns idle
// connections per host reuses them instead.
//
// The client also bounds how many connections it opens at once (not how
// many requests it makes): 10,000 simultaneous connects overflow a
// server's listen backlog (net.core.somaxconn, often 4096), the kernel
// drops the extra handshakes, and the client's kernel retries them after
// 1, 3, 7, 15 seconds — no error, just a 30-second tail.
func NewHTTPClient(conns int) *http.Client {
	conns = max(conns, 2)
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	dialing := make(chan struct{}, maxDialing)
	tr := &http.Transport{
		Proxy: nil, // loopback targets: never go through a proxy
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			select {
			case dialing <- struct{}{}:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			defer func() { <-dialing }()
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConns:          conns,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: RequestTimeout,
		ForceAttemptHTTP2:     false,
	}
	return &http.Client{Transport: tr, Timeout: RequestTimeout}
}

// defaultClient serves tasks run by kind (in worker processes and when a
// task carries no client of its own): one per process, as each Python
// worker process had its own session.
var defaultClient = NewHTTPClient(64)

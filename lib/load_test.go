package lib

import (
	"context"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"
	"github.com/gomeasure/concurrency/lib/flagserver"
)

// TestLoad10kConcurrentRequests: ten thousand requests in flight at once,
// one goroutine each, against the flag server in its own process: none may
// fail, and neither process may use more than 512 MiB at its peak. Under
// -race the requests are still checked but memory is only logged: the race
// detector's shadow memory made the client peak at 1.6 GiB on CI, a cost
// of the detector, not of the code.
func TestLoad10kConcurrentRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 connections")
	}
	const n, limit = 10_000, 512 << 20
	if err := ResetPeakRSS(); err != nil {
		t.Skipf("needs Linux's /proc: %v", err)
	}
	srv, err := flagserver.StartProcess(flagserver.Config{Delay: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := NewHTTPClient(n)
	defer c.CloseIdleConnections()
	rep := Goroutines().Run(context.Background(), SlowTasks(c, srv.URL, n))
	serverPeak, err := PeakRSS(srv.Pid())
	if err != nil {
		t.Fatal(err)
	}
	clientPeak, err := PeakRSS(0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() != 0 {
		t.Errorf("%d of %d requests failed; first: %v", rep.Errors(), n, rep.Err())
	}
	for _, p := range []struct {
		who  string
		peak int64
	}{{"client (this process)", clientPeak}, {"server process", serverPeak}} {
		if p.peak > limit && !testenv.Race {
			t.Errorf("%s peaked at %d MiB, limit %d MiB", p.who, p.peak>>20, limit>>20)
		}
	}
	if testenv.Race {
		t.Logf("race build: peak memory logged, not held to %d MiB", limit>>20)
	}
	t.Logf("%d concurrent requests in %v, %d errors; peak RSS: client %d MiB, server %d MiB",
		n, rep.Wall().Round(time.Millisecond), rep.Errors(), clientPeak>>20, serverPeak>>20)
}

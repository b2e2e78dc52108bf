package lib

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// The flag server's own tests are in lib/flagserver. These drive it with
// lib's client, runners and workloads, so they test both ends at once and
// stay here, where lib may import the server (flagserver imports no lib).

// startServer starts an in-process flag server that the test closes.
func startServer(t *testing.T, cfg flagserver.Config) *flagserver.Server {
	t.Helper()
	srv, err := flagserver.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func TestEchoEndpoint(t *testing.T) {
	srv := startServer(t, flagserver.Config{})
	c := NewHTTPClient(2)
	defer c.CloseIdleConnections()
	ctx := context.Background()
	if n, err := Post(ctx, c, nil, srv.URL+"/api/echo", []byte(`{"a": 1}`)); err != nil || n == 0 {
		t.Errorf("valid POST: %d bytes, %v", n, err)
	}
	if _, err := Post(ctx, c, nil, srv.URL+"/api/echo", []byte(`not json`)); err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("bad JSON: err = %v, want 400", err)
	}
	big := []byte(`{"a": "` + strings.Repeat("x", flagserver.MaxBody) + `"}`)
	if _, err := Post(ctx, c, nil, srv.URL+"/api/echo", big); err == nil || !strings.Contains(err.Error(), "413") {
		t.Errorf("oversized body: err = %v, want 413", err)
	}
}

// With "every k-th request fails", the number of failures is known exactly.
func TestInjectedFaultsAreCountedExactly(t *testing.T) {
	for _, tt := range []struct {
		name     string
		cfg      flagserver.Config
		n, fails int
		contains string
	}{
		{"500s", flagserver.Config{FailEvery: 4}, 20, 5, "500"},
		{"drops", flagserver.Config{DropEvery: 5}, 20, 4, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, tt.cfg)
			c := NewHTTPClient(4)
			defer c.CloseIdleConnections()
			// Sequential, so the server counts requests in task order.
			rep := Sequential().Run(context.Background(), SlowTasks(c, srv.URL, tt.n))
			if rep.Errors() != tt.fails {
				t.Errorf("%d failed, want %d", rep.Errors(), tt.fails)
			}
			if err := rep.Err(); err == nil || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("first error %v, want it to mention %q", err, tt.contains)
			}
		})
	}
}

// A client whose idle pool is smaller than its concurrency reconnects on
// every wave of requests; one sized for it reuses its connections.
func TestConnectionReuse(t *testing.T) {
	srv := startServer(t, flagserver.Config{Delay: 5 * time.Millisecond})
	small := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}
	for _, tt := range []struct {
		name   string
		client *http.Client
		check  func(conns int64) bool
	}{
		{"MaxIdleConnsPerHost=2", small, func(n int64) bool { return n > 20 }},
		{"sized for 10", NewHTTPClient(10), func(n int64) bool { return n <= 10 }},
	} {
		before := srv.Connections()
		for range 3 {
			if rep := Goroutines().Run(context.Background(), SlowTasks(tt.client, srv.URL, 10)); rep.Errors() > 0 {
				t.Fatal(rep.Err())
			}
		}
		tt.client.CloseIdleConnections()
		if n := srv.Connections() - before; !tt.check(n) {
			t.Errorf("%s: %d connections for 3 waves of 10 requests", tt.name, n)
		}
	}
}

// With capacity 2, no more than two requests are worked on at once, so ten
// requests of 20 ms each are served in waves.
func TestServerCapacityQueuesRequests(t *testing.T) {
	srv := startServer(t, flagserver.Config{Delay: 20 * time.Millisecond, Capacity: 2})
	c := NewHTTPClient(10)
	defer c.CloseIdleConnections()
	rep := Goroutines().Run(context.Background(), SlowTasks(c, srv.URL, 10))
	if rep.Errors() != 0 {
		t.Fatal(rep.Err())
	}
	// Five waves of 20 ms at the least; behaviour, not a timing bound.
	if rep.Wall() < 100*time.Millisecond {
		t.Errorf("10 requests at capacity 2 took %v, less than five waves of 20 ms", rep.Wall())
	}
}

func TestStuckServerFailsByTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var conns []net.Conn
	done := make(chan struct{})
	go func() { // accept and never answer
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	c := NewHTTPClient(2)
	c.Timeout = 200 * time.Millisecond
	start := time.Now()
	_, err = Get(context.Background(), c, nil, "http://"+ln.Addr().String()+"/slow")
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("stuck server: err = %v after %v, want a timeout", err, time.Since(start))
	}
	c.CloseIdleConnections()
	ln.Close()
	<-done
	for _, c := range conns {
		c.Close()
	}
}

func TestDownloadSavesAtomically(t *testing.T) {
	srv := startServer(t, flagserver.Config{})
	dir := t.TempDir()
	c := NewHTTPClient(4)
	defer c.CloseIdleConnections()
	rep := NewPool(4).Run(context.Background(), FlagTasks(c, srv.URL, dir, 20))
	if rep.Errors() != 0 {
		t.Fatal(rep.Err())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 20 {
		t.Errorf("%d files saved, want 20", len(entries))
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".gif") || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("unexpected file %q (a temp file left behind?)", e.Name())
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "cn.gif"))
	if !bytes.Equal(got, flagserver.FlagGIF("CN")) {
		t.Error("cn.gif differs from the served flag")
	}
	// A failing download leaves nothing behind.
	bad := DownloadArg{URL: srv.URL + "/flags/zz/zz.gif", Dir: dir, File: "zz.gif"}
	if _, err := Download(context.Background(), c, nil, bad); err == nil {
		t.Error("download of an unknown flag succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "zz.gif")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("failed download left a file: %v", err)
	}
}

// TestFlagServerProcess also checks lib's side of the child process: the
// test binary's child becomes a server only because lib's init calls
// flagserver.ServeIfChild.
func TestFlagServerProcess(t *testing.T) {
	srv, err := flagserver.StartProcess(flagserver.Config{FailEvery: 2})
	if err != nil {
		t.Fatal(err)
	}
	c := NewHTTPClient(2)
	defer c.CloseIdleConnections()
	rep := Sequential().Run(context.Background(), SlowTasks(c, srv.URL, 4))
	if rep.Errors() != 2 {
		t.Errorf("%d errors from a server failing every 2nd request, want 2", rep.Errors())
	}
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := flagserver.StartProcess(flagserver.Config{Addr: "8.8.8.8:80"}); err == nil {
		t.Error("a server process on a public address started")
	}
}

// TestTailServed checks the slow answers end to end: of 20 requests with
// one in ten slow, exactly two take at least TailFactor × Delay.
func TestTailServed(t *testing.T) {
	const delay, factor = 10 * time.Millisecond, 20
	srv := startServer(t, flagserver.Config{Delay: delay, TailFraction: 0.1, TailFactor: factor, Seed: 3})
	client := NewHTTPClient(1)
	defer client.CloseIdleConnections()
	slow := 0
	for range 20 {
		start := time.Now()
		if _, err := Get(context.Background(), client, nil, srv.URL+"/slow"); err != nil {
			t.Fatal(err)
		}
		if time.Since(start) >= factor*delay {
			slow++
		}
	}
	if slow != 2 {
		t.Errorf("%d of 20 requests took at least %v, want 2", slow, factor*delay)
	}
}

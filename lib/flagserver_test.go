package lib

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/gif"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func startServer(t *testing.T, cfg ServerConfig) *FlagServer {
	t.Helper()
	srv, err := StartFlagServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// rawStatus sends a request line as written, so that neither the client nor
// the URL parser can tidy a hostile path before the server sees it.
func rawStatus(t *testing.T, srv *FlagServer, method, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", method, target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestFlagServerPaths(t *testing.T) {
	srv := startServer(t, ServerConfig{})
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/flags/cn/cn.gif", 200},
		{"HEAD", "/flags/fr/fr.gif", 200},
		{"GET", "/flags/zz/zz.gif", 404},
		{"GET", "/flags/cn/us.gif", 404},
		{"GET", "/flags/CN/CN.gif", 404},
		{"GET", "/flags/cn/cn.gif/extra", 404},
		{"POST", "/flags/cn/cn.gif", 405},
		{"GET", "/flags/../etc/passwd", 400},
		{"GET", "/flags/cn/../us/us.gif", 400},
		{"GET", "/flags/./cn/cn.gif", 400},
		{"GET", "/flags/cn%2fcn.gif", 400},
		{"GET", "/flags/cn%2Fcn/cn.gif", 400},
		{"GET", "/flags//cn/cn.gif", 400},
		{"GET", "/flags/cn%5ccn.gif", 400},
		{"GET", "/slow", 200},
		{"GET", "/api/echo", 405},
		{"GET", "/healthz", 200},
		{"GET", "/nothing", 404},
	} {
		if got := rawStatus(t, srv, tt.method, tt.path); got != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, got, tt.want)
		}
	}
}

func TestFlagsAreDistinctGIFsOfAFewKiB(t *testing.T) {
	if len(CountryCodes()) != 194 {
		t.Fatalf("%d country codes, want 194", len(CountryCodes()))
	}
	seen := map[string]string{}
	for _, cc := range CountryCodes() {
		b := FlagGIF(cc)
		if _, err := gif.Decode(bytes.NewReader(b)); err != nil {
			t.Fatalf("%s: not a GIF: %v", cc, err)
		}
		if len(b) < 1000 || len(b) > 16000 {
			t.Errorf("%s: %d bytes, want a few KiB", cc, len(b))
		}
		if other, dup := seen[string(b)]; dup {
			t.Errorf("%s and %s have the same flag", cc, other)
		}
		seen[string(b)] = cc
		if !bytes.Equal(b, FlagGIF(cc)) {
			t.Fatalf("%s: flag is not deterministic", cc)
		}
	}
	for _, cc := range Pop20 {
		if !knownCountry[strings.ToLower(cc)] {
			t.Errorf("Pop20 code %s is not served", cc)
		}
	}
}

func TestEchoEndpoint(t *testing.T) {
	srv := startServer(t, ServerConfig{})
	c := NewHTTPClient(2)
	defer c.CloseIdleConnections()
	ctx := context.Background()
	if n, err := Post(ctx, c, nil, srv.URL+"/api/echo", []byte(`{"a": 1}`)); err != nil || n == 0 {
		t.Errorf("valid POST: %d bytes, %v", n, err)
	}
	if _, err := Post(ctx, c, nil, srv.URL+"/api/echo", []byte(`not json`)); err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("bad JSON: err = %v, want 400", err)
	}
	big := []byte(`{"a": "` + strings.Repeat("x", serverMaxBody) + `"}`)
	if _, err := Post(ctx, c, nil, srv.URL+"/api/echo", big); err == nil || !strings.Contains(err.Error(), "413") {
		t.Errorf("oversized body: err = %v, want 413", err)
	}
}

// With "every k-th request fails", the number of failures is known exactly.
func TestInjectedFaultsAreCountedExactly(t *testing.T) {
	for _, tt := range []struct {
		name     string
		cfg      ServerConfig
		n, fails int
		contains string
	}{
		{"500s", ServerConfig{FailEvery: 4}, 20, 5, "500"},
		{"drops", ServerConfig{DropEvery: 5}, 20, 4, ""},
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
	srv := startServer(t, ServerConfig{Delay: 5 * time.Millisecond})
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
	srv := startServer(t, ServerConfig{Delay: 20 * time.Millisecond, Capacity: 2})
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

func TestServerRefusesNonLoopbackAndBadConfig(t *testing.T) {
	for _, cfg := range []ServerConfig{
		{Addr: "0.0.0.0:0"},
		{Addr: "8.8.8.8:80"},
		{Delay: -time.Second},
		{FailRate: 1.5},
		{DropEvery: -1},
		{Capacity: -1},
	} {
		if srv, err := StartFlagServer(cfg); err == nil {
			srv.Close()
			t.Errorf("StartFlagServer(%+v) succeeded, want an error", cfg)
		}
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
	srv := startServer(t, ServerConfig{})
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
	if !bytes.Equal(got, FlagGIF("CN")) {
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

func TestFlagCodesRepeatPast194(t *testing.T) {
	codes := FlagCodes(400)
	if strings.Join(codes[:20], " ") != strings.Join(Pop20, " ") {
		t.Errorf("first 20 = %v, want Pop20", codes[:20])
	}
	uniq := map[string]bool{}
	for _, cc := range codes[:194] {
		uniq[cc] = true
	}
	if len(uniq) != 194 || codes[194] != codes[0] {
		t.Errorf("%d distinct in the first 194; codes[194] = %s", len(uniq), codes[194])
	}
}

func TestFlagServerProcess(t *testing.T) {
	srv, err := StartFlagServerProcess(ServerConfig{FailEvery: 2})
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
	if _, err := StartFlagServerProcess(ServerConfig{Addr: "8.8.8.8:80"}); err == nil {
		t.Error("a server process on a public address started")
	}
}

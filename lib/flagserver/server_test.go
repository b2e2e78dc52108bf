package flagserver

import (
	"bufio"
	"bytes"
	"fmt"
	"image/gif"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawStatus sends a request line as written, so that neither the client nor
// the URL parser can tidy a hostile path before the server sees it.
func rawStatus(t *testing.T, srv *Server, method, target string) int {
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
	srv, err := Start(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
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
	for _, cc := range Pop20() {
		if !knownCountry[strings.ToLower(cc)] {
			t.Errorf("Pop20 code %s is not served", cc)
		}
	}
}

func TestServerRefusesNonLoopbackAndBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Addr: "0.0.0.0:0"},
		{Addr: "8.8.8.8:80"},
		{Delay: -time.Second},
		{FailRate: 1.5},
		{DropEvery: -1},
		{Capacity: -1},
	} {
		if srv, err := Start(cfg); err == nil {
			srv.Close()
			t.Errorf("Start(%+v) succeeded, want an error", cfg)
		}
	}
}

func TestFlagCodesRepeatPast194(t *testing.T) {
	codes := FlagCodes(400)
	if strings.Join(codes[:20], " ") != strings.Join(Pop20(), " ") {
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

package flagserver

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
)

// FuzzPath sends arbitrary request targets to the flag server.
// Whatever the path, the server must answer (never hang or crash), serve a
// flag only for a real /flags/cc/cc.gif, and refuse every dot segment or
// encoded slash with a 4xx.
func FuzzPath(f *testing.F) {
	for _, seed := range []string{
		"/flags/cn/cn.gif", "/flags/../etc/passwd", "/flags/cn%2fcn.gif", "/flags//cn/cn.gif",
		"/slow", "/api/echo", "/flags/zz/zz.gif", "/%2e%2e/flags", "/flags/cn/cn.gif?x=1", "/flags/\\cn",
		"/flags/cn/cn.gif#frag", "/flags/%00/x", "*",
	} {
		f.Add(seed)
	}
	srv, err := Start(Config{})
	if err != nil {
		f.Fatal(err)
	}
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	f.Fuzz(func(t *testing.T, target string) {
		if target == "" || strings.ContainsAny(target, " \r\n\t") || !isPrintable(target) {
			t.Skip("not a request target a client can send")
		}
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("GET %q: no answer: %v", target, err)
		}
		resp.Body.Close()
		lower := strings.ToLower(target)
		path, _, _ := strings.Cut(target, "?")
		hostile := strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") ||
			strings.Contains(path, "/../") || strings.HasSuffix(path, "/..") || strings.Contains(path, "/./")
		if hostile && resp.StatusCode < 400 {
			t.Errorf("GET %q = %d, want a 4xx for a path trick", target, resp.StatusCode)
		}
		if resp.StatusCode == http.StatusOK && resp.Header.Get("Content-Type") == "image/gif" {
			parts := strings.Split(strings.TrimPrefix(path, "/flags/"), "/")
			if len(parts) != 2 || !knownCountry[parts[0]] || parts[1] != parts[0]+".gif" {
				t.Errorf("GET %q served a flag", target)
			}
		}
	})
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r < 0x21 || r > 0x7e {
			return false
		}
	}
	return true
}

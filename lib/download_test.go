package lib

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A bad file name is refused before any request is sent: the error is
// known without the network, and nothing is downloaded to be thrown away.
func TestDownloadChecksTheFileNameBeforeFetching(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte("GIF89a"))
	}))
	defer srv.Close()
	defer srv.Client().CloseIdleConnections()
	for _, name := range []string{"", ".", "..", "a/b.gif", `a\b.gif`} {
		_, err := Download(context.Background(), srv.Client(), nil, DownloadArg{URL: srv.URL, Dir: t.TempDir(), File: name})
		if err == nil || !strings.Contains(err.Error(), "bad file name") {
			t.Errorf("file %q: err = %v, want a bad file name", name, err)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests sent for bad file names, want none", n)
	}
}

package lib

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// TestSlowlorisCannotHoldConnections: clients that open connections and
// trickle their headers a byte at a time are cut off at the server's
// header timeout, and an honest client is served meanwhile.
func TestSlowlorisCannotHoldConnections(t *testing.T) {
	const timeout, clients = 300 * time.Millisecond, 20
	srv := startServer(t, flagserver.Config{HeaderTimeout: timeout})
	addr := srv.URL[len("http://"):]

	held := make([]time.Duration, clients)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			start := time.Now()
			// Never let our own deadline end the connection first.
			conn.SetDeadline(start.Add(10 * timeout))
			closed := make(chan struct{})
			go func() { // the server's answer, if any, then its close
				io.Copy(io.Discard, conn)
				close(closed)
			}()
			header := "GET /flags/cn/cn.gif HTTP/1.1\r\nHost: x\r\nX-Slow: " + string(make([]byte, 100))
			for _, b := range []byte(header) {
				select {
				case <-closed:
					held[i] = time.Since(start)
					return
				case <-time.After(20 * time.Millisecond):
				}
				if _, err := conn.Write([]byte{b}); err != nil {
					break
				}
			}
			<-closed
			held[i] = time.Since(start)
		}()
	}
	// An honest request gets through while the slow ones are held.
	c := NewHTTPClient(1)
	defer c.CloseIdleConnections()
	if _, err := Get(context.Background(), c, nil, srv.FlagURL("cn")); err != nil {
		t.Errorf("honest client during the attack: %v", err)
	}
	wg.Wait()
	for i, d := range held {
		// Loose on the late side: the machine is shared and noisy.
		if d < timeout-50*time.Millisecond || d > 5*timeout {
			t.Errorf("slow client %d was held %v, want about the header timeout %v", i, d, timeout)
		}
	}
}

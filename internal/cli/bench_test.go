package cli

import (
	"net"
	"strings"
	"testing"
)

// Asking for two output formats is bad input, not a silent choice of one.
func TestBenchJSONAndCSVIsAnError(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "io", "--json", "--csv"},
		{"bench", "staircase", "--csv", "--json"},
	} {
		code, stdout, stderr := run(t, args...)
		if code != ExitUsage || !strings.Contains(stderr, "--json and --csv") || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and one line naming both flags", args, code, stdout, stderr, ExitUsage)
		}
	}
}

// A server that accepts the connection and never answers is reported as
// what it is, after the probe's time limit, not as unreachable.
func TestBenchTargetThatNeverAnswers(t *testing.T) {
	if testing.Short() {
		t.Skipf("waits the probe's %v", targetTimeout)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn // accepted and never answered
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	code, _, stderr := run(t, "bench", "io", "--target", "http://"+ln.Addr().String(), "--repeat", "1")
	want := "the server did not answer within 5 s"
	if code != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, ExitUsage, want)
	}
}

package cli

import "testing"

// serve and the flag server agree on what loopback is: flagserver.IsLoopbackHost,
// for which host names are case-insensitive.
func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		addr        string
		allowRemote bool
		ok          bool
	}{
		{"127.0.0.1:8000", false, true},
		{"localhost:8000", false, true},
		{"LocalHost:8000", false, true},
		{"[::1]:8000", false, true},
		{"0.0.0.0:8000", false, false},
		{"192.0.2.1:8000", false, false},
		{"0.0.0.0:8000", true, true},
		{"no-port", false, false},
	}
	for _, tt := range tests {
		if err := checkLoopback(tt.addr, tt.allowRemote); (err == nil) != tt.ok {
			t.Errorf("checkLoopback(%q, %v) = %v, want ok %v", tt.addr, tt.allowRemote, err, tt.ok)
		}
	}
}

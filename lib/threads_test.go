package lib

import "testing"

func TestFormatNS(t *testing.T) {
	for _, tt := range []struct {
		ns   float64
		want string
	}{{0.314, "0.31 ns"}, {157, "157 ns"}, {97536, "97.5 µs"}, {2.1e6, "2.10 ms"}, {3e9, "3.00 s"}} {
		if got := FormatNS(tt.ns); got != tt.want {
			t.Errorf("FormatNS(%v) = %q, want %q", tt.ns, got, tt.want)
		}
	}
}

package lib

import "testing"

// TestPackageTablesAreCopies checks that the accessors of lib's tables hand
// out copies: a caller that changes what it got cannot change what the
// flag server serves or what the help text says.
func TestPackageTablesAreCopies(t *testing.T) {
	codes := CountryCodes()
	first := codes[0]
	codes[0] = "XX"
	if got := CountryCodes()[0]; got != first {
		t.Errorf("CountryCodes()[0] = %q after a caller changed its copy, want %q", got, first)
	}
	for _, m := range ModelNames() {
		info, ok := ModelInfo(m)
		if !ok || info == "" {
			t.Errorf("ModelInfo(%q) = %q, %v; want a description", m, info, ok)
		}
	}
	if info, ok := ModelInfo("no-such-model"); ok {
		t.Errorf("ModelInfo(no-such-model) = %q, true; want false", info)
	}
}

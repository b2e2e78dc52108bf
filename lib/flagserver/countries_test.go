package flagserver

import "testing"

// TestTablesAreCopies checks that the accessors of the country tables hand
// out copies: a caller that changes what it got cannot change what the
// flag server serves, or the order every other caller downloads in.
func TestTablesAreCopies(t *testing.T) {
	codes := CountryCodes()
	first := codes[0]
	codes[0] = "XX"
	if got := CountryCodes()[0]; got != first {
		t.Errorf("CountryCodes()[0] = %q after a caller changed its copy, want %q", got, first)
	}
	pop := Pop20()
	first = pop[0]
	pop[0] = "XX"
	if got := Pop20()[0]; got != first {
		t.Errorf("Pop20()[0] = %q after a caller changed its copy, want %q", got, first)
	}
}

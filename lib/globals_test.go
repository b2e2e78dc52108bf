package lib

import "testing"

// TestPackageTablesAreCopies checks that the accessors of lib's tables hand
// out copies: a caller that changes what it got cannot change what the help
// text says. The flag server's tables are checked in its own package.
func TestPackageTablesAreCopies(t *testing.T) {
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

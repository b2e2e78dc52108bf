package lib

import "testing"

// TestPackageTablesAreCopies checks that the accessors of lib's tables hand
// out copies: a caller that changes what it got cannot change what the help
// text says. The flag server's tables are checked in its own package.
func TestPackageTablesAreCopies(t *testing.T) {
	for _, name := range ModelNames() {
		m, ok := LookupModel(name)
		if !ok || m.Info == "" {
			t.Errorf("LookupModel(%q).Info = %q, %v; want a description", name, m.Info, ok)
		}
	}
	if m, ok := LookupModel("no-such-model"); ok {
		t.Errorf("LookupModel(no-such-model) = %q, true; want false", m.Info)
	}
	names := ModelNames()
	names[0] = "XX"
	if got := ModelNames()[0]; got != "sequential" {
		t.Errorf("ModelNames()[0] = %q after a caller changed its copy, want sequential", got)
	}
}

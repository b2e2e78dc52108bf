package flagserver

import (
	"strings"
	"testing"
)

// A process started as a flag server whose binary skipped ServeIfChild
// runs its main; a StartProcess there must refuse rather than start a
// child of its own.
func TestStartProcessRefusesInsideAChild(t *testing.T) {
	t.Setenv(ProcessEnv, "{}")
	p, err := StartProcess(Config{})
	if err == nil {
		p.Close()
		t.Fatal("StartProcess started a child from inside a flag server child")
	}
	if !strings.Contains(err.Error(), "ServeIfChild") {
		t.Errorf("error %q does not name the missing ServeIfChild", err)
	}
}

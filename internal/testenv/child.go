package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// childEnv marks a process as a test's child (see ChildCommand); its value
// is the name of the test that started it.
const childEnv = "GOMEASURE_TEST_CHILD"

// ChildCommand returns a command that runs this test binary again, running
// only t, with IsChild(t) true there: for a test that needs a process of its
// own to signal or kill, so that the test process itself survives.
func ChildCommand(t *testing.T) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^"+t.Name()+"$")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name())
	return cmd
}

// IsChild reports whether this process is the child ChildCommand started
// for t: the test then plays the child's part.
func IsChild(t *testing.T) bool {
	return os.Getenv(childEnv) == t.Name()
}

// Package testenv holds what the project's tests share about their
// surroundings: which tools a test may do without, which processes it
// left behind, and how it starts a process of its own to signal or kill.
package testenv

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Need skips the test when err says a tool it needs is missing (GoNB,
// Jupyter, Chromium, python3 with its modules) — and fails it instead when
// CI is set, because .ci/run installs every tool: a skipped test there
// would pass without checking anything.
func Need(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI must provide this: %v", err)
	}
	t.Skipf("skipping: %v", err)
}

// ProcessesWithEnv lists the live processes whose environment holds the
// entry kv ("NAME=value"), as "pid command line". A test sets a unique
// entry on what it starts; children inherit it, so this finds the command
// and everything it started — servers, workers, python3, a kernel and its
// cells — and nothing of other tests running meanwhile. Linux only: nil
// elsewhere.
func ProcessesWithEnv(kv string) []string {
	var found []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		dir := filepath.Join("/proc", e.Name())
		env, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err != nil || !bytes.Contains(append([]byte{0}, env...), []byte("\x00"+kv+"\x00")) {
			continue
		}
		if e.Name() == "self" || e.Name() == "thread-self" || e.Name() == strconv.Itoa(os.Getpid()) {
			continue
		}
		stat, _ := os.ReadFile(filepath.Join(dir, "stat"))
		if strings.Contains(string(stat), ") Z ") { // zombies are already dead
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
		found = append(found, e.Name()+" "+strings.TrimSpace(string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}))))
	}
	return found
}

package lib

import (
	"testing"

	"go.uber.org/goleak"
)

// Every test of the library ends with a check that no goroutine was left
// running: a concurrency tutorial must not leak what it teaches.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

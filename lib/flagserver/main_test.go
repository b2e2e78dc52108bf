package flagserver

import (
	"testing"

	"go.uber.org/goleak"
)

// Every test of the server ends with a check that no goroutine was left
// running, as lib's do: the tests were lib's before the server moved here.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

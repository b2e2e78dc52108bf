//go:build race

package testenv

// Race reports whether the tests were built with -race. The race detector
// keeps shadow memory for every word the program touches and grows each
// goroutine's stack, so a test that measures memory must not hold a race
// build to the same limit.
const Race = true

package cli

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseLists: list and duration flags either parse into values that
// satisfy their rules or fail with a UsageError that quotes the input —
// never a panic, never an accepted bad value.
func FuzzParseLists(f *testing.F) {
	for _, s := range []string{"10,20,30", "0", "-1", "1,,2", " 5 , 6 ", "999999999999999999999", "x", "", "1e3", "0x10", "100ms", "-1s", "1h2m", "5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ints, err := parseInts("tasks", s)
		if err != nil {
			var u *UsageError
			if !errors.As(err, &u) || !strings.Contains(err.Error(), "--tasks") {
				t.Errorf("parseInts(%q): error %v is not a usage error naming the flag", s, err)
			}
		} else {
			for _, n := range ints {
				if n <= 0 {
					t.Errorf("parseInts(%q) accepted %d", s, n)
				}
			}
		}
		if items, err := parseList("model", s); err == nil {
			for _, it := range items {
				if it == "" || strings.TrimSpace(it) != it {
					t.Errorf("parseList(%q) gave item %q", s, it)
				}
			}
		}
		var d time.Duration
		if err := (durationFlag{&d}).Set(s); err == nil && d < 0 {
			t.Errorf("duration %q accepted as %v", s, d)
		} else if err != nil && !strings.Contains(err.Error(), strconv.Quote(s)) {
			t.Errorf("duration %q: error %q does not quote the input", s, err)
		}
	})
}

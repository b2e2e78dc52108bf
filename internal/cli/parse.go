package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseInts parses a comma-separated list of whole numbers > 0, naming the
// flag and the bad value in its error.
func parseInts(flagName, s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, usagef("--%s: %q is not a whole number > 0", flagName, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseList splits a comma-separated list, refusing empty items.
func parseList(flagName, s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, usagef("--%s: empty item in %q", flagName, s)
		}
		out = append(out, f)
	}
	return out, nil
}

// durationFlag is a flag.Value for a non-negative time.Duration whose error
// names the bad value (the standard flag's message is less specific).
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return "0s"
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is not a duration (try 100ms, 2s)", s)
	}
	if d < 0 {
		return fmt.Errorf("%q is negative", s)
	}
	*f.d = d
	return nil
}

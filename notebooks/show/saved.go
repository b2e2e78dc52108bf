package show

import (
	"fmt"
	"strings"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/claim"
)

// Sets holds the results earlier chapters saved, by experiment name. A
// missing experiment is a nil entry, and Lookup on a nil result set finds
// nothing, so a claim about it does not hold and says "not measured"
// instead of the cell failing.
type Sets map[string]*lib.ResultSet

// SavedSets reads the saved results of each named experiment (see Saved).
// It displays one note naming those not saved yet, if any, so a chapter
// that sums up the others says what it could not read.
func SavedSets(names ...string) Sets {
	sets := Sets{}
	var missing []string
	for _, name := range names {
		rs, err := Saved(name)
		if err != nil {
			missing = append(missing, "`"+name+"`")
			continue
		}
		sets[name] = rs
	}
	if len(missing) > 0 {
		Markdown(fmt.Sprintf("*Not saved yet: %s. Run the chapters that measure them first, or `go run . build`; the claims that need them say they were not measured.*",
			strings.Join(missing, ", ")))
	}
	return sets
}

// In returns the result sets of names in that order, leaving out the
// missing ones.
func (s Sets) In(names ...string) []*lib.ResultSet {
	var out []*lib.ResultSet
	for _, n := range names {
		if rs := s[n]; rs != nil {
			out = append(out, rs)
		}
	}
	return out
}

// MaxTasks is the largest number of tasks model ("name" or "name:W") was
// measured at in rs; 0 if it was not measured.
func MaxTasks(rs *lib.ResultSet, model string) int {
	n := 0
	if rs == nil {
		return 0
	}
	for _, m := range rs.Results {
		if rs.Lookup(model, m.Tasks, 0) != nil {
			n = max(n, m.Tasks)
		}
	}
	return n
}

// TimesFaster claims that fast took at most 1/times of slow's time,
// comparing their medians. It is the form of "faster" for a baseline run
// too few times for a significance test (the plain loops, whose runs vary
// little and are slow to repeat); the evidence shows both medians with
// their intervals, so the spread can be judged.
func TimesFaster(text string, fast, slow *lib.Measurement, times float64) claim.Verdict {
	if fast == nil || slow == nil || len(fast.RunsS) == 0 || len(slow.RunsS) == 0 {
		return claim.Check(text, false, "a configuration it needs was not measured in this run")
	}
	f, s := fast.CI().Median, slow.CI().Median
	r := s / f
	return claim.Check(text, f > 0 && r >= times, fmt.Sprintf("%s %s vs %s %s: %s as fast (at least %s claimed)",
		claim.Label(fast), claim.Median(fast), claim.Label(slow), claim.Median(slow), claim.Times(r), claim.Times(times)))
}

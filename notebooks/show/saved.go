package show

import (
	"fmt"
	"strings"

	"github.com/gomeasure/concurrency/lib"
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

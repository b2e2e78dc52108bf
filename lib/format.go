package lib

import "strconv"

// FormatSeconds formats a time in seconds with three significant digits,
// in s, ms or µs: "1.23 s", "212 ms", "85.1 µs". Every table, verdict and
// figure label of the tutorial prints times through it.
func FormatSeconds(s float64) string {
	unit := "s"
	switch {
	case s == 0:
		return "0 s"
	case s < 0:
		return "-" + FormatSeconds(-s)
	case s < 1e-3:
		s, unit = s*1e6, "µs"
	case s < 1:
		s, unit = s*1e3, "ms"
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(s, 'g', 3, 64), 64)
	return strconv.FormatFloat(v, 'f', -1, 64) + " " + unit
}

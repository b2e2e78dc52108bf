package plots

import (
	"strings"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

// closedReport fakes a closed-loop test of w workers whose n requests took
// lat each over wall.
func closedReport(w, n int, lat, wall time.Duration) *lib.LoadReport {
	t0 := time.Unix(0, 0)
	r := &lib.LoadReport{Mode: "closed-loop", Workers: w, Start: t0, End: t0.Add(wall)}
	for i := range n {
		s := t0.Add(time.Duration(i) * wall / time.Duration(n))
		r.Samples = append(r.Samples, lib.LoadSample{Intended: s, Start: s, End: s.Add(lat), Worker: i % w})
	}
	return r
}

func TestSaturation(t *testing.T) {
	reports := []*lib.LoadReport{
		closedReport(4, 80, 50*time.Millisecond, time.Second),
		closedReport(1, 20, 50*time.Millisecond, time.Second),
		closedReport(16, 160, 100*time.Millisecond, time.Second),
	}
	f, err := Saturation("Closed loop against a server of capacity 8", reports, 160, "server delay 50 ms")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"throughput", "ceiling", "p50", "p99"}
	if len(f.Series) != len(want) {
		t.Fatalf("series %v, want %v", f.Series, want)
	}
	for i := range want {
		if f.Series[i] != want[i] {
			t.Errorf("series %v, want %v", f.Series, want)
		}
	}
	if _, err := Encode(f, "svg"); err != nil {
		t.Fatal(err)
	}
	if _, err := Saturation("no ceiling", reports[:1], 0); err != nil {
		t.Errorf("one report without a ceiling: %v", err)
	}
}

func TestSaturationRefuses(t *testing.T) {
	failed := closedReport(2, 10, time.Millisecond, time.Second)
	for i := range failed.Samples {
		failed.Samples[i].Err = lib.ErrUnavailable
	}
	tests := []struct {
		name    string
		reports []*lib.LoadReport
	}{
		{"none", nil},
		{"all failed", []*lib.LoadReport{failed}},
		{"open loop (no workers)", []*lib.LoadReport{{Mode: "open-loop", Rate: 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Saturation("x", tt.reports, 0); err == nil {
				t.Error("drew it anyway")
			}
		})
	}
}

// TestLatencyOfLoadGenerators: the curves of lib/loadgen.go's reports are
// named by their rate and their pool, not by a worker count that an open
// loop does not have.
func TestLatencyOfLoadGenerators(t *testing.T) {
	t0 := time.Unix(0, 0)
	open := &lib.LoadReport{Mode: "open-loop", Rate: 100, Start: t0, End: t0.Add(time.Second)}
	for i := range 100 {
		due := t0.Add(time.Duration(i) * 10 * time.Millisecond)
		open.Samples = append(open.Samples, lib.LoadSample{Intended: due, Start: due, End: due.Add(50 * time.Millisecond), Worker: i})
	}
	closed := closedReport(5, 100, 50*time.Millisecond, time.Second)
	f, err := LatencyFigure(lib.LoadTestResults("Open and closed", 50*time.Millisecond, open, closed))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"open loop (100/s)", "closed loop (5 workers)"}
	if len(f.Series) != 2 || f.Series[0] != want[0] || f.Series[1] != want[1] {
		t.Errorf("series %q, want %q", f.Series, want)
	}
	if title := f.Panels[0][0].Title.Text; !strings.Contains(title, "100 requests at 100/s") || strings.Contains(title, "median of") {
		t.Errorf("title %q: want the open loop's rate, and no 'median of 1 run'", title)
	}
}

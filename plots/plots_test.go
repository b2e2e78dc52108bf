package plots

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/gomeasure/concurrency/lib"
)

// drawnText renders d on a recording canvas and returns every string it
// wrote: what a reader of the figure would see as text.
func drawnText(t *testing.T, d Drawable) []string {
	t.Helper()
	var rec recorder.Canvas
	w, h := DefaultWidth, DefaultHeight
	if s, ok := d.(Sizer); ok {
		w, h = s.Size()
	}
	d.Draw(draw.NewCanvas(&rec, w, h))
	var out []string
	for _, a := range rec.Actions {
		if fs, ok := a.(*recorder.FillString); ok {
			out = append(out, fs.String)
		}
	}
	return out
}

func containsText(texts []string, want string) bool {
	for _, s := range texts {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

func TestFigureSeries(t *testing.T) {
	tests := []struct {
		kind string
		rs   *lib.ResultSet
		want []string
		text []string // also drawn somewhere on the figure
	}{
		{KindTiming, staircaseFixture(),
			[]string{"sequential", "goroutines", "singlethread", "pool (20 workers)", "gil (20 workers)", "processes (20 workers)"},
			[]string{"ideal: no overhead", "fastest–slowest run", "N = 10–50 tasks", "server delay 200 ms", "2 CPUs", "wall time (s), log scale"}},
		{KindTiming, flagsFixture(),
			[]string{"sequential", "goroutines", "singlethread", "pool (10 workers)", "gil (10 workers)", "processes (10 workers)"},
			[]string{"N = 20, 194 tasks", "server delay 100 ms"}},
		{KindSpeedup, speedupFixture(),
			[]string{"goroutines", "gil", "processes", "Amdahl fit (goroutines): f = "},
			[]string{"ideal: linear", "GOMAXPROCS", "beyond the 2 CPUs", "speedup over sequential (×)"}},
		{KindTimeline, timelineIOFixture(),
			[]string{"sequential: 800 ms", "goroutines: 104 ms", "pool (3 workers): 301 ms", "gil (3 workers): 302 ms, 1 failed (hatched)", "processes (3 workers): 360 ms"},
			[]string{"time since the run started (ms)", "worker"}},
		{KindTimeline, timelineCPUFixture(),
			[]string{"goroutines, GOMAXPROCS 1: 400 ms", "goroutines, GOMAXPROCS 2: 200 ms",
				"gil (1 worker), GOMAXPROCS 1: 400 ms", "gil (2 workers), GOMAXPROCS 2: 400 ms",
				"processes (1 worker), GOMAXPROCS 1: 430 ms", "processes (2 workers), GOMAXPROCS 2: 230 ms"},
			nil},
		{KindLatency, loadtestFixture(),
			[]string{"pool (10 workers)"},
			[]string{"p50 ", "p95 ", "p99 ", "max ", "2 failed, not shown", "latency of one request (ms)"}},
		{KindMemory, memoryFixture(),
			[]string{"goroutines (measured)"},
			[]string{"2 KiB", "memory per goroutine (bytes)", "number of goroutines (log scale)", "100k"}},
	}
	for _, tt := range tests {
		t.Run(tt.rs.Experiment+"/"+tt.kind, func(t *testing.T) {
			f, err := Draw(tt.rs, tt.kind)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Series) != len(tt.want) {
				t.Fatalf("series = %q, want %q", f.Series, tt.want)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(f.Series[i], w) {
					t.Errorf("series %d = %q, want %q", i, f.Series[i], w)
				}
			}
			texts := drawnText(t, f)
			for _, s := range append(append([]string{}, f.Series...), tt.text...) {
				if !containsText(texts, s) {
					t.Errorf("figure does not show %q; it shows %q", s, texts)
				}
			}
			if slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, "NaN") || strings.Contains(s, "Inf") }) {
				t.Errorf("figure shows a non-number: %q", texts)
			}
		})
	}
}

// TestPlotFunctions checks the *plot.Plot forms draw the same legends.
func TestPlotFunctions(t *testing.T) {
	p, err := Timing(staircaseFixture())
	if err != nil {
		t.Fatal(err)
	}
	if !containsText(drawnText(t, p), "pool (20 workers)") {
		t.Error("Timing's plot has no legend entry for the pool")
	}
	for name, f := range map[string]func(*lib.ResultSet) error{
		"Speedup": func(rs *lib.ResultSet) error { _, err := Speedup(rs); return err },
		"Latency": func(rs *lib.ResultSet) error { _, err := Latency(rs); return err },
		"Memory":  func(rs *lib.ResultSet) error { _, err := Memory(rs); return err },
	} {
		rs := map[string]*lib.ResultSet{"Speedup": speedupFixture(), "Latency": loadtestFixture(), "Memory": memoryFixture()}[name]
		if err := f(rs); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestNoMeasurements(t *testing.T) {
	empty := &lib.ResultSet{Experiment: "empty", Env: fixtureEnv}
	noTimeline := staircaseFixture()
	for _, kind := range []string{KindTiming, KindSpeedup, KindTimeline, KindLatency, KindMemory} {
		for _, rs := range []*lib.ResultSet{nil, empty} {
			if _, err := Draw(rs, kind); err == nil || !strings.Contains(err.Error(), "no measurements") {
				t.Errorf("%s of %s: err = %v, want no measurements", kind, name(rs), err)
			}
		}
	}
	for _, kind := range []string{KindTimeline, KindLatency, KindMemory} {
		if _, err := Draw(noTimeline, kind); err == nil {
			t.Errorf("%s of the staircase (no timelines, no memory): no error", kind)
		}
	}
	if _, err := Draw(staircaseFixture(), "pie"); err == nil {
		t.Error("unknown kind: no error")
	}
}

// TestNonFinite checks that a NaN or infinite time is refused rather than
// drawn as a gap.
func TestNonFinite(t *testing.T) {
	tests := []struct {
		kind   string
		rs     func() *lib.ResultSet
		poison func(*lib.ResultSet)
	}{
		{KindTiming, staircaseFixture, func(rs *lib.ResultSet) { rs.Results[3].MedianS = math.NaN() }},
		{KindTiming, staircaseFixture, func(rs *lib.ResultSet) { rs.Results[3].MaxS = math.Inf(1) }},
		{KindSpeedup, speedupFixture, func(rs *lib.ResultSet) { rs.Results[2].MedianS = math.NaN() }},
		{KindSpeedup, speedupFixture, func(rs *lib.ResultSet) { rs.Results[2].MedianS = 0 }},
		{KindTimeline, timelineIOFixture, func(rs *lib.ResultSet) { rs.Results[1].Timeline[2].EndS = math.NaN() }},
		{KindLatency, loadtestFixture, func(rs *lib.ResultSet) { rs.Results[0].Timeline[4].EndS = math.Inf(1) }},
		{KindMemory, memoryFixture, func(rs *lib.ResultSet) { rs.Memory[1].BytesPerGoroutine = math.NaN() }},
		{KindMemory, memoryFixture, func(rs *lib.ResultSet) { rs.Memory[1].Goroutines = 0 }},
	}
	for i, tt := range tests {
		rs := tt.rs()
		if _, err := Draw(rs, tt.kind); err != nil {
			t.Fatalf("%d: clean fixture: %v", i, err)
		}
		tt.poison(rs)
		if _, err := Draw(rs, tt.kind); err == nil {
			t.Errorf("%d: %s with a non-finite value: no error", i, tt.kind)
		}
	}
}

func TestIdealTime(t *testing.T) {
	tests := []struct {
		model      string
		n, workers int
		want       float64
		ok         bool
	}{
		{"sequential", 10, 1, 2.0, true},
		{"goroutines", 50, 50, 0.2, true},
		{"singlethread", 50, 50, 0.2, true},
		{"py-asyncio", 50, 50, 0.2, true},
		{"pool", 20, 20, 0.2, true},
		{"pool", 21, 20, 0.4, true},
		{"errgroup", 50, 20, 0.6, true},
		{"gil", 40, 20, 0.4, true},
		{"gil", 40, 0, 0.2, true}, // no worker count: one thread per task
		{"mystery", 10, 1, 0, false},
	}
	for _, tt := range tests {
		got, ok := idealTime(lib.Measurement{Model: tt.model, Tasks: tt.n, Workers: tt.workers, DelayS: 0.2}, tt.n)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("idealTime(%s, N=%d, W=%d) = %v, %v; want %v, %v", tt.model, tt.n, tt.workers, got, ok, tt.want, tt.ok)
		}
	}
}

// TestTimingIdealOnlyForIO: CPU work has no server delay, so no ideal.
func TestTimingIdealOnlyForIO(t *testing.T) {
	rs := staircaseFixture()
	for i := range rs.Results {
		rs.Results[i].Workload, rs.Results[i].DelayS = "cpu", 0
	}
	f, err := TimingFigure(rs)
	if err != nil {
		t.Fatal(err)
	}
	if containsText(drawnText(t, f), "ideal") {
		t.Error("a cpu timing figure shows an ideal line")
	}
}

// TestSpeedupSelfBaseline: with no sequential run, each model is compared
// with itself at one worker, and the x axis is the worker count.
func TestSpeedupSelfBaseline(t *testing.T) {
	rs := speedupFixture()
	var kept []lib.Measurement
	for _, m := range rs.Results {
		if m.Model != "sequential" {
			m.GOMAXPROCS = 2
			kept = append(kept, m)
		}
	}
	rs.Results = kept
	// goroutines now vary in nothing: drop them, keep the worker models.
	rs.Results = slices.DeleteFunc(rs.Results, func(m lib.Measurement) bool { return m.Model == "goroutines" })
	f, err := SpeedupFigure(rs)
	if err != nil {
		t.Fatal(err)
	}
	texts := drawnText(t, f)
	for _, want := range []string{"workers", "speedup over each model at 1 workers (×)"} {
		if !containsText(texts, want) {
			t.Errorf("figure does not show %q: %q", want, texts)
		}
	}
	rs.Results = slices.DeleteFunc(rs.Results, func(m lib.Measurement) bool { return m.Workers == 1 })
	if _, err := SpeedupFigure(rs); err == nil || !strings.Contains(err.Error(), "no baseline") {
		t.Errorf("no sequential and no run at 1 worker: err = %v, want no baseline", err)
	}
}

func TestModelStyle(t *testing.T) {
	seen := map[string]string{}
	for _, m := range []string{"sequential", "goroutines", "pool", "errgroup", "gil", "singlethread", "processes",
		"py-sequential", "py-threads", "py-processes", "py-asyncio"} {
		s := ModelStyle(m)
		key := string([]byte{s.Color.R, s.Color.G, s.Color.B})
		if other, dup := seen[key]; dup {
			t.Errorf("%s and %s share a colour", m, other)
		}
		seen[key] = m
	}
	a, b := ModelStyle("trio"), ModelStyle("trio")
	if a.Color != b.Color || a.Glyph != b.Glyph {
		t.Error("the fallback style of an unknown model is not deterministic")
	}
}

func TestKindsAndNames(t *testing.T) {
	figs, err := All(fixtures())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for n := range figs {
		got = append(got, n)
	}
	slices.Sort(got)
	want := []string{"flags-timing", "loadtest-latency", "loadtest-timeline", "memory-goroutines",
		"speedup-sumsquares", "staircase-timing", "timeline-cpu", "timeline-io"}
	if !slices.Equal(got, want) {
		t.Errorf("figures = %q, want %q", got, want)
	}
	if n := FigureName("newthing", KindTiming); n != "newthing-timing" {
		t.Errorf("FigureName of an unknown experiment = %q", n)
	}
}

// TestAllKeepsGoing: one bad result set does not cost the others.
func TestAllKeepsGoing(t *testing.T) {
	sets := fixtures()
	bad := staircaseFixture()
	bad.Results[0].MedianS = math.NaN()
	sets["staircase"] = bad
	figs, err := All(sets)
	if err == nil || !strings.Contains(err.Error(), "staircase") {
		t.Errorf("err = %v, want one naming the staircase", err)
	}
	if _, ok := figs["flags-timing"]; !ok || len(figs) != 7 {
		t.Errorf("got %d figures, want the 7 others", len(figs))
	}
}

func TestSpeedupTitleGivesTaskSize(t *testing.T) {
	for _, tt := range []struct {
		sizes []int
		want  string
	}{
		{[]int{5_000_000}, "N = 20 tasks of n = 5,000,000"},
		{[]int{500}, "N = 20 tasks of n = 500"},
		{[]int{0}, "N = 20 tasks ·"},
		{[]int{1000, 2000}, "N = 20 tasks ·"}, // sizes differ: none named
	} {
		rs := speedupFixture()
		for i := range rs.Results {
			rs.Results[i].Size = tt.sizes[i%len(tt.sizes)]
		}
		f, err := SpeedupFigure(rs)
		if err != nil {
			t.Fatal(err)
		}
		if texts := drawnText(t, f); !containsText(texts, tt.want) {
			t.Errorf("sizes %v: title lacks %q: %q", tt.sizes, tt.want, texts)
		}
	}
}

func TestTitleDetailsWrapWithRoomForWiderFonts(t *testing.T) {
	sty := text.Style{Font: font.From(boldFont, titleSize), Handler: plot.DefaultTextHandler}
	short := wrapDetails([]string{"N = 20 tasks", "2 CPUs"})
	if short != "N = 20 tasks · 2 CPUs" {
		t.Errorf("short details = %q, want one line", short)
	}
	parts := []string{"N = 20 tasks of n = 5,000,000", "sequential 58.3 ms", "py-sequential 2.76 s", "3 runs per point", "2 CPUs", "go1.26.8"}
	long := wrapDetails(parts)
	lines := strings.Split(long, "\n")
	if len(lines) < 2 {
		t.Fatalf("long details not wrapped: %q", long)
	}
	for _, l := range lines {
		if w := sty.Rectangle(l).Size().X; w > DefaultWidth*(1-fallbackSlack) {
			t.Errorf("line %q is %v wide, more than the figure allows with room for a wider font", l, w)
		}
	}
	if got := strings.ReplaceAll(long, "\n", " · "); got != strings.Join(parts, " · ") {
		t.Errorf("wrapping lost or reordered details: %q", got)
	}
}

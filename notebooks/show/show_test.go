package show

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/plots"
)

// capture runs f with the text fallback going to a buffer, as outside a
// notebook, and returns what was printed.
func capture(t *testing.T, f func()) string {
	t.Helper()
	var buf bytes.Buffer
	old := Out
	Out = &buf
	t.Cleanup(func() { Out = old })
	f()
	return buf.String()
}

// notebook pretends to run under GoNB and records what would be sent.
type notebook struct {
	html, markdown []string
	png            [][]byte
	svg, alt       []string
}

func fakeNotebook(t *testing.T) *notebook {
	t.Helper()
	nb := &notebook{}
	oldIn, oldH, oldM, oldP, oldS := inNotebook, displayHTML, displayMarkdown, displayPNG, displaySVG
	inNotebook = func() bool { return true }
	displayHTML = func(s string) { nb.html = append(nb.html, s) }
	displayMarkdown = func(s string) { nb.markdown = append(nb.markdown, s) }
	displayPNG = func(b []byte) { nb.png = append(nb.png, b) }
	displaySVG = func(svg, alt string) { nb.svg, nb.alt = append(nb.svg, svg), append(nb.alt, alt) }
	t.Cleanup(func() {
		inNotebook, displayHTML, displayMarkdown, displayPNG, displaySVG = oldIn, oldH, oldM, oldP, oldS
	})
	return nb
}

func memorySet() *lib.ResultSet {
	return &lib.ResultSet{
		Schema: lib.ResultsSchema, Experiment: "memory", Title: "Memory per parked goroutine",
		Env:    lib.Env{GoVersion: "go1.26.8", NumCPU: 2, GOMAXPROCS: 2, Time: time.Unix(0, 0)},
		Memory: []lib.MemoryPoint{{Goroutines: 1000, TotalBytes: 2_700_000, BytesPerGoroutine: 2700}, {Goroutines: 10000, TotalBytes: 26_000_000, BytesPerGoroutine: 2600}},
	}
}

func TestFigureText(t *testing.T) {
	out := capture(t, func() {
		if err := Figure(plots.Memory(memorySet())); err != nil {
			t.Error(err)
		}
		if err := Figure(plots.MemoryFigure(memorySet())); err != nil {
			t.Error(err)
		}
	})
	if strings.Count(out, "[figure] Memory per parked goroutine") != 2 || !strings.Contains(out, "series: goroutines (measured)") {
		t.Errorf("text fallback = %q", out)
	}
}

func TestFigureErrors(t *testing.T) {
	var nilPlot *plot.Plot
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"error passed in", func() error { return Figure(plots.Memory(&lib.ResultSet{})) }, "no measurements"},
		{"typed nil", func() error { return Figure(nilPlot) }, "no figure"},
		{"untyped nil", func() error { return Figure(nil) }, "no figure"},
	}
	for _, tt := range tests {
		var err error
		out := capture(t, func() { err = tt.call() })
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(out, "error: ") {
			t.Errorf("%s: err = %v, printed %q; want %q", tt.name, err, out, tt.want)
		}
	}
}

func TestFigureNotebook(t *testing.T) {
	nb := fakeNotebook(t)
	p, err := plots.Memory(memorySet())
	if err != nil {
		t.Fatal(err)
	}
	if err := Figure(p); err != nil {
		t.Fatal(err)
	}
	if err := FigurePNG(p); err != nil {
		t.Fatal(err)
	}
	if len(nb.svg) != 1 || !strings.Contains(nb.svg[0], "<svg") || !strings.HasPrefix(nb.alt[0], "[figure]") {
		t.Errorf("SVG not displayed as image/svg+xml with a text description: %d messages", len(nb.svg))
	}
	if len(nb.png) != 1 || !bytes.HasPrefix(nb.png[0], []byte("\x89PNG")) {
		t.Errorf("PNG not displayed")
	}
	Error(errors.New("a <b> & c"))
	if last := nb.html[len(nb.html)-1]; !strings.Contains(last, "a &lt;b&gt; &amp; c") {
		t.Errorf("error not escaped: %q", last)
	}
}

func TestTable(t *testing.T) {
	headers := []string{"model", "time"}
	rows := [][]string{{"pool", "1.2 s"}, {"<script>", "a & b"}, {"short"}}
	out := capture(t, func() { Table(headers, rows) })
	want := "model     time\n" +
		"-----     ----\n" +
		"pool      1.2 s\n" +
		"<script>  a & b\n" +
		"short\n"
	if out != want {
		t.Errorf("text table:\n%s\nwant:\n%s", out, want)
	}

	nb := fakeNotebook(t)
	Table(headers, rows)
	if len(nb.html) != 1 {
		t.Fatalf("%d HTML messages, want 1", len(nb.html))
	}
	h := nb.html[0]
	if strings.Contains(h, "<script>") || !strings.Contains(h, "&lt;script&gt;") || !strings.Contains(h, "a &amp; b") {
		t.Errorf("cells not escaped: %s", h)
	}
	if got := strings.Count(h, "<td"); got != 6 {
		t.Errorf("%d cells, want 6 (short rows padded)", got)
	}
}

func TestHTMLAndMarkdownText(t *testing.T) {
	out := capture(t, func() {
		HTML("<p>Goroutines &amp; <b>threads</b></p>")
		Markdown("  **speedup** $S(p)$  \n")
	})
	if out != "Goroutines & threads\n**speedup** $S(p)$\n" {
		t.Errorf("text fallback = %q", out)
	}
	nb := fakeNotebook(t)
	Markdown("# x")
	HTML("<i>y</i>")
	if len(nb.markdown) != 1 || nb.markdown[0] != "# x" || len(nb.html) != 1 || nb.html[0] != "<i>y</i>" {
		t.Errorf("notebook got markdown %q, html %q", nb.markdown, nb.html)
	}
}

func TestStatsAndRuns(t *testing.T) {
	rs := &lib.ResultSet{Results: []lib.Measurement{{
		Model: "pool", Tasks: 20, Workers: 10, GOMAXPROCS: 2, RunsS: []float64{0.212, 0.2, 0.25},
		MedianS: 0.212, MinS: 0.2, MaxS: 0.25, MeanS: 0.2207, Errors: 1, ErrorSamples: []string{"status 503"},
	}}}
	out := capture(t, func() { Stats(rs); Runs(rs); Stats(memorySet()) })
	// Runs is the seeds' table: every run, then min, max and average.
	for _, want := range []string{"median", "212 ms", "200 ms", "250 ms", "average", "221 ms", "status 503", "2.6 MiB", "2700 B"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSeconds(t *testing.T) {
	for in, want := range map[float64]string{0: "0 s", 1.234: "1.23 s", 0.2126: "213 ms", 85.12e-6: "85.1 µs", 194: "194 s", 0.05: "50 ms"} {
		if got := Seconds(in); got != want {
			t.Errorf("Seconds(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestExperiment(t *testing.T) {
	t.Setenv(lib.ResultsEnv, t.TempDir())
	var rs *lib.ResultSet
	out := capture(t, func() { rs = Experiment("memory", false) })
	if rs == nil || len(rs.Memory) == 0 || !strings.Contains(out, "memory:") {
		t.Fatalf("Experiment(memory) = %+v, printed %q", rs, out)
	}
	if err := Figure(plots.Memory(rs)); err != nil {
		t.Error(err)
	}
	saved, err := Saved("memory")
	if err != nil || len(saved.Memory) != len(rs.Memory) {
		t.Errorf("Saved(memory) = %+v, %v; want what Experiment saved", saved, err)
	}
	if _, err := Saved("never-run"); err == nil || !strings.Contains(err.Error(), "never-run.json") {
		t.Errorf("Saved(never-run) = %v, want an error naming the file", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Experiment of an unknown name did not panic")
		}
	}()
	Experiment("no-such-experiment", false)
}

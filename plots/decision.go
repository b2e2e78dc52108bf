package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// A Decision is one model's speedup on one workload over the plain loop
// of its own language (sequential for Go, py-sequential for CPython), at
// the largest number of tasks where both were measured and, for CPU work,
// with as many cores as the machine has.
type Decision struct {
	Experiment string
	Model      string // as measured: "pool", "py-threads", ...
	Workers    int
	Tasks      int
	GOMAXPROCS int
	// Speedup is the baseline's median over the model's; 0 when the model
	// or its baseline was not measured at a comparable size.
	Speedup           float64
	MedianS, Baseline float64 // the two medians, in seconds
}

// decisionColumns names the experiments of the decision chart, in the
// order of its columns; an experiment missing here is labelled by name.
var decisionColumns = map[string]string{
	"flags": "I/O\nflags", "staircase": "I/O\nslow server", "python-io": "I/O, CPython\nslow server",
	"python-c1k": "I/O, CPython\n1,000 at once", "speedup": "CPU\nsum of squares", "primes": "CPU\nprimes",
	"blur": "CPU\nblur", "python-cpu": "CPU, CPython\nsum of squares",
}

// decisionRows is the order of the chart's rows: Go's models, then
// CPython's, each from the loop to processes.
var decisionRows = []string{"sequential", "goroutines", "singlethread", "pool", "errgroup", "gil", "processes",
	"py-sequential", "py-threads", "py-asyncio", "py-processes"}

// baselineOf names the loop of the model's language: its speedup's
// reference.
func baselineOf(model string) string {
	return lib.BaselineOf(lib.Measurement{Model: model}.Language())
}

// Decisions computes the speedup of every model in every result set over
// its language's loop. Models without a baseline in their set (Go's
// models in a CPython comparison without Go's loop) get a Decision with
// Speedup 0, so a chart or table can say "not measured" instead of
// silently leaving them out.
func Decisions(sets ...*lib.ResultSet) []Decision {
	var out []Decision
	for _, rs := range sets {
		if rs == nil {
			continue
		}
		for _, model := range rs.Models() {
			out = append(out, decide(rs, model))
		}
	}
	return out
}

// decide compares model with its baseline in rs: at the largest number of
// tasks both were measured at, and at the most cores up to the machine's.
func decide(rs *lib.ResultSet, model string) Decision {
	d := Decision{Experiment: rs.Experiment, Model: model}
	pick := func(name string, tasks int) *lib.Measurement {
		var best *lib.Measurement
		for i := range rs.Results {
			m := &rs.Results[i]
			if m.Model != name || (tasks > 0 && m.Tasks != tasks) || len(m.RunsS) == 0 {
				continue
			}
			fits := rs.Env.NumCPU == 0 || m.GOMAXPROCS <= rs.Env.NumCPU
			if best == nil || m.Tasks > best.Tasks || (m.Tasks == best.Tasks && fits && m.GOMAXPROCS > best.GOMAXPROCS) {
				best = m
			}
		}
		return best
	}
	tasks := 0
	for _, m := range rs.Results {
		if m.Model == model && pick(baselineOf(model), m.Tasks) != nil {
			tasks = max(tasks, m.Tasks)
		}
	}
	m, base := pick(model, tasks), pick(baselineOf(model), tasks)
	if tasks == 0 || m == nil || base == nil {
		if m = pick(model, 0); m != nil {
			d.Workers, d.Tasks, d.GOMAXPROCS, d.MedianS = m.Workers, m.Tasks, m.GOMAXPROCS, m.CI().Median
		}
		return d
	}
	d.Workers, d.Tasks, d.GOMAXPROCS = m.Workers, m.Tasks, m.GOMAXPROCS
	d.MedianS, d.Baseline = m.CI().Median, base.CI().Median
	if d.MedianS > 0 && d.Baseline > 0 {
		d.Speedup = d.Baseline / d.MedianS
	}
	return d
}

// DecisionChart draws the speedups of Decisions as a grid: a column per
// workload, a row per model, each cell coloured by its speedup over the
// loop of its language — blue where the model is faster, white where it
// is the same, red where it is slower — and labelled with it. Models not
// measured on a workload leave their cell blank.
func DecisionChart(sets ...*lib.ResultSet) (*Figure, error) {
	ds := Decisions(sets...)
	var cols []string
	for _, d := range ds {
		if !slices.Contains(cols, d.Experiment) {
			cols = append(cols, d.Experiment)
		}
	}
	var rows []string
	for _, r := range decisionRows {
		if slices.ContainsFunc(ds, func(d Decision) bool { return d.Model == r }) {
			rows = append(rows, r)
		}
	}
	for _, d := range ds {
		if !slices.Contains(rows, d.Model) {
			rows = append(rows, d.Model)
		}
	}
	if len(cols) == 0 || len(rows) == 0 {
		return nil, fmt.Errorf("decision chart: no measurements")
	}
	grid := &speedupGrid{cols: len(cols), rows: len(rows)}
	measured := 0
	for _, d := range ds {
		if d.Speedup > 0 && finite(d.Speedup) {
			grid.cells = append(grid.cells, gridCell{x: slices.Index(cols, d.Experiment), y: len(rows) - 1 - slices.Index(rows, d.Model), v: d.Speedup})
			measured++
		}
	}
	if measured == 0 {
		return nil, fmt.Errorf("decision chart: no model has a baseline to compare with")
	}
	env := lib.Env{}
	for _, rs := range sets {
		if rs != nil {
			env = rs.Env
			break
		}
	}
	title := "Speedup over the plain loop of the same language, every workload"
	if parts := envLine(env); len(parts) > 0 {
		title += "\n" + wrapDetails(append([]string{"blank: not measured"}, parts...))
	}
	p := newPlot(title, "", "")
	p.Legend = plot.NewLegend()
	p.Add(grid)
	var xt, yt []plot.Tick
	for i, c := range cols {
		label, ok := decisionColumns[c]
		if !ok {
			label = c
		}
		xt = append(xt, plot.Tick{Value: float64(i), Label: label})
	}
	for i, r := range rows {
		yt = append(yt, plot.Tick{Value: float64(len(rows) - 1 - i), Label: r})
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.ConstantTicks(xt), plot.ConstantTicks(yt)
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.LineStyle.Width, p.Y.LineStyle.Width = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(len(cols))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: cols, Height: vg.Points(120) + vg.Points(30)*vg.Length(len(rows))}, nil
}

// speedupColor maps a speedup to a colour: white at 1×, deepening blue up
// to 10× and more, deepening red down to 1/4× and less.
func speedupColor(v float64) (r, g, b uint8) {
	t := math.Log10(v)
	mix := func(a, b uint8, f float64) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*f) }
	if t >= 0 {
		f := math.Min(t/math.Log10(10), 1)
		return mix(0xF4, 0x08, f), mix(0xF4, 0x45, f), mix(0xF4, 0x94, f)
	}
	f := math.Min(-t/math.Log10(4), 1)
	return mix(0xF4, 0xB0, f), mix(0xF4, 0x1C, f), mix(0xF4, 0x24, f)
}

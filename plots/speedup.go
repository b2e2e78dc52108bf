package plots

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gomeasure/concurrency/lib"
)

// baseKey finds a measurement's baseline: CPython's models are compared
// with CPython's loop and Go's with Go's, so each line says what its
// language gains from parallelism — not how fast Go is.
type baseKey struct {
	language string
	tasks    int
}

func keyOf(m lib.Measurement) baseKey {
	return baseKey{language: m.Language(), tasks: m.Tasks}
}

// Speedup plots, for CPU-bound work, how many times faster each model is
// than running the tasks one after another, against the parallelism
// allowed: GOMAXPROCS if the measurements vary it, else the worker count.
//
// The baseline is the median of the "sequential" model at the same number
// of tasks; without one, each model is compared with itself at one
// worker / GOMAXPROCS=1. A dashed line shows ideal linear speedup, and a
// dotted curve the Amdahl's-law fit to the fastest model (see FitAmdahl),
// fitted — and drawn — only over points with no more parallelism than the machine has
// CPUs — past that, the flattening is the hardware's, not the program's.
func Speedup(rs *lib.ResultSet) (*plot.Plot, error) {
	f, err := SpeedupFigure(rs)
	if err != nil {
		return nil, err
	}
	return f.Panels[0][0], nil
}

// speedupLine is one model's speedups, sorted by x.
type speedupLine struct {
	group
	xy, band plotter.XYs
}

// SpeedupFigure is Speedup wrapped in a Figure that lists its series.
func SpeedupFigure(rs *lib.ResultSet) (*Figure, error) {
	if rs == nil || len(rs.Results) == 0 {
		return nil, fmt.Errorf("speedup: no measurements for %s", name(rs))
	}
	base, par := splitBaselines(rs.Results)
	if len(par) == 0 {
		return nil, fmt.Errorf("speedup: no measurements for %s of a model other than sequential", name(rs))
	}
	xOf, xName := speedupAxis(par)
	lines := groupSpeedupLines(par)
	baseName, err := fillSpeedups(rs, lines, base, xOf, xName)
	if err != nil {
		return nil, err
	}
	pmax, smax := 1.0, 1.0
	for _, l := range lines {
		for _, xy := range l.band {
			pmax, smax = math.Max(pmax, xy.X), math.Max(smax, xy.Y)
		}
	}
	if base[baseKey{language: lib.LanguagePython, tasks: par[0].Tasks}] > 0 && baseName == "sequential" {
		baseName = "sequential of the same language"
	}
	p := newPlot(headline(rs, "Speedup vs parallelism", speedupDetails(rs, base)...),
		xName, fmt.Sprintf("speedup over %s (×)", baseName))
	p.X.Tick.Marker = integerTicks{}
	p.X.Min, p.X.Max = 1, pmax
	p.Y.Tick.Marker = integerTicks{}

	cpus := float64(rs.Env.NumCPU)
	shadeLegend, err := shadeBeyondCPUs(p, rs.Env.NumCPU, pmax)
	if err != nil {
		return nil, err
	}
	series, err := drawSpeedupLines(p, lines, pmax)
	if err != nil {
		return nil, err
	}
	if fit, label, ok := amdahlFit(lines, cpus); ok {
		drawAmdahlFit(p, fit, label)
		series = append(series, label)
	}
	shadeLegend()
	p.Y.Min = 0
	p.Y.Max = math.Max(pmax, smax) * 1.05
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: series, LegendOutside: true}, nil
}

// splitBaselines separates the sequential runs, kept as the first positive
// median of each language and task count, from the models they are the
// baseline of.
func splitBaselines(ms []lib.Measurement) (map[baseKey]float64, []lib.Measurement) {
	var par []lib.Measurement
	base := map[baseKey]float64{} // sequential median of each language and size
	for _, m := range ms {
		if m.Baseline() {
			if _, ok := base[keyOf(m)]; !ok && m.MedianS > 0 {
				base[keyOf(m)] = m.MedianS
			}
			continue
		}
		par = append(par, m)
	}
	return base, par
}

// speedupAxis picks the x axis: GOMAXPROCS if the measurements vary it,
// else the worker count.
func speedupAxis(par []lib.Measurement) (func(lib.Measurement) int, string) {
	xOf, xName := workers, "workers"
	if distinct(par, gomaxprocs) > 1 {
		xOf, xName = gomaxprocs, "GOMAXPROCS"
	}
	for _, m := range par {
		if m.Language() == lib.LanguagePython && xName == "GOMAXPROCS" {
			// Python has no GOMAXPROCS: its p is the threads or processes.
			xName = "p: GOMAXPROCS for Go, threads or processes for Python"
			break
		}
	}
	return xOf, xName
}

// groupSpeedupLines makes one line per model (and task count, if several
// were measured), in order of first appearance.
func groupSpeedupLines(par []lib.Measurement) []*speedupLine {
	multiN := distinct(par, func(m lib.Measurement) int { return m.Tasks }) > 1
	var lines []*speedupLine
	index := map[string]*speedupLine{}
	for _, m := range par {
		key := m.Model
		label := m.Model
		if multiN {
			key = fmt.Sprintf("%s|%d", m.Model, m.Tasks)
			label = fmt.Sprintf("%s, N = %d", m.Model, m.Tasks)
		}
		l, ok := index[key]
		if !ok {
			l = &speedupLine{group: group{model: m.Model, label: label}}
			index[key] = l
			lines = append(lines, l)
		}
		l.ms = append(l.ms, m)
	}
	return lines
}

// fillSpeedups sorts each line by x and computes its speedups and their
// min–max band. It returns the name of the baseline used: "sequential",
// or each model at parallelism 1 if some point had no sequential run.
func fillSpeedups(rs *lib.ResultSet, lines []*speedupLine, base map[baseKey]float64, xOf func(lib.Measurement) int, xName string) (string, error) {
	baseName := "sequential"
	for _, l := range lines {
		sort.SliceStable(l.ms, func(a, b int) bool { return xOf(l.ms[a]) < xOf(l.ms[b]) })
		for _, m := range l.ms {
			b, ok := base[keyOf(m)]
			if !ok {
				b, ok = selfBaseline(l.ms, xOf)
				baseName = "each model at 1 " + xName
			}
			if !ok {
				return "", fmt.Errorf("speedup %s: no baseline for %s at N = %d: no sequential run and no run at %s 1", name(rs), m.Model, m.Tasks, xName)
			}
			x := float64(xOf(m))
			l.xy = append(l.xy, plotter.XY{X: x, Y: b / m.MedianS})
			l.band = append(l.band, plotter.XY{X: x, Y: b / m.MaxS})
		}
		for i := len(l.ms) - 1; i >= 0; i-- {
			l.band = append(l.band, plotter.XY{X: float64(xOf(l.ms[i])), Y: base0(base, l.ms, i, xOf) / l.ms[i].MinS})
		}
		if err := checkXYs(l.label, l.xy); err != nil {
			return "", fmt.Errorf("speedup %s: %w", name(rs), err)
		}
		if err := checkXYs(l.label+" band", l.band); err != nil {
			return "", fmt.Errorf("speedup %s: %w", name(rs), err)
		}
	}
	return baseName, nil
}

// speedupDetails is the title's second line: the task counts and size,
// the fastest sequential time of each language, and the runs per point.
func speedupDetails(rs *lib.ResultSet, base map[baseKey]float64) []string {
	details := []string{fmt.Sprintf("N = %s tasks", intList(sizes(rs.Results)))}
	if s := taskSize(rs.Results); s != "" {
		details[0] += " of " + s
	}
	for _, language := range []string{lib.LanguageGo, lib.LanguagePython} {
		var bs []float64
		for k, b := range base {
			if k.language == language {
				bs = append(bs, b)
			}
		}
		if len(bs) > 0 {
			sort.Float64s(bs)
			details = append(details, lib.BaselineOf(language)+" "+formatSeconds(bs[0]))
		}
	}
	return append(details, runsCount(rs.Results)+" per point")
}

// shadeBeyondCPUs greys the region past the machine's CPUs, where more
// parallelism cannot add speed. Its legend entry goes last, so it returns
// a function that adds it.
func shadeBeyondCPUs(p *plot.Plot, numCPU int, pmax float64) (func(), error) {
	cpus := float64(numCPU)
	if cpus < 1 || cpus >= pmax {
		return func() {}, nil
	}
	shade, err := plotter.NewPolygon(plotter.XYs{{X: cpus, Y: 0}, {X: pmax, Y: 0}, {X: pmax, Y: 1e9}, {X: cpus, Y: 1e9}})
	if err != nil {
		return nil, err
	}
	shade.Color = rgb(0xF3, 0xF3, 0xF3)
	shade.LineStyle.Width = 0
	p.Add(unranged{shade})
	label := fmt.Sprintf("beyond the %s", plural(numCPU, "CPU"))
	return func() { p.Legend.Add(label, shade) }, nil
}

// drawSpeedupLines draws the ideal linear speedup, then each line with its
// band, and returns the lines' labels.
func drawSpeedupLines(p *plot.Plot, lines []*speedupLine, pmax float64) ([]string, error) {
	ideal := plotter.NewFunction(func(x float64) float64 { return x })
	ideal.XMin, ideal.XMax = 1, pmax
	ideal.LineStyle = refLine()
	p.Add(ideal)

	var series []string
	for _, l := range lines {
		st := ModelStyle(l.model)
		if len(l.ms) > 1 {
			if err := addBand(p, st, l.band); err != nil {
				return nil, err
			}
		}
		if err := addModelLine(p, st, l.label, l.xy); err != nil {
			return nil, err
		}
		series = append(series, l.label)
	}
	p.Legend.Add("ideal: linear", ideal)
	return series, nil
}

// drawAmdahlFit draws the fitted Amdahl curve in its model's colour.
func drawAmdahlFit(p *plot.Plot, fit amdahlResult, label string) {
	st := ModelStyle(fit.model)
	f := fit.serial
	curve := plotter.NewFunction(func(x float64) float64 { return Amdahl(f, x) })
	// Drawn only over the cores it was fitted on: past them the
	// machine, not the law, sets the shape (the shaded region).
	curve.XMin, curve.XMax = 1, fit.upTo
	curve.LineStyle = st.line(vg.Points(1.2))
	curve.LineStyle.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2)}
	p.Add(curve)
	p.Legend.Add(label, curve)
}

// base0 is the baseline used for point i of a line, for the band's return
// path.
func base0(base map[baseKey]float64, ms []lib.Measurement, i int, xOf func(lib.Measurement) int) float64 {
	if b, ok := base[keyOf(ms[i])]; ok {
		return b
	}
	b, _ := selfBaseline(ms, xOf)
	return b
}

// selfBaseline is a line's own median at parallelism 1.
func selfBaseline(ms []lib.Measurement, xOf func(lib.Measurement) int) (float64, bool) {
	for _, m := range ms {
		if xOf(m) == 1 && m.MedianS > 0 {
			return m.MedianS, true
		}
	}
	return 0, false
}

// unranged hides a plotter's data range so that it does not stretch the
// axes (the out-of-CPUs shade extends "to infinity").
type unranged struct{ plot.Plotter }

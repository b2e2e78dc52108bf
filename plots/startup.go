package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/gomeasure/concurrency/lib"
)

// StartupFigure plots what it costs to get W workers going, against W, on
// a log time axis: for worker processes, whose runner measures it, the
// worker start-up of the median run (Measurement.StartupS: re-executing
// the binary until every worker said it was ready); for any other model, the median wall time of its whole
// run, which for goroutines running trivial tasks is their start-up and
// little else. The measurements come from lib.Interleave with one trivial
// task per worker.
func StartupFigure(rs *lib.ResultSet) (*Figure, error) {
	return costFigure(rs, costAxes{
		what: "Starting W workers", xlabel: "workers W", logX: false,
		x: func(m lib.Measurement) float64 { return float64(m.Workers) },
		y: func(m lib.Measurement) (float64, string) {
			if workerProcesses(m) {
				return m.StartupS, m.Model + ": start-up until all ready"
			}
			return m.MedianS, m.Model + ": whole run"
		},
	})
}

// IPCFigure plots what moving data to a worker costs, against the payload
// each task carries (Measurement.Size, in bytes), on log–log axes: for
// worker processes, whose runner measures it, the median run's IPC time
// per task (encoding, piping and decoding, Measurement.IPCS / Tasks); for
// any other model, its median
// wall time per task, which shares the payload by pointer and copies
// nothing.
func IPCFigure(rs *lib.ResultSet) (*Figure, error) {
	return costFigure(rs, costAxes{
		what: "Moving a payload to a worker", xlabel: "payload per task (bytes, log scale)", logX: true,
		x: func(m lib.Measurement) float64 { return float64(m.Size) },
		y: func(m lib.Measurement) (float64, string) {
			if workerProcesses(m) {
				return m.IPCS / float64(m.Tasks), m.Model + ": IPC per task"
			}
			return m.MedianS / float64(m.Tasks), m.Model + ": whole run per task"
		},
	})
}

// workerProcesses reports whether the measured model runs its tasks in
// worker processes of this program, whose start-up and IPC its runner
// times (lib.Processes).
func workerProcesses(m lib.Measurement) bool {
	d, ok := m.Descriptor()
	return ok && d.OutOfProcess && d.Language == lib.LanguageGo
}

type costAxes struct {
	what, xlabel string
	logX         bool
	x            func(lib.Measurement) float64
	y            func(lib.Measurement) (float64, string) // seconds, series label
}

// costFigure draws one line per model of y against x, both from the
// measurements, with a log time axis: the costs compared span microseconds
// to milliseconds and more.
func costFigure(rs *lib.ResultSet, ax costAxes) (*Figure, error) {
	if rs == nil || len(rs.Results) == 0 {
		return nil, fmt.Errorf("%s: no measurements for %s", ax.what, name(rs))
	}
	p := newPlot(headline(rs, ax.what, runsCount(rs.Results)+" per point"), ax.xlabel, "time (log scale)")
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = durationTicks{}
	if ax.logX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = byteTicks{}
	} else {
		p.X.Tick.Marker = integerTicks{}
	}
	var series []string
	for _, model := range rs.Models() {
		ms := slices.Clone(rs.Find(model))
		slices.SortFunc(ms, func(a, b lib.Measurement) int { return int(math.Copysign(1, ax.x(a)-ax.x(b))) })
		xy := make(plotter.XYs, len(ms))
		label := model
		for i, m := range ms {
			y, l := ax.y(m)
			if !(y > 0) || !finite(y) || !(ax.x(m) > 0) {
				return nil, fmt.Errorf("%s %s: %s has a non-positive point (%v, %v), which a log axis cannot show", ax.what, name(rs), model, ax.x(m), y)
			}
			xy[i], label = plotter.XY{X: ax.x(m), Y: y}, l
		}
		if err := addModelLine(p, ModelStyle(model), label, xy); err != nil {
			return nil, err
		}
		series = append(series, label)
	}
	// Room above and below the lines, so the nearest decade ticks show.
	p.Y.Min, p.Y.Max = p.Y.Min*0.8, p.Y.Max*1.25
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: series, LegendOutside: true}, nil
}

// durationTicks labels a log axis in seconds at 1, 2 and 5 of every decade
// with a unit that fits each value: "50 µs", "2 ms", "1 s".
type durationTicks struct{}

func (durationTicks) Ticks(min, max float64) []plot.Tick {
	ticks := logTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = lib.FormatSeconds(ticks[i].Value)
		}
	}
	return ticks
}

// byteTicks labels a log axis of bytes at the powers of two that are
// round in KiB or MiB.
type byteTicks struct{}

func (byteTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for e := math.Floor(math.Log2(min)); math.Pow(2, e) <= max; e++ {
		v := math.Pow(2, e)
		t := plot.Tick{Value: v}
		if int(e)%2 == 0 || max/min < 1<<8 {
			t.Label = formatBytes(v)
		}
		out = append(out, t)
	}
	return out
}

func formatBytes(v float64) string {
	switch {
	case v >= 1<<20:
		return tickLabel(v/(1<<20)) + " MiB"
	case v >= 1<<10:
		return tickLabel(v/(1<<10)) + " KiB"
	}
	return tickLabel(v) + " B"
}

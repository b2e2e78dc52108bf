package plots

import (
	"fmt"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/gomeasure/concurrency/lib"
)

// waitStyles draw the two ways of waiting of ThreadsFigure in the colours
// of the models that wait that way: parked goroutines in the goroutines'
// blue, a thread held in the kernel in the emulated threads' vermilion.
var waitStyles = map[string]struct {
	model, label string
}{
	lib.WaitNetwork: {"goroutines", "waiting on a socket (parked, network poller)"},
	lib.WaitSyscall: {"gil", "waiting in a blocking system call (nanosleep)"},
}

// ThreadsFigure draws lib.CountThreads' result: the most OS threads the
// process had against the number of goroutines waiting at once, for each
// way of waiting, on log–log axes, with the dashed line of one thread per
// goroutine. Goroutines waiting on the network stay near the bottom
// whatever their number; each one blocked in the kernel adds a thread.
func ThreadsFigure(counts []lib.ThreadCount, env lib.Env) (*Figure, error) {
	if len(counts) == 0 {
		return nil, fmt.Errorf("threads: no counts")
	}
	title := "OS threads while goroutines wait"
	if parts := envLine(env); len(parts) > 0 {
		title += "\n" + wrapDetails(parts)
	}
	p := newPlot(title, "goroutines waiting at once (log scale)", "OS threads at the peak (log scale)")
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = logTicks{}, logTicks{}
	lo, hi := 0, 0
	var series []string
	for _, wait := range []string{lib.WaitNetwork, lib.WaitSyscall} {
		var xy plotter.XYs
		for _, c := range counts {
			if c.Wait != wait {
				continue
			}
			if c.Goroutines < 1 || c.PeakThreads < 1 {
				return nil, fmt.Errorf("threads: %+v has nothing a log axis can show", c)
			}
			xy = append(xy, plotter.XY{X: float64(c.Goroutines), Y: float64(c.PeakThreads)})
			lo, hi = minPositive(lo, c.Goroutines), max(hi, c.Goroutines, c.PeakThreads)
		}
		if len(xy) == 0 {
			continue
		}
		slices.SortFunc(xy, func(a, b plotter.XY) int { return int(a.X - b.X) })
		ws := waitStyles[wait]
		if err := addModelLine(p, ModelStyle(ws.model), ws.label, xy); err != nil {
			return nil, err
		}
		series = append(series, ws.label)
	}
	if len(series) == 0 {
		return nil, fmt.Errorf("threads: no count of a known wait (%s or %s)", lib.WaitNetwork, lib.WaitSyscall)
	}
	ref, err := plotter.NewLine(plotter.XYs{{X: float64(lo), Y: float64(lo)}, {X: float64(hi), Y: float64(hi)}})
	if err != nil {
		return nil, err
	}
	ref.LineStyle = refLine()
	p.Add(ref)
	p.Legend.Add("one OS thread per goroutine", ref)
	p.Y.Min, p.Y.Max = 1, float64(hi)*2
	return &Figure{Panels: [][]*plot.Plot{{p}}, Series: series}, nil
}

// minPositive is the smaller of a and b, where 0 means "none yet".
func minPositive(a, b int) int {
	if a == 0 || b < a {
		return b
	}
	return a
}

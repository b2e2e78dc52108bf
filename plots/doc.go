// Package plots draws the tutorial's figures from measured results
// (lib.ResultSet), never from typed-in numbers, with gonum.org/v1/plot.
//
// Each figure function takes a result set and returns a *plot.Plot (or,
// for multi-panel figures, a *Figure), or an error when there is nothing
// sound to draw — no measurements, or a non-finite value — rather than an
// empty or gappy chart:
//
//	Timing    wall time vs number of tasks, min–max band, ideal lines
//	Speedup   speedup vs GOMAXPROCS or workers, linear ideal, Amdahl fit
//	Timeline  Gantt charts of task spans, one panel per model
//	Latency   CDF of request latencies with p50, p95, p99 and max
//	Memory    bytes per parked goroutine vs number of goroutines
//
// Every model has one colour and marker in all figures (ModelStyle).
// Save and Encode write SVG (the site) and PNG (README, notebooks) at
// 800 px wide; Save replaces files atomically.
//
// All maps each experiment's results to its figures, named as follows
// (see FigureKinds and FigureName):
//
//	flags         → flags-timing
//	staircase     → staircase-timing
//	c10k          → c10k-timing
//	timeline-io   → timeline-io
//	speedup       → speedup-sumsquares
//	timeline-cpu  → timeline-cpu
//	primes        → speedup-primes
//	blur          → speedup-blur
//	loadtest      → loadtest-latency, loadtest-timeline
//	memory        → memory-goroutines
//
// and WriteAll saves them as NAME.svg and NAME.png, so the plots command
// is
//
//	figs, err := plots.All(sets) // sets: experiment name → results
//	paths, werr := plots.WriteAll(figs, dir)
package plots

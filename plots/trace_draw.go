package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gomeasure/concurrency/lib"
)

// taskColors tell tasks apart in traced timelines: eight well-separated
// hues (matplotlib's tab10 without its red, kept for GC, and its grey,
// kept for the runtime's own goroutines), reused past eight tasks.
var taskColors = []color.RGBA{
	rgb(0x1F, 0x77, 0xB4), rgb(0xFF, 0x7F, 0x0E), rgb(0x2C, 0xA0, 0x2C), rgb(0x94, 0x67, 0xBD),
	rgb(0x8C, 0x56, 0x4B), rgb(0xE3, 0x77, 0xC2), rgb(0xBC, 0xBD, 0x22), rgb(0x17, 0xBE, 0xCF),
}

// TaskColor is the colour of task i in traced timelines.
func TaskColor(i int) color.RGBA {
	if i < 0 {
		return rgb(0x99, 0x99, 0x99) // not a task: the runtime, main
	}
	return taskColors[i%len(taskColors)]
}

var (
	runnableColor = rgb(0xD9, 0xD9, 0xD9)
	blockedColor  = rgb(0x80, 0x80, 0x80)
	gcColor       = color.NRGBA{R: 0xD6, G: 0x27, B: 0x28, A: 0x38}
)

// traceBars draws one traced run: lanes on top, task rows below.
type traceBars struct {
	tr       *lib.Trace
	by       LaneBy
	keys     []int64 // lane keys, top to bottom
	rows     int
	taskRows int
	scale    float64
}

// Plot implements plot.Plotter.
func (b *traceBars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	lane := map[int64]int{}
	for i, k := range b.keys {
		lane[k] = b.rows - 1 - i
	}
	x := func(ns int64) vg.Length { return tx(float64(ns-b.tr.RunStartNS) / 1e9 * b.scale) }
	box := func(start, end int64, row int, height float64) (vg.Rectangle, bool) {
		start, end = max(start, b.tr.RunStartNS), min(end, b.tr.RunEndNS)
		if end <= start {
			return vg.Rectangle{}, false
		}
		r := vg.Rectangle{
			Min: vg.Point{X: x(start), Y: ty(float64(row) - height/2)},
			Max: vg.Point{X: x(end), Y: ty(float64(row) + height/2)},
		}
		return r, true
	}
	if outsideTracer(b.tr) {
		b.plotSpans(c, tx, ty, lane)
		return
	}
	// GC first, under the slices, across the lanes.
	top, bottom := b.rows-1, b.rows-len(b.keys)
	for _, g := range b.tr.GC {
		if r, ok := box(g.StartNS, g.EndNS, 0, 0); ok {
			r.Min.Y, r.Max.Y = ty(float64(bottom)-0.5), ty(float64(top)+0.5)
			c.SetColor(gcColor)
			c.Fill(r.Path())
		}
	}
	for _, s := range b.tr.Slices {
		key := int64(s.P)
		if b.by == ByM {
			key = s.M
		}
		row, onLane := lane[key]
		onLane = onLane && (s.State == lib.StateRunning || b.by == ByM && s.State == lib.StateSyscall)
		if r, ok := box(s.StartNS, s.EndNS, row, barHeight); ok && onLane {
			drawSlice(c, r, s)
		}
		if s.Task < 0 || s.Task >= b.taskRows {
			continue
		}
		if r, ok := box(s.StartNS, s.EndNS, b.taskRows-1-s.Task, 0.55); ok {
			drawSlice(c, r, s)
		}
	}
}

// drawSlice fills one slice in the look of its state. Running slices get a
// thin white edge, so a preemption between two slices of the same task
// shows as a cut.
func drawSlice(c draw.Canvas, r vg.Rectangle, s lib.Slice) {
	if s.State == lib.StateRunning && r.Max.X-r.Min.X < vg.Points(0.6) {
		if s.Task < 0 {
			return // a runtime goroutine's blip: invisible at this scale anyway
		}
		r.Max.X = r.Min.X + vg.Points(0.6)
	}
	switch s.State {
	case lib.StateRunning:
		c.SetColor(TaskColor(s.Task))
		c.Fill(r.Path())
		c.SetLineStyle(draw.LineStyle{Color: rgb(0xFF, 0xFF, 0xFF), Width: vg.Points(0.35)})
		c.Stroke(r.Path())
	case lib.StateRunnable:
		c.SetColor(runnableColor)
		c.Fill(r.Path())
	case lib.StateWaiting:
		c.SetColor(rgb(0xF2, 0xF2, 0xF2))
		c.Fill(r.Path())
		hatch(c, r, blockedColor)
	case lib.StateSyscall:
		col := TaskColor(s.Task)
		c.SetColor(color.NRGBA{R: col.R, G: col.G, B: col.B, A: 0x50})
		c.Fill(r.Path())
		hatch(c, r, col)
	}
}

// plotSpans draws a run the tracer did not see from the runner's own
// start and end times, one lane per worker.
func (b *traceBars) plotSpans(c draw.Canvas, tx, ty func(float64) vg.Length, lane map[int64]int) {
	origin := spanOrigin(b.tr)
	for _, s := range b.tr.Spans {
		row, ok := lane[int64(s.Worker)]
		if !ok || s.EndS <= s.StartS {
			continue
		}
		r := vg.Rectangle{
			Min: vg.Point{X: tx((s.StartS - origin) * b.scale), Y: ty(float64(row) - barHeight/2)},
			Max: vg.Point{X: tx((s.EndS - origin) * b.scale), Y: ty(float64(row) + barHeight/2)},
		}
		drawSlice(c, r, lib.Slice{Task: s.Task, State: lib.StateRunning})
	}
}

// DataRange implements plot.DataRanger.
func (b *traceBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, traceEnd(b.tr) * b.scale, -0.5, float64(b.rows) - 0.5
}

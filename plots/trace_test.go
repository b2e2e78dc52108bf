package plots

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"github.com/gomeasure/concurrency/lib"
)

// twoTasks is a synthetic trace: tasks 0 and 1 on the Ps listed, 10 ms
// each, on threads 5 and 6, with a runtime goroutine, a blocked stretch and
// a GC phase.
func twoTasks(procs int, ps ...int) *lib.Trace {
	tr := &lib.Trace{Model: "goroutines", GOMAXPROCS: procs, Tasks: []string{"a", "b"}, RunStartNS: 0, RunEndNS: 20e6,
		GC: []lib.Phase{{Name: "GC concurrent mark phase", StartNS: 2e6, EndNS: 3e6}}}
	for i, p := range ps {
		start := int64(i) * 10e6 / int64(procs)
		tr.Slices = append(tr.Slices,
			lib.Slice{G: int64(i + 1), Task: i, State: lib.StateRunning, P: p, M: int64(5 + i), StartNS: start, EndNS: start + 10e6, Left: lib.LeftDone},
			lib.Slice{G: int64(i + 1), Task: i, State: lib.StateWaiting, P: -1, M: -1, StartNS: start + 10e6, EndNS: 20e6, Left: lib.LeftEnd, Reason: "chan send"})
	}
	tr.Slices = append(tr.Slices, lib.Slice{G: 9, Task: -1, State: lib.StateRunning, P: 0, M: 5, StartNS: 1e6, EndNS: 1.1e6, Left: lib.LeftSync})
	return tr
}

// laneLabels reads the lane labels off a panel's y axis, top to bottom.
func laneLabels(p *plot.Plot, prefix string) []string {
	var out []string
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	slices.SortFunc(ticks, func(a, b plot.Tick) int { return int(b.Value - a.Value) })
	for _, t := range ticks {
		if strings.HasPrefix(t.Label, prefix) {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestTraceTimelineOneLanePerP(t *testing.T) {
	for _, c := range []struct {
		name string
		tr   *lib.Trace
		want []string
	}{
		{"one P", twoTasks(1, 0, 0), []string{"P0"}},
		{"two Ps", twoTasks(2, 0, 1), []string{"P0", "P1"}},
		{"two Ps, one idle", twoTasks(2, 0, 0), []string{"P0", "P1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fig, err := TraceTimeline("test", ByP, c.tr)
			if err != nil {
				t.Fatal(err)
			}
			if got := laneLabels(fig.Panels[0][0], "P"); !slices.Equal(got, c.want) {
				t.Errorf("lanes %v, want %v", got, c.want)
			}
			if got := laneLabels(fig.Panels[0][0], "task "); !slices.Equal(got, []string{"task 0", "task 1"}) {
				t.Errorf("task rows %v, want task a, task b", got)
			}
			for _, format := range Formats {
				if _, err := Encode(fig, format); err != nil {
					t.Errorf("%s: %v", format, err)
				}
			}
		})
	}
}

func TestTraceTimelineByThread(t *testing.T) {
	tr := twoTasks(2, 0, 1)
	if got, want := TraceLanes(tr, ByM), []string{"M5", "M6"}; !slices.Equal(got, want) {
		t.Errorf("lanes by thread %v, want %v", got, want)
	}
	fig, err := TraceTimeline("threads", ByM, tr)
	if err != nil {
		t.Fatal(err)
	}
	tr.Label = "waiting on sockets"
	fig, err = TraceTimeline("threads", ByM, tr)
	if err != nil {
		t.Fatal(err)
	}
	texts := drawnText(t, fig)
	if !containsText(texts, "waiting on sockets, GOMAXPROCS 2") {
		t.Error("panel title does not use the trace's label")
	}
	if !containsText(texts, "2 OS threads") {
		t.Error("panel title does not count the threads")
	}
	if !containsText(texts, "red band: garbage collection") || !containsText(texts, "1 GC phase") {
		t.Error("the GC phase is not marked in the key and the panel title")
	}
}

func TestTraceTimelineProcessesOutsideTracer(t *testing.T) {
	tr := &lib.Trace{Model: "processes", GOMAXPROCS: 2, Tasks: []string{"a", "b"},
		Spans: []lib.Span{{Task: 0, Worker: 0, StartS: 0.05, EndS: 0.06}, {Task: 1, Worker: 1, StartS: 0.05, EndS: 0.07}}}
	fig, err := TraceTimeline("mixed", ByP, twoTasks(2, 0, 1), tr)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := laneLabels(fig.Panels[1][0], "worker"), []string{"worker 0", "worker 1"}; !slices.Equal(got, want) {
		t.Errorf("process lanes %v, want %v", got, want)
	}
	texts := drawnText(t, fig)
	for _, want := range []string{"outside the tracer", "start–end bars only"} {
		if !containsText(texts, want) {
			t.Errorf("figure does not say %q", want)
		}
	}
}

func TestTraceTimelineErrors(t *testing.T) {
	bad := twoTasks(1, 0, 0)
	bad.Slices[0].EndNS = -1
	for name, trs := range map[string][]*lib.Trace{
		"none":     nil,
		"nil":      {nil},
		"backward": {bad},
		"empty":    {{Model: "goroutines", GOMAXPROCS: 1}},
	} {
		if _, err := TraceTimeline("x", ByP, trs...); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// TestTraceTimelineOfARealRun draws a real traced run, so the figure is
// tested against what the tracer actually records.
func TestTraceTimelineOfARealRun(t *testing.T) {
	if testing.Short() {
		t.Skip("traces a run")
	}
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	_, tr, err := lib.RunTraced(context.Background(), lib.Goroutines(), lib.SumSquaresTasks(4, 2_000_000))
	if err != nil {
		t.Fatal(err)
	}
	fig, err := TraceTimeline("real", ByP, tr)
	if err != nil {
		t.Fatal(err)
	}
	if got := laneLabels(fig.Panels[0][0], "P"); len(got) != 2 {
		t.Errorf("lanes %v, want one per P", got)
	}
	if _, err := Encode(fig, "svg"); err != nil {
		t.Error(err)
	}
}

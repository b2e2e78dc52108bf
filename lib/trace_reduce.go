package lib

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	xtrace "golang.org/x/exp/trace"
)

// ReduceTrace reads a runtime/trace recording and reduces it to slices (see
// Trace). Model, GOMAXPROCS and Tasks are left for the caller to fill in.
func ReduceTrace(r io.Reader) (*Trace, error) {
	rd, err := xtrace.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read trace: %w", err)
	}
	return reduceEvents(rd.ReadEvent)
}

// goTrack is what the reducer knows of one goroutine while it reads.
type goTrack struct {
	task int    // the task whose region is open on it, -1 for none
	open *Slice // the slice in progress, nil if none is being kept
}

// reducer turns a stream of trace events into slices.
type reducer struct {
	t0      xtrace.Time
	started bool
	last    xtrace.Time
	gs      map[xtrace.GoID]*goTrack
	gc      map[string]int64      // open global phases: name → start
	tasks   bool                  // whether a task region has been seen
	holds   map[xtrace.GoID]int64 // open GIL holds: goroutine → start
	out     Trace
}

// reduceEvents reduces the events next returns until io.EOF. It is split
// from ReduceTrace so tests can feed it events built with xtrace.MakeEvent.
func reduceEvents(next func() (xtrace.Event, error)) (*Trace, error) {
	rd := &reducer{gs: map[xtrace.GoID]*goTrack{}, gc: map[string]int64{}, holds: map[xtrace.GoID]int64{}}
	for {
		ev, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read trace: %w", err)
		}
		rd.event(ev)
	}
	return rd.finish(), nil
}

// ns converts a trace time to nanoseconds since the first event.
func (rd *reducer) ns(t xtrace.Time) int64 { return int64(t - rd.t0) }

func (rd *reducer) track(g xtrace.GoID) *goTrack {
	gt, ok := rd.gs[g]
	if !ok {
		gt = &goTrack{task: -1}
		rd.gs[g] = gt
	}
	return gt
}

func (rd *reducer) event(ev xtrace.Event) {
	if !rd.started {
		rd.t0, rd.started = ev.Time(), true
	}
	rd.last = ev.Time()
	switch ev.Kind() {
	case xtrace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind == xtrace.ResourceGoroutine {
			rd.goTransition(ev, st)
		}
	case xtrace.EventRegionBegin, xtrace.EventRegionEnd:
		g, begin := ev.Goroutine(), ev.Kind() == xtrace.EventRegionBegin
		if g == xtrace.NoGoroutine {
			return
		}
		if i, ok := parseTaskRegion(ev.Region().Type); ok {
			rd.taskRegion(ev, i, begin)
		}
	case xtrace.EventLog:
		if l := ev.Log(); l.Category == GILLog && ev.Goroutine() != xtrace.NoGoroutine {
			rd.hold(ev.Goroutine(), rd.ns(ev.Time()), l.Message == "take")
		}
	case xtrace.EventRangeBegin, xtrace.EventRangeActive, xtrace.EventRangeEnd:
		rg := ev.Range()
		if rg.Scope.Kind != xtrace.ResourceNone || !isGCPhase(rg.Name) {
			return
		}
		if ev.Kind() == xtrace.EventRangeEnd {
			if start, ok := rd.gc[rg.Name]; ok {
				rd.out.GC = append(rd.out.GC, Phase{Name: rg.Name, StartNS: start, EndNS: rd.ns(ev.Time())})
				delete(rd.gc, rg.Name)
			}
			return
		}
		start := rd.ns(ev.Time())
		if ev.Kind() == xtrace.EventRangeActive {
			start = 0 // it began before the trace did
		}
		rd.gc[rg.Name] = start
	}
}

// isGCPhase picks the garbage collector's global ranges.
func isGCPhase(name string) bool {
	return strings.HasPrefix(name, "GC ") || strings.HasPrefix(name, "stop-the-world")
}

// goTransition closes the goroutine's current slice and opens the next.
func (rd *reducer) goTransition(ev xtrace.Event, st xtrace.StateTransition) {
	g := st.Resource.Goroutine()
	gt := rd.track(g)
	_, to := st.Goroutine()
	rd.close(gt, ev.Time(), leftState(to, st.Reason))
	s := &Slice{G: int64(g), Task: gt.task, P: -1, M: -1, StartNS: rd.ns(ev.Time()), Reason: st.Reason}
	switch to {
	case xtrace.GoRunning, xtrace.GoSyscall:
		s.State = StateRunning
		if to == xtrace.GoSyscall {
			s.State, s.Reason = StateSyscall, ""
		}
		if p := ev.Proc(); p != xtrace.NoProc {
			s.P = int(p)
		}
		if m := ev.Thread(); m != xtrace.NoThread {
			s.M = int64(m)
		}
		if s.State == StateRunning {
			s.Reason = ""
		}
	case xtrace.GoRunnable:
		s.State, s.Reason = StateRunnable, ""
	case xtrace.GoWaiting:
		s.State = StateWaiting
	default: // NotExist: the goroutine is gone
		delete(rd.gs, g)
		return
	}
	gt.open = s
}

// leftState names the state a goroutine moved to, in the Left* words.
func leftState(to xtrace.GoState, reason string) string {
	switch to {
	case xtrace.GoRunning:
		return LeftRunning
	case xtrace.GoSyscall:
		return LeftSyscall
	case xtrace.GoRunnable:
		switch {
		case strings.Contains(reason, "preempt"):
			return LeftPreempted
		case reason == "":
			return LeftRunnable
		}
		return LeftYielded
	case xtrace.GoWaiting:
		switch {
		case strings.Contains(reason, "network"):
			return LeftNet
		case strings.Contains(reason, "sleep"):
			return LeftSleep
		}
		return LeftSync
	}
	return LeftDone
}

// close ends gt's open slice at t, keeping it if it is worth keeping: every
// running or syscall slice, and the runnable and waiting ones that fall
// inside a task (the blocked time a timeline greys out).
func (rd *reducer) close(gt *goTrack, t xtrace.Time, left string) {
	s := gt.open
	if s == nil {
		return
	}
	gt.open = nil
	s.EndNS, s.Left = rd.ns(t), left
	if (s.State == StateRunnable || s.State == StateWaiting) && s.Task < 0 {
		return
	}
	rd.out.Slices = append(rd.out.Slices, *s)
}

// taskRegion notes that goroutine g began or ended task i. A running slice
// belongs to the task begun during it; when a pool worker goes from one
// task to the next without stopping, the slice is cut there.
func (rd *reducer) taskRegion(ev xtrace.Event, i int, begin bool) {
	gt := rd.track(ev.Goroutine())
	now := rd.ns(ev.Time())
	if begin {
		if !rd.tasks || now < rd.out.RunStartNS {
			rd.out.RunStartNS, rd.tasks = now, true
		}
		if s := gt.open; s != nil && s.Task >= 0 && s.Task != i {
			next := *s
			rd.close(gt, ev.Time(), LeftDone)
			next.StartNS, next.Task = now, i
			gt.open = &next
		} else if s != nil {
			s.Task = i
		}
		gt.task = i
		return
	}
	rd.out.RunEndNS = max(rd.out.RunEndNS, now)
	gt.task = -1
}

// hold notes that goroutine g took or gave up the emulated GIL at now.
func (rd *reducer) hold(g xtrace.GoID, now int64, begin bool) {
	if begin {
		rd.holds[g] = now
		return
	}
	if start, ok := rd.holds[g]; ok {
		rd.out.Holds = append(rd.out.Holds, Phase{Name: strconv.FormatInt(int64(g), 10), StartNS: start, EndNS: now})
		delete(rd.holds, g)
	}
}

// finish closes what the trace left open and sorts the slices by start.
func (rd *reducer) finish() *Trace {
	for _, gt := range rd.gs {
		rd.close(gt, rd.last, LeftEnd)
	}
	for name, start := range rd.gc {
		rd.out.GC = append(rd.out.GC, Phase{Name: name, StartNS: start, EndNS: rd.ns(rd.last)})
	}
	for g, start := range rd.holds {
		rd.out.Holds = append(rd.out.Holds, Phase{Name: strconv.FormatInt(int64(g), 10), StartNS: start, EndNS: rd.ns(rd.last)})
	}
	sort.Slice(rd.out.Holds, func(a, b int) bool { return rd.out.Holds[a].StartNS < rd.out.Holds[b].StartNS })
	sort.SliceStable(rd.out.Slices, func(a, b int) bool {
		x, y := rd.out.Slices[a], rd.out.Slices[b]
		if x.StartNS != y.StartNS {
			return x.StartNS < y.StartNS
		}
		return x.G < y.G
	})
	sort.Slice(rd.out.GC, func(a, b int) bool { return rd.out.GC[a].StartNS < rd.out.GC[b].StartNS })
	if rd.out.Slices == nil {
		rd.out.Slices = []Slice{}
	}
	return &rd.out
}

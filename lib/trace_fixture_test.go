package lib

import (
	"testing"

	xtrace "golang.org/x/exp/trace"
)

// fixtureEvents is a hand-built trace: goroutines 1 and 2 take turns on P 0
// (thread 7). Task 0 is preempted, task 1 blocks on the network, makes a
// system call and ends; a GC mark phase runs in between, and goroutine 1
// holds an emulated GIL for most of its first slice. Its reduction is
// testdata/trace-fixture.json.
func fixtureEvents(t *testing.T) []xtrace.Event {
	t.Helper()
	var evs []xtrace.Event
	add := func(e xtrace.Event, err error) {
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, e)
	}
	goTo := func(at xtrace.Time, g xtrace.GoID, from, to xtrace.GoState, reason string) {
		st := xtrace.MakeGoStateTransition(g, from, to)
		st.Reason = reason
		add(xtrace.MakeEvent(xtrace.EventConfig[xtrace.StateTransition]{
			Time: at, Kind: xtrace.EventStateTransition, Goroutine: 100, Proc: 0, Thread: 7, Details: st,
		}))
	}
	region := func(at xtrace.Time, g xtrace.GoID, kind xtrace.EventKind, typ string) {
		add(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Region]{
			Time: at, Kind: kind, Goroutine: g, Proc: 0, Thread: 7, Details: xtrace.Region{Type: typ},
		}))
	}
	gc := func(at xtrace.Time, kind xtrace.EventKind) {
		add(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Range]{
			Time: at, Kind: kind, Goroutine: 1, Proc: 0, Thread: 7, Details: xtrace.Range{Name: "GC concurrent mark phase"},
		}))
	}
	gilLog := func(at xtrace.Time, g xtrace.GoID, msg string) {
		add(xtrace.MakeEvent(xtrace.EventConfig[xtrace.Log]{
			Time: at, Kind: xtrace.EventLog, Goroutine: g, Proc: 0, Thread: 7, Details: xtrace.Log{Category: GILLog, Message: msg},
		}))
	}
	const (
		notExist = xtrace.GoNotExist
		runnable = xtrace.GoRunnable
		running  = xtrace.GoRunning
		waiting  = xtrace.GoWaiting
		syscall  = xtrace.GoSyscall
	)
	goTo(100, 1, notExist, runnable, "")
	goTo(100, 2, notExist, runnable, "")
	goTo(200, 1, runnable, running, "")
	region(210, 1, xtrace.EventRegionBegin, taskRegion(0))
	region(220, 1, xtrace.EventRegionBegin, "someone else's region")
	gilLog(230, 1, "take")
	gilLog(10000, 1, "give")
	goTo(10210, 1, running, runnable, "preempted")
	goTo(10210, 2, runnable, running, "")
	region(10300, 2, xtrace.EventRegionBegin, taskRegion(1))
	goTo(15000, 2, running, waiting, "network")
	goTo(15000, 1, runnable, running, "")
	gc(16000, xtrace.EventRangeBegin)
	gc(17000, xtrace.EventRangeEnd)
	region(20000, 1, xtrace.EventRegionEnd, taskRegion(0))
	goTo(20100, 1, running, notExist, "")
	goTo(25000, 2, waiting, runnable, "")
	goTo(25000, 2, runnable, running, "")
	goTo(26000, 2, running, syscall, "")
	goTo(27000, 2, syscall, running, "")
	region(28000, 2, xtrace.EventRegionEnd, taskRegion(1))
	goTo(28500, 2, running, notExist, "")
	return evs
}

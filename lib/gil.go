package lib

import (
	"context"
	"runtime/trace"
	"sync/atomic"
	"time"
)

// SwitchInterval is CPython's default thread switch interval
// (sys.getswitchinterval() == 0.005): how long a thread may keep the GIL
// while another thread is waiting for it.
const SwitchInterval = 5 * time.Millisecond

// GILLock emulates CPython's global interpreter lock. It is a model, not
// CPython: it reproduces the one property the tutorial measures — only one
// thread runs "interpreted" code at a time, the lock is handed over every
// switch interval when another thread waits, and it is released while a
// thread blocks on I/O — so that threads speed up I/O-bound work but not
// CPU-bound work.
type GILLock struct {
	interval time.Duration
	// token holds one value while the lock is taken. Blocked senders queue
	// in FIFO order, so a release hands the lock to the longest waiter, as
	// CPython's "forced switching" does since 3.2.
	token    chan struct{}
	waiting  atomic.Int32
	switches atomic.Int64
}

// NewGILLock returns an unlocked emulated GIL with the given switch interval
// (SwitchInterval if interval <= 0).
func NewGILLock(interval time.Duration) *GILLock {
	if interval <= 0 {
		interval = SwitchInterval
	}
	return &GILLock{interval: interval, token: make(chan struct{}, 1)}
}

// Switches counts how many times a thread gave the lock up to a waiter
// because its switch interval ran out.
func (g *GILLock) Switches() int64 { return g.switches.Load() }

// gilState is one thread's view of the lock: when it last acquired it.
type gilState struct {
	lock     *GILLock
	acquired time.Time
}

// GILLog is the runtime/trace log category under which a thread of the
// emulated GIL logs "take" and "give" as it takes and gives up the lock,
// so that a trace can tell the thread that computes from one that has
// just handed the lock over. (Logs, not regions: a hold does not nest
// with a task's region.) Logging is a no-op when no trace is recorded.
const GILLog = "lib.gil"

func (s *gilState) acquire() {
	s.lock.waiting.Add(1)
	s.lock.token <- struct{}{}
	s.lock.waiting.Add(-1)
	s.acquired = time.Now()
	trace.Log(context.Background(), GILLog, "take")
}

// release logs the hand-over before it lets the next thread in, so two
// holds never overlap in a trace.
func (s *gilState) release() {
	trace.Log(context.Background(), GILLog, "give")
	<-s.lock.token
}

// tick hands the lock over if this thread has held it for a whole switch
// interval and someone is waiting — CPython's eval-breaker check.
func (s *gilState) tick() {
	if s.lock.waiting.Load() == 0 || time.Since(s.acquired) < s.lock.interval {
		return
	}
	s.lock.switches.Add(1)
	s.release()
	s.acquire()
}

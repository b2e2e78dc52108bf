package lib

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

func TestLoadGeneratorsRefuseBadInput(t *testing.T) {
	nop := func(context.Context) error { return nil }
	tests := []struct {
		name string
		run  func() (*LoadReport, error)
	}{
		{"open loop, zero rate", func() (*LoadReport, error) { return OpenLoop(context.Background(), nop, 0, 10) }},
		{"open loop, negative rate", func() (*LoadReport, error) { return OpenLoop(context.Background(), nop, -5, 10) }},
		{"open loop, no requests", func() (*LoadReport, error) { return OpenLoop(context.Background(), nop, 10, 0) }},
		{"closed loop, no workers", func() (*LoadReport, error) { return ClosedLoop(context.Background(), nop, 0, 10, 0) }},
		{"closed loop, no requests", func() (*LoadReport, error) { return ClosedLoop(context.Background(), nop, 2, 0, 0) }},
		{"closed loop, negative limit", func() (*LoadReport, error) { return ClosedLoop(context.Background(), nop, 2, 5, -time.Second) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if rep, err := tt.run(); err == nil {
				t.Fatalf("accepted: %v", rep)
			}
		})
	}
}

// TestOpenLoopKeepsItsSchedule: every request is due exactly one interval
// after the one before, and a slow answer delays none of the later ones.
func TestOpenLoopKeepsItsSchedule(t *testing.T) {
	var calls atomic.Int64
	req := func(ctx context.Context) error {
		if calls.Add(1) == 1 {
			time.Sleep(100 * time.Millisecond) // the first answer is slow
		}
		return nil
	}
	const rate, n = 200, 20
	rep, err := OpenLoop(context.Background(), req, rate, n)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Samples) != n || rep.Errors() != 0 {
		t.Fatalf("%d samples, %d errors; want %d, 0", len(rep.Samples), rep.Errors(), n)
	}
	for i, s := range rep.Samples {
		if want := rep.Start.Add(time.Duration(i) * time.Second / rate); !s.Intended.Equal(want) {
			t.Errorf("request %d due at %v, want %v", i, s.Intended.Sub(rep.Start), want.Sub(rep.Start))
		}
		if s.Start.Before(s.Intended) || s.End.Before(s.Start) {
			t.Errorf("request %d: due %v, started %v, ended %v", i, s.Intended, s.Start, s.End)
		}
	}
	// The slow first answer overlapped the next ones: the whole run took
	// about as long as the schedule, not the schedule plus the stall.
	if got := rep.Percentile(100); got < 100*time.Millisecond {
		t.Errorf("max latency %v, want at least the slow answer's 100ms", got)
	}
}

func TestClosedLoopBoundsInFlight(t *testing.T) {
	var inFlight, peak atomic.Int64
	req := func(ctx context.Context) error {
		now := inFlight.Add(1)
		for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
		}
		time.Sleep(time.Millisecond)
		inFlight.Add(-1)
		return nil
	}
	rep, err := ClosedLoop(context.Background(), req, 3, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Samples) != 30 || peak.Load() > 3 {
		t.Errorf("%d requests with at most %d in flight, want 30 with at most 3", len(rep.Samples), peak.Load())
	}
	for _, s := range rep.Samples {
		if s.Worker < 0 || s.Worker >= 3 || !s.Intended.Equal(s.Start) {
			t.Errorf("sample %+v: want a worker in 0..2 and Intended = Start", s)
		}
	}
}

func TestClosedLoopStopsAtItsLimit(t *testing.T) {
	req := func(ctx context.Context) error { time.Sleep(5 * time.Millisecond); return nil }
	rep, err := ClosedLoop(context.Background(), req, 2, 1_000_000, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Samples) == 0 || len(rep.Samples) > 1000 {
		t.Errorf("%d requests in a 50ms limit, want a few dozen", len(rep.Samples))
	}
	for i, s := range rep.Samples {
		if s.Start.IsZero() {
			t.Fatalf("sample %d was kept but never sent", i)
		}
	}
}

func TestOpenLoopCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := OpenLoop(ctx, func(context.Context) error { return nil }, 1000, 5)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() != 5 || !errors.Is(rep.Samples[4].Err, context.Canceled) {
		t.Errorf("cancelled run: %d errors (%v), want 5 context.Canceled", rep.Errors(), rep.Samples[4].Err)
	}
	m := rep.Measurement(0)
	if m.Errors != 5 || m.Timeline[0].Worker != -1 {
		t.Errorf("measurement of a run never sent: %d errors, lane %d; want 5, -1", m.Errors, m.Timeline[0].Worker)
	}
}

// TestLoadReportMeasurement checks the numbers of a hand-made report: the
// percentiles, and the lanes of an open loop that piles up.
func TestLoadReportMeasurement(t *testing.T) {
	t0 := time.Unix(100, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	sample := func(due, end int) LoadSample { return LoadSample{Intended: ms(due), Start: ms(due), End: ms(end)} }
	rep := &LoadReport{Mode: "open-loop", Rate: 100, Start: t0, End: ms(400), Samples: []LoadSample{
		sample(0, 50), sample(10, 400), sample(20, 70), sample(60, 110), sample(80, 130),
	}}
	if got := rep.Percentile(50); got != 50*time.Millisecond {
		t.Errorf("p50 = %v, want 50ms", got)
	}
	if got := rep.Percentile(100); got != 390*time.Millisecond {
		t.Errorf("max = %v, want 390ms", got)
	}
	if got := rep.Over(50 * time.Millisecond); got != 1 {
		t.Errorf("Over(50ms) = %d, want 1 (only the 390 ms request)", got)
	}
	if got := rep.Over(49 * time.Millisecond); got != 5 {
		t.Errorf("Over(49ms) = %d, want 5", got)
	}
	m := rep.Measurement(50 * time.Millisecond)
	lanes := []int{0, 1, 2, 0, 2} // lane 0 is free again at 50 ms, lane 2 at 70 ms
	for i, sp := range m.Timeline {
		if sp.Worker != lanes[i] {
			t.Errorf("request %d in lane %d, want %d", i, sp.Worker, lanes[i])
		}
	}
	if m.Workers != 3 || m.Tasks != 5 || m.Kernel != "post" || m.Model != "open-loop" || m.DelayS != 0.05 {
		t.Errorf("measurement %+v", m)
	}
	if got := rep.Throughput(); got != 5/0.4 {
		t.Errorf("throughput %v, want %v", got, 5/0.4)
	}
}

// TestCoordinatedOmission is the chapter's point in small: while the server
// stalls, an open loop keeps sending and records every late user, while a
// closed loop's few workers wait with the server and record the stall
// once each. The margins are wide: the open loop should see about a fifth
// of its requests slow, the closed loop about one in a hundred; a machine
// busy enough to slow every request slows both alike.
func TestCoordinatedOmission(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a second of wall time")
	}
	ms := time.Millisecond
	cfg := flagserver.Config{Delay: 2 * ms, StallEvery: 300 * ms, StallFor: 150 * ms}
	share := func(rep *LoadReport) float64 {
		slow := 0
		for _, l := range rep.Latencies() {
			if l >= 0.05 {
				slow++
			}
		}
		return float64(slow) / float64(len(rep.Samples))
	}
	srv := startServer(t, cfg)
	client := NewHTTPClient(100)
	open, err := OpenLoop(context.Background(), PostRequest(client, srv.URL), 200, 100)
	if err != nil || open.Errors() > 0 {
		t.Fatal(err, open)
	}
	srv2 := startServer(t, cfg)
	closed, err := ClosedLoop(context.Background(), PostRequest(client, srv2.URL), 2, 100_000, 500*ms)
	if err != nil || closed.Errors() > 0 {
		t.Fatal(err, closed)
	}
	if o, c := share(open), share(closed); o < 0.1 || c > o/2 {
		t.Errorf("share of requests slower than 50ms: open loop %.3f (want > 0.1), closed loop %.3f (want under half of it)\n%v\n%v", o, c, open, closed)
	}
}

func ExampleOpenLoop() {
	srv, err := flagserver.Start(flagserver.Config{Delay: 5 * time.Millisecond})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client := NewHTTPClient(10)
	// 20 requests, one every 10 ms, whatever the server does.
	rep, err := OpenLoop(context.Background(), PostRequest(client, srv.URL), 100, 20)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d requests, %d failed, the server counted %d\n", len(rep.Samples), rep.Errors(), srv.Requests())
	// Output: 20 requests, 0 failed, the server counted 20
}

func TestSweepClosedLoop(t *testing.T) {
	var calls atomic.Int64
	req := func(ctx context.Context) error {
		calls.Add(1)
		time.Sleep(2 * time.Millisecond)
		return nil
	}
	reps, err := SweepClosedLoop(context.Background(), req, []int{1, 4}, 3, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].Workers != 1 || reps[1].Workers != 4 {
		t.Fatalf("got %d reports, want one for 1 and one for 4 workers", len(reps))
	}
	for _, r := range reps {
		if len(r.Samples) == 0 || r.Errors() != 0 {
			t.Errorf("%v: want some successful requests", r)
		}
	}
	for _, bad := range []struct {
		workers []int
		rounds  int
		each    time.Duration
	}{{nil, 3, time.Millisecond}, {[]int{1}, 0, time.Millisecond}, {[]int{1}, 1, 0}, {[]int{0}, 1, time.Millisecond}} {
		if _, err := SweepClosedLoop(context.Background(), req, bad.workers, bad.rounds, bad.each); err == nil {
			t.Errorf("SweepClosedLoop(%v, %d, %v) accepted", bad.workers, bad.rounds, bad.each)
		}
	}
}

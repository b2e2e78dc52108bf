package lib

import (
	"context"
	"testing"
	"time"
)

func TestTraceName(t *testing.T) {
	for _, c := range []struct {
		m    Measurement
		want string
	}{
		{Measurement{Model: "goroutines", Tasks: 8, Workers: 8, GOMAXPROCS: 1}, "cpu-goroutines-8tasks-gomaxprocs1"},
		{Measurement{Model: "pool", Tasks: 50, Workers: 20, GOMAXPROCS: 2}, "cpu-pool-20-50tasks-gomaxprocs2"},
		{Measurement{Model: "gil", Tasks: 8, Workers: 8, GOMAXPROCS: 2}, "cpu-gil-8tasks-gomaxprocs2"},
	} {
		if got := TraceName("cpu", c.m); got != c.want {
			t.Errorf("TraceName(%+v) = %q, want %q", c.m, got, c.want)
		}
	}
}

func TestTraceRun(t *testing.T) {
	if testing.Short() {
		t.Skip("traces runs, starts a server process")
	}
	ctx := context.Background()
	cpu := Experiment{Name: "cpu", Workload: "cpu", Kernel: "sumsquares", Size: 1_000_000}
	tr, err := cpu.TraceRun(ctx, Measurement{Model: "goroutines", Tasks: 2, Workers: 2, GOMAXPROCS: 1}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.GOMAXPROCS != 1 || len(tr.Tasks) != 2 || tr.Overlap().MaxRuns != 1 {
		t.Errorf("cpu trace: GOMAXPROCS %d, %d tasks, %d at once", tr.GOMAXPROCS, len(tr.Tasks), tr.Overlap().MaxRuns)
	}
	io := Experiment{Name: "io", Workload: "io", Kernel: "slow", Delay: 20 * time.Millisecond}
	tr, err = io.TraceRun(ctx, Measurement{Model: "goroutines", Tasks: 4, Workers: 4, GOMAXPROCS: 2}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// net/http's request goroutine waits on a select for the connection's
	// read loop, which is the one parked on the network.
	net := 0
	for _, s := range tr.Slices {
		if s.Left == LeftNet {
			net++
		}
	}
	if net == 0 || tr.Lefts()[LeftSync] == 0 {
		t.Errorf("io trace: %d slices ended blocked on the network, tasks' slices ended %v", net, tr.Lefts())
	}
	mem := Experiment{Name: "memory", Workload: "memory"}
	if _, err := mem.TraceRun(ctx, Measurement{Model: "goroutines", Tasks: 1}, RunOptions{}); err == nil {
		t.Error("memory experiment: want an error")
	}
}

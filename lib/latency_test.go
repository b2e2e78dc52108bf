package lib

import (
	"context"
	"strings"
	"testing"
)

func TestMeasureLatenciesLadder(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 64 MiB and takes seconds")
	}
	ls, err := MeasureLatencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 9 {
		t.Fatalf("%d rungs", len(ls))
	}
	byName := map[string]float64{}
	for _, l := range ls {
		if l.NS <= 0 || l.Samples <= 0 {
			t.Errorf("%s: %v ns from %d samples", l.What, l.NS, l.Samples)
		}
		byName[l.What] = l.NS
	}
	// Orders of magnitude that hold on any machine: a process start costs
	// more than a loopback request, which costs more than a cache miss,
	// which costs more than an addition.
	order := []string{"add two numbers", "read main memory (cache miss)", "HTTP request over loopback", "start a process and wait for it"}
	for i := 1; i < len(order); i++ {
		if byName[order[i-1]] >= byName[order[i]] {
			t.Errorf("%s (%v ns) is not faster than %s (%v ns)", order[i-1], byName[order[i-1]], order[i], byName[order[i]])
		}
	}
}

func TestHumanString(t *testing.T) {
	for _, tt := range []struct {
		ns   float64
		want string
	}{
		{1, "1.0 seconds"},
		{100, "1.7 minutes"},
		{50_000, "13.9 hours"},
		{1_000_000, "11.6 days"},
		{100_000_000, "3.2 years"},
	} {
		if got := HumanString(Latency{NS: tt.ns}.Human()); got != tt.want {
			t.Errorf("%v ns → %q, want %q", tt.ns, got, tt.want)
		}
	}
}

func TestWorkerCrashIsIsolated(t *testing.T) {
	tasks := []Task{NewTask("sumsquares", "3", int64(3)), CrashTask(3), NewTask("sumsquares", "4", int64(4))}
	rep := Processes(1).Run(context.Background(), tasks)
	if rep.Results[0].Value != "5" {
		t.Errorf("task before the crash: %v %v", rep.Results[0].Value, rep.Results[0].Err)
	}
	if err := rep.Results[1].Err; err == nil || !strings.Contains(err.Error(), "died") {
		t.Errorf("crashing task: err = %v", err)
	}
	if rep.Results[2].Value != "14" {
		t.Errorf("task after the crash: %v %v, want it run by a worker started in place of the dead one", rep.Results[2].Value, rep.Results[2].Err)
	}
	if _, err := CrashTask(1).call(context.Background(), &Thread{}); err == nil {
		t.Error("crash ran outside a worker process")
	}
	rep = Processes(1).Run(context.Background(), PayloadTasks(2, 100_000))
	if rep.Results[0].Value != float64(100_000) || rep.IPC <= 0 {
		t.Errorf("payload: %v %v, IPC %v", rep.Results[0].Value, rep.Results[0].Err, rep.IPC)
	}
}

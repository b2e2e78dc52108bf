package lib

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// recorder is a runner that notes the order it was run in.
type recorder struct {
	name string
	log  *[]string
}

func (r recorder) Name() string { return r.name }
func (r recorder) Run(ctx context.Context, tasks []Task) *Report {
	*r.log = append(*r.log, r.name)
	return Sequential().Run(ctx, tasks)
}

func TestInterleave(t *testing.T) {
	var log []string
	tasks := SumSquaresTasks(2, 10)
	trials := []Trial{
		{Workload: "cpu", Model: "a", Workers: 1, Size: 7, Runner: recorder{"a", &log}, Tasks: tasks},
		{Workload: "cpu", Model: "b", Workers: 2, Runner: recorder{"b", &log}, Tasks: tasks},
	}
	ms, err := Interleave(context.Background(), 3, trials)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Split("a b a b a b a b", " "); !reflect.DeepEqual(log, want) {
		t.Errorf("runs went %v, want a warm-up of each and then rounds %v", log, want)
	}
	for i, m := range ms {
		if len(m.RunsS) != 3 || m.MedianS <= 0 || m.Tasks != 2 || m.Model != trials[i].Model || m.Workers != trials[i].Workers {
			t.Errorf("measurement %d = %+v, want 3 runs of %s with 2 tasks", i, m, trials[i].Model)
		}
	}
	if ms[0].Size != 7 || len(ms[0].Timeline) != 2 {
		t.Errorf("size %d, timeline %d spans; want 7 and the median run's 2 tasks", ms[0].Size, len(ms[0].Timeline))
	}
}

func TestInterleaveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ms, err := Interleave(ctx, 3, []Trial{{Model: "a", Runner: Sequential(), Tasks: SumSquaresTasks(1, 10)}})
	if err == nil || len(ms) != 1 || len(ms[0].RunsS) != 0 {
		t.Errorf("cancelled: %v, %+v; want ctx's error and no runs", err, ms)
	}
}

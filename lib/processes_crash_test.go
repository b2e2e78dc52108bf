package lib

import (
	"context"
	"strings"
	"testing"
)

// A worker process that dies costs exactly the task it was running: the
// pool starts another in its place, and every other task still runs.
func TestProcessesReplaceDeadWorkers(t *testing.T) {
	sq := func(n int64) Task { return NewTask("sumsquares", "sq", n) }
	tests := []struct {
		name    string
		workers int
		tasks   []Task
		crashed []int // indexes of the tasks that kill their worker
	}{
		{"one worker, crash in the middle", 1, []Task{sq(3), CrashTask(3), sq(4), sq(5)}, []int{1}},
		{"one worker, crash first and last", 1, []Task{CrashTask(1), sq(3), sq(4), CrashTask(2)}, []int{0, 3}},
		{"one worker, every task crashes", 1, []Task{CrashTask(1), CrashTask(1), CrashTask(1)}, []int{0, 1, 2}},
		{"two workers, two crashes", 2, []Task{sq(3), CrashTask(3), sq(4), CrashTask(3), sq(5), sq(6)}, []int{1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Processes(tt.workers).Run(context.Background(), tt.tasks)
			crashed := map[int]bool{}
			for _, i := range tt.crashed {
				crashed[i] = true
			}
			for i, r := range rep.Results {
				switch {
				case crashed[i] && (r.Err == nil || !strings.Contains(r.Err.Error(), "died running task")):
					t.Errorf("task %d killed its worker, but its result says %v, %v", i, r.Value, r.Err)
				case !crashed[i] && r.Err != nil:
					t.Errorf("task %d lost to another task's crash: %v", i, r.Err)
				}
			}
		})
	}
}

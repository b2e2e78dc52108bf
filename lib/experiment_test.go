package lib

import (
	"testing"
	"time"
)

func TestScale(t *testing.T) {
	tests := []struct {
		e    Experiment
		want string
	}{
		{Experiment{Kernel: "slow", Delay: 100 * time.Millisecond, Repeat: 6,
			RepeatFor: map[string]int{"sequential": 2}, MaxTasksFor: map[string]int{"sequential": 30}},
			"server delay 100ms, 6 interleaved runs (sequential: 2, up to 30 tasks)"},
		{Experiment{Kernel: "flags", Delay: 50 * time.Millisecond, Jitter: 20 * time.Millisecond, Repeat: 6},
			"server delay 50ms + up to 20ms jitter, 6 interleaved runs"},
		{Experiment{Kernel: "sumsquares", Size: 20_000_000, ExternalSize: 1_000_000, Repeat: 6},
			"sums from n = 20,000,000 (Python: 1,000,000), 6 interleaved runs"},
		{Experiment{Kernel: "blur", Size: 256, Repeat: 6}, "256 px images, 6 interleaved runs"},
	}
	for _, tt := range tests {
		if got := tt.e.Scale(); got != tt.want {
			t.Errorf("Scale() = %q, want %q", got, tt.want)
		}
	}
}

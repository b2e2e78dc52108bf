package plots

import (
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

func costFixture() (startup, ipc *lib.ResultSet) {
	startup = &lib.ResultSet{Schema: lib.ResultsSchema, Title: "Starting W workers", Env: fixtureEnv}
	for _, w := range []int{1, 2, 4, 8} {
		g := measurement("cpu", "sumsquares", "goroutines", w, w, 2, 0, []float64{20e-6, 21e-6, 22e-6})
		p := measurement("cpu", "sumsquares", "processes", w, w, 2, 0, []float64{3e-3 * float64(w), 3.1e-3 * float64(w), 3.2e-3 * float64(w)})
		p.StartupS = 2.9e-3 * float64(w)
		startup.Results = append(startup.Results, g, p)
	}
	ipc = &lib.ResultSet{Schema: lib.ResultsSchema, Title: "Moving a payload to a worker", Env: fixtureEnv}
	for _, size := range []int{1 << 10, 64 << 10, 1 << 20} {
		g := measurement("cpu", "payload", "pool", 20, 2, 2, 0, []float64{40e-6, 41e-6, 42e-6})
		p := measurement("cpu", "payload", "processes", 20, 2, 2, 0, []float64{0.01, 0.011, 0.012})
		p.IPCS = 20 * float64(size) * 5e-9
		g.Size, p.Size = size, size
		ipc.Results = append(ipc.Results, g, p)
	}
	return startup, ipc
}

func TestCostFigures(t *testing.T) {
	startup, ipc := costFixture()
	tests := []struct {
		name   string
		draw   func(*lib.ResultSet) (*Figure, error)
		rs     *lib.ResultSet
		series []string
	}{
		{"startup", StartupFigure, startup, []string{"goroutines: whole run", "processes: start-up until all ready"}},
		{"ipc", IPCFigure, ipc, []string{"pool: whole run per task", "processes: IPC per task"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.draw(tt.rs)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(f.Series, "|") != strings.Join(tt.series, "|") {
				t.Errorf("series %q, want %q", f.Series, tt.series)
			}
			if _, err := Encode(f, "svg"); err != nil {
				t.Fatal(err)
			}
			// A zero cost cannot sit on a log axis: an error, not a gap.
			bad := *tt.rs
			bad.Results = append([]lib.Measurement{}, tt.rs.Results...)
			bad.Results[1].StartupS, bad.Results[1].IPCS = 0, 0
			if _, err := tt.draw(&bad); err == nil {
				t.Error("drew a zero cost on a log axis")
			}
			if _, err := tt.draw(&lib.ResultSet{}); err == nil {
				t.Error("drew an empty result set")
			}
		})
	}
}

func TestFormatBytes(t *testing.T) {
	for v, want := range map[float64]string{512: "512 B", 1024: "1 KiB", 65536: "64 KiB", 1 << 20: "1 MiB", 8 << 20: "8 MiB"} {
		if got := formatBytes(v); got != want {
			t.Errorf("formatBytes(%v) = %q, want %q", v, got, want)
		}
	}
}

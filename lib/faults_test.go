package lib

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// TestEveryModelCountsServerFaultsExactly: with the server failing every
// k-th request, every model returns one result per task and exactly the
// expected number of them carry the server's error — whatever order the
// requests arrive in, every k-th of them fails. errgroup is the exception
// by design: its first failure cancels the rest.
func TestEveryModelCountsServerFaultsExactly(t *testing.T) {
	const n = 20
	faults := []struct {
		name  string
		cfg   flagserver.Config
		fails int
		says  string
	}{
		{"500 every 4th", flagserver.Config{FailEvery: 4}, 5, "500"},
		{"drop every 5th", flagserver.Config{DropEvery: 5}, 4, ""},
	}
	for _, f := range faults {
		for _, model := range ModelNames() {
			t.Run(f.name+"/"+model, func(t *testing.T) {
				srv := startServer(t, f.cfg)
				c := NewHTTPClient(4)
				defer c.CloseIdleConnections()
				dir := t.TempDir()
				r, err := NewRunner(model, 4)
				if err != nil {
					t.Fatal(err)
				}
				rep := r.Run(context.Background(), FlagTasks(c, srv.URL, dir, n))
				if len(rep.Results) != n {
					t.Fatalf("%d results for %d tasks", len(rep.Results), n)
				}
				var failed, cancelled int
				for i, res := range rep.Results {
					if res.Index != i {
						t.Errorf("result %d has index %d", i, res.Index)
					}
					switch {
					case res.Err == nil:
						if _, err := os.Stat(filepath.Join(dir, res.Name+".gif")); err != nil {
							t.Errorf("task %s succeeded but saved nothing", res.Name)
						}
					case errors.Is(res.Err, context.Canceled):
						cancelled++
					default:
						failed++
						if !strings.Contains(res.Err.Error(), f.says) {
							t.Errorf("task %s: %v, want it to mention %q", res.Name, res.Err, f.says)
						}
					}
				}
				if model == "errgroup" {
					if failed < 1 || failed+cancelled+(n-rep.Errors()) != n {
						t.Errorf("errgroup: %d failed, %d cancelled of %d", failed, cancelled, n)
					}
				} else if failed != f.fails || cancelled != 0 {
					t.Errorf("%d failed and %d cancelled, want exactly %d failed", failed, cancelled, f.fails)
				}
				entries, _ := os.ReadDir(dir)
				for _, e := range entries {
					if strings.HasPrefix(e.Name(), ".") {
						t.Errorf("half-written file left: %s", e.Name())
					}
				}
			})
		}
	}
}

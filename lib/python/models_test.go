package python

import (
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

// TestModelsRegistered checks that importing the package registers the
// four Python models with the worker semantics lib measures them by.
func TestModelsRegistered(t *testing.T) {
	for _, tt := range []struct {
		name    string
		workers lib.WorkerUse
		atOnce  int // of 10 tasks given no worker count
	}{
		{"py-sequential", lib.WorkersIgnored, 1},
		{"py-threads", lib.WorkersOptional, 10},
		{"py-processes", lib.WorkersPool, 10},
		{"py-asyncio", lib.WorkersOptional, 10},
	} {
		m, ok := lib.LookupModel(tt.name)
		if !ok {
			t.Errorf("LookupModel(%q): not registered", tt.name)
			continue
		}
		atOnce := 10
		if m.AtOnce != nil {
			atOnce = m.AtOnce(10, 0)
		}
		if m.Info == "" || m.New == nil || m.Describe == nil || !m.OutOfProcess || m.Workers != tt.workers || atOnce != tt.atOnce {
			t.Errorf("%s: info %q, constructor %v, describe %v, out of process %v, workers %v, %d at once; want a description, a constructor, describe, out of process, workers %v, %d at once",
				tt.name, m.Info, m.New != nil, m.Describe != nil, m.OutOfProcess, m.Workers, atOnce, tt.workers, tt.atOnce)
		}
	}
}

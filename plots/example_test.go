package plots_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/plots"
)

// A memory figure from a result set: in the tutorial the set comes from
// lib.LoadResults("results/memory.json").
func ExampleMemory() {
	rs := &lib.ResultSet{
		Schema: lib.ResultsSchema, Experiment: "memory", Title: "Memory per parked goroutine",
		Env: lib.Env{GoVersion: "go1.26.8", NumCPU: 2, GOMAXPROCS: 2, Time: time.Now()},
		Memory: []lib.MemoryPoint{
			{Goroutines: 1000, TotalBytes: 2_700_000, BytesPerGoroutine: 2700},
			{Goroutines: 10000, TotalBytes: 26_000_000, BytesPerGoroutine: 2600},
		},
	}
	p, err := plots.Memory(rs)
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "plots-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"memory-goroutines.svg", "memory-goroutines.png"} {
		if err := plots.Save(p, filepath.Join(dir, name)); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(p.Title.Text)
	// Output:
	// Memory per parked goroutine
	// 10k goroutines: 24.8 MiB in all · GOMAXPROCS 2 · 2 CPUs · go1.26.8
}

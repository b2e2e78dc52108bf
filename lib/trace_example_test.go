package lib_test

import (
	"context"
	"fmt"
	"log"
	"runtime"

	"github.com/gomeasure/concurrency/lib"
)

// Record eight sums of squares on one P and ask the trace whether two ever
// computed at the same instant.
func ExampleRunTraced() {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	_, tr, err := lib.RunTraced(context.Background(), lib.Goroutines(), lib.SumSquaresTasks(8, 1_000_000))
	if err != nil {
		log.Fatal(err)
	}
	o := tr.Overlap()
	fmt.Println(len(tr.Tasks), "tasks on", tr.GOMAXPROCS, "P; at most", o.MaxRuns, "running at once")
	// Output: 8 tasks on 1 P; at most 1 running at once
}

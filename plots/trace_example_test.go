package plots_test

import (
	"context"
	"fmt"
	"log"
	"runtime"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/plots"
)

// A traced timeline of four goroutines on two Ps: one lane per P.
func ExampleTraceTimeline() {
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	_, tr, err := lib.RunTraced(context.Background(), lib.Goroutines(), lib.SumSquaresTasks(4, 1_000_000))
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plots.TraceTimeline("Four sums of squares", plots.ByP, tr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(fig.Panels), "panel, lanes", plots.TraceLanes(tr, plots.ByP))
	// Output: 1 panel, lanes [P0 P1]
}

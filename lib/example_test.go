package lib_test

import (
	"context"
	"fmt"

	"github.com/gomeasure/concurrency/lib"
	"github.com/gomeasure/concurrency/lib/flagserver"
)

// Run the same tasks under two models: the results are the same, in the same
// order; only the timing differs.
func Example() {
	tasks := lib.SumSquaresTasks(3, 1000)
	for _, model := range []string{"sequential", "goroutines"} {
		r, _ := lib.NewRunner(model, 0)
		rep := r.Run(context.Background(), tasks)
		for _, res := range rep.Results {
			fmt.Println(model, res.Name, res.Value, res.Err)
		}
	}
	// Output:
	// sequential 1000 332833500 <nil>
	// sequential 1001 333833500 <nil>
	// sequential 1002 334835501 <nil>
	// goroutines 1000 332833500 <nil>
	// goroutines 1001 333833500 <nil>
	// goroutines 1002 334835501 <nil>
}

// Stream delivers results as tasks finish, like concurrent.futures'
// as_completed; Run keeps input order, like executor.map.
func ExamplePool_Stream() {
	tasks := lib.PrimeTasks(3)
	done := 0
	for res := range lib.NewPool(2).Stream(context.Background(), tasks) {
		done++
		_ = res.Index // the task this result belongs to
	}
	fmt.Println(done, "results")
	// Output: 3 results
}

// Download flags from the embedded flag server, the seeds' first experiment.
func ExampleURLTasks() {
	srv, err := flagserver.Start(flagserver.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	client := lib.NewHTTPClient(4)
	defer client.CloseIdleConnections()
	tasks := lib.URLTasks(client, []string{srv.FlagURL("CN"), srv.FlagURL("FR"), srv.FlagURL("ZZ")})
	rep := lib.NewPool(4).Run(context.Background(), tasks)
	fmt.Println(rep.Errors(), "of", len(rep.Results), "failed:", rep.Results[2].Err != nil)
	// Output: 1 of 3 failed: true
}

// A named experiment from the catalogue, as `go run . bench primes` runs it.
func ExampleLookupExperiment() {
	e, _ := lib.LookupExperiment("primes")
	fmt.Println(e.Workload, e.Kernel, e.Models)
	// Output: cpu primes [sequential goroutines gil processes]
}

// A measurement names its configuration from the model's descriptor, even
// in a process that runs no model: a pool's size is part of the name, a
// worker per task is not.
func ExampleMeasurement_Config() {
	for _, m := range []lib.Measurement{
		{Model: "pool", Tasks: 20, Workers: 20},
		{Model: "goroutines", Tasks: 20, Workers: 20},
		{Model: "py-threads", Tasks: 20, Workers: 2},
	} {
		atOnce, _ := m.AtOnce(50)
		fmt.Printf("%s: %d of 50 at once, compared with %s\n", m.Config(), atOnce, lib.BaselineOf(m.Language()))
	}
	// Output:
	// pool:20: 20 of 50 at once, compared with sequential
	// goroutines: 50 of 50 at once, compared with sequential
	// py-threads:2: 2 of 50 at once, compared with py-sequential
}

package lib

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Experiments returns the tutorial's experiments in chapter order. The CLI
// (`bench NAME`, `plots`), the notebooks and the figures all run these
// definitions, so a number in the tutorial has exactly one recipe.
func Experiments() []Experiment {
	registeredMu.RLock()
	defer registeredMu.RUnlock()
	return append(builtinExperiments(), registered...)
}

var (
	registeredMu sync.RWMutex
	registered   []Experiment
)

// RegisterExperiment adds an experiment defined outside lib — the Python
// comparison of package lib/python — to the catalogue, after the built-in
// ones. A name used twice panics.
func RegisterExperiment(e Experiment) {
	registeredMu.Lock()
	defer registeredMu.Unlock()
	for _, x := range append(builtinExperiments(), registered...) {
		if x.Name == e.Name {
			panic("lib: experiment registered twice: " + e.Name)
		}
	}
	registered = append(registered, e)
}

// builtinExperiments is lib's catalogue, in chapter order: the waiting
// (I/O) experiments, the CPU-bound ones, then the load test, memory and
// pool-size sweeps.
func builtinExperiments() []Experiment {
	return slices.Concat(waitingExperiments(), cpuExperiments(), sweepExperiments())
}

// waitingExperiments are the I/O-bound experiments, where tasks wait on a
// slow server.
func waitingExperiments() []Experiment {
	return []Experiment{
		{
			Name: "flags", Title: "Downloading flags: the Fluent Python benchmark's six variants in Go",
			Workload: "io", Kernel: "flags",
			// sequential; threading.Thread per item (gil); asyncio (singlethread);
			// ThreadPoolExecutor(10) (pool:10); ProcessPoolExecutor (processes:10);
			// and what Go adds: a goroutine per flag.
			Models: []string{"sequential", "gil", "singlethread", "pool:10", "processes:10", "goroutines"},
			// A delay of 50–70 ms, like a nearby server: long enough that
			// waiting, not per-request work, sets the time. The loop is
			// measured at 20 flags only: at 194 it would pay 194 delays.
			Sizes: []int{20, 194}, Delay: 50 * time.Millisecond, Jitter: 20 * time.Millisecond,
			Repeat: 6, RepeatFor: map[string]int{"sequential": 3, "processes": 3, "pool": 3}, MaxTasksFor: map[string]int{"sequential": 20},
			QuickScale: 10,
		},
		{
			Name: "staircase", Title: "Waiting on a slow server: time vs number of requests",
			Workload: "io", Kernel: "slow",
			Models: []string{"sequential", "goroutines", "pool:20", "processes:20"},
			// 100 ms: long enough that a request's own cost, about a
			// millisecond on loopback, stays within the 5% the claims allow.
			// The loop's line is clear from two sizes and two runs; one
			// goroutine per request under GOMAXPROCS=1 is the flags
			// experiment's, where it has work to do between the waits.
			Sizes: []int{10, 20, 30, 40, 50}, Delay: 100 * time.Millisecond,
			// Twenty worker processes take most of a second to start on two
			// cores: three runs show that, and leave the budget to the rest.
			Repeat: 6, RepeatFor: map[string]int{"sequential": 2, "processes": 3}, MaxTasksFor: map[string]int{"sequential": 20},
			QuickScale: 20,
		},
		{
			Name: "sixworkers", Title: "Ten requests, six workers: the 2021 asyncio post's experiment",
			Workload: "io", Kernel: "slow",
			// The post sent ten requests to a server that slept 4 s:
			// a loop, ThreadPoolExecutor(6), ProcessPoolExecutor(6), asyncio.
			Models: []string{"sequential", "pool:6", "processes:6", "goroutines"},
			Sizes:  []int{10}, Delay: 100 * time.Millisecond,
			Repeat: 6, RepeatFor: map[string]int{"sequential": 2},
			QuickScale: 20,
		},
		{
			Name: "c10k", Title: "Thousands of concurrent requests with one goroutine each",
			Workload: "io", Kernel: "slow",
			Models: []string{"goroutines"},
			Sizes:  []int{1000, 5000, 10000}, Delay: 200 * time.Millisecond,
			Repeat: 3, QuickScale: 4,
		},
		{
			Name: "timeline-io", Title: "Who waits when: eight slow requests",
			Workload: "io", Kernel: "slow",
			Models: []string{"sequential", "goroutines", "pool:3", "gil:3", "processes:3"},
			Sizes:  []int{8}, Delay: 50 * time.Millisecond,
			Repeat: 3, Timeline: true, QuickScale: 2,
		},
	}
}

// cpuExperiments are the CPU-bound experiments, where tasks compute.
func cpuExperiments() []Experiment {
	return []Experiment{
		{
			Name: "speedup", Title: "Sum of squares: speedup with more cores",
			Workload: "cpu", Kernel: "sumsquares",
			Models: []string{"sequential", "goroutines", "gil", "processes"},
			// Four times the sums of the notes after Real Python (n from
			// 5,000,000), so each of Go's tasks takes tens of milliseconds and
			// the speedups are not scheduling noise. p = 4 on a 2-core
			// machine shows what cores the machine lacks cannot give.
			Sizes: []int{20}, Parallelism: []int{1, 2, 4}, Size: 4 * SumSquaresBase,
			Repeat: 6, QuickScale: 4,
		},
		{
			Name: "timeline-cpu", Title: "Concurrency vs parallelism: eight sums of squares",
			Workload: "cpu", Kernel: "sumsquares",
			Models: []string{"goroutines", "gil:8", "processes"},
			// Eight times the Real Python notes' n (four in quick mode), so each task
			// outlasts the scheduler's 10 ms time slice and interleaving
			// shows on one core.
			Sizes: []int{8}, Parallelism: []int{1, 2}, Size: 8 * SumSquaresBase,
			Repeat: 3, Timeline: true, QuickScale: 2,
		},
		{
			Name: "primes", Title: "Primality of six large numbers, from the guide to concurrency test code",
			Workload: "cpu", Kernel: "primes",
			Models: []string{"sequential", "goroutines", "gil", "processes"},
			Sizes:  []int{6}, Parallelism: []int{1, 2},
			Repeat: 6, QuickScale: 1,
		},
		{
			Name: "blur", Title: "Gaussian blur and thumbnail of eight images",
			Workload: "cpu", Kernel: "blur",
			Models: []string{"sequential", "goroutines", "gil", "processes"},
			// 512 px images, about 40 ms each in Go: at 256 px (10 ms) the
			// worker processes' start-up outweighed the work.
			Sizes: []int{8}, Parallelism: []int{1, 2}, Size: 512,
			Repeat: 6, QuickScale: 4,
		},
	}
}

// sweepExperiments are the load test, the memory of parked goroutines
// and the pool-size sweep.
func sweepExperiments() []Experiment {
	return []Experiment{
		{
			// Chapter 7 measures the open-loop load test itself and saves it
			// as results/loadtest.json; this is its closed-loop sibling, for
			// `bench` and `plots --quick`, against a server with the same tail.
			Name: "loadtest-closed", Title: "Closed-loop load test: 100 POSTs, ten at a time",
			Workload: "io", Kernel: "post",
			Models: []string{"pool:10"},
			Sizes:  []int{100}, Delay: 50 * time.Millisecond, TailFraction: 0.02, TailFactor: 10,
			Repeat: 3, Timeline: true, QuickScale: 2,
		},
		{
			Name: "memory", Title: "Memory per parked goroutine",
			Workload: "memory",
			Sizes:    []int{1000, 10000, 100000},
			Repeat:   1,
		},
		{
			// The Geek Time course notes' twelve sites through pools of W
			// workers, W = 1…12 and past it: the time is ⌈12/W⌉ delays, so
			// it falls in steps, holds flat between the divisors of 12, and
			// stops falling past W = 12, where a worker finds no task left.
			Name: "poolsize", Title: "Twelve sites through a pool of W workers",
			Workload: "io", Kernel: "slow",
			Models: []string{"pool"},
			// 100 ms, so the few milliseconds each round of requests costs
			// on a busy machine stay under a tenth of a step.
			Sizes: []int{12}, Workers: []int{1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24},
			Delay:  100 * time.Millisecond,
			Repeat: 6, QuickScale: 10,
		},
	}
}

// LookupExperiment returns the experiment with the given name.
func LookupExperiment(name string) (Experiment, error) {
	var names []string
	for _, e := range Experiments() {
		if e.Name == name {
			return e, nil
		}
		names = append(names, e.Name)
	}
	return Experiment{}, fmt.Errorf("unknown experiment %q (known: %s)", name, strings.Join(names, ", "))
}

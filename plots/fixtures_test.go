package plots

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

// The fixtures imitate the tutorial's experiments (lib.Experiments) on a
// two-CPU machine with simple models of each execution model, and mild
// deterministic noise: figures are tested on data shaped like the real
// thing without running anything.

var fixtureEnv = lib.Env{
	GoVersion: "go1.26.8", GOOS: "linux", GOARCH: "amd64", NumCPU: 2, GOMAXPROCS: 2,
	Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
}

// measurement summarises runs the way lib does.
func measurement(workload, kernel, model string, tasks, workers, procs int, delay float64, runs []float64) lib.Measurement {
	st := lib.Summarize(runs)
	return lib.Measurement{
		Workload: workload, Kernel: kernel, Model: model, Tasks: tasks, Workers: workers, GOMAXPROCS: procs,
		DelayS: delay, RunsS: runs, MinS: st.Min, MedianS: st.Median, MeanS: st.Mean, MaxS: st.Max, StdDevS: st.StdDev,
	}
}

// noisyRuns returns n runs around t, each up to frac slower.
func noisyRuns(r *rand.Rand, n int, t, frac float64) []float64 {
	runs := make([]float64, n)
	for i := range runs {
		runs[i] = t * (1 + frac*r.Float64())
	}
	return runs
}

func ceilDiv(n, w int) float64 { return math.Ceil(float64(n) / float64(w)) }

// ioFixture measures the I/O models at the given sizes: sequential takes
// N×d, one goroutine per task d, a pool of W ⌈N/W⌉×d, plus overheads.
func ioFixture(name, kernel string, sizes []int, delay float64, pool int) *lib.ResultSet {
	r := rand.New(rand.NewPCG(1, uint64(len(name))))
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: name, Title: "Waiting on a slow server: time vs number of requests", Env: fixtureEnv}
	for _, n := range sizes {
		add := func(model string, workers, procs int, t float64) {
			rs.Results = append(rs.Results, measurement("io", kernel, model, n, workers, procs, delay, noisyRuns(r, 5, t, 0.08)))
		}
		add("sequential", 1, 2, float64(n)*delay*1.01)
		add("goroutines", n, 2, delay+0.004)
		add("singlethread", n, 1, delay+0.006)
		add("pool", pool, 2, ceilDiv(n, pool)*delay+0.003)
		add("gil", pool, 2, ceilDiv(n, pool)*delay+0.012)
		add("processes", pool, 2, ceilDiv(n, pool)*delay+0.09)
	}
	return rs
}

func staircaseFixture() *lib.ResultSet {
	return ioFixture("staircase", "slow", []int{10, 20, 30, 40, 50}, 0.2, 20)
}

func flagsFixture() *lib.ResultSet {
	rs := ioFixture("flags", "flags", []int{20, 194}, 0.1, 10)
	rs.Title = "Downloading flags: the seeds' six variants in Go"
	return rs
}

// speedupFixture: CPU-bound tasks whose parallel part scales up to the
// two CPUs; the emulated GIL stays flat; processes pay a start-up cost.
func speedupFixture() *lib.ResultSet {
	r := rand.New(rand.NewPCG(2, 2))
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "speedup", Title: "Sum of squares: speedup with more cores", Env: fixtureEnv}
	const seq, f = 1.2, 0.06
	rs.Results = append(rs.Results, measurement("cpu", "sumsquares", "sequential", 20, 1, 2, 0, noisyRuns(r, 5, seq, 0.03)))
	for _, p := range []int{1, 2, 3, 4} {
		eff := math.Min(float64(p), 2)
		rs.Results = append(rs.Results,
			measurement("cpu", "sumsquares", "goroutines", 20, 20, p, 0, noisyRuns(r, 5, seq*(f+(1-f)/eff), 0.04)),
			measurement("cpu", "sumsquares", "gil", 20, p, p, 0, noisyRuns(r, 5, seq*1.04, 0.03)),
			measurement("cpu", "sumsquares", "processes", 20, p, p, 0, noisyRuns(r, 5, 0.08+seq*(f+(1-f)/eff), 0.05)),
		)
	}
	return rs
}

// schedule lays out n tasks of duration d on w workers, round robin, each
// worker starting after startup; it returns the spans and the wall time.
func schedule(n, w int, d, startup float64, workerID func(task int) int) []lib.Span {
	spans := make([]lib.Span, n)
	for i := range spans {
		start := startup + float64(i/w)*d
		spans[i] = lib.Span{Task: i, Name: "task", Worker: workerID(i), StartS: start, EndS: start + d*(0.97+0.06*float64(i%3)/2)}
	}
	return spans
}

func withTimeline(m lib.Measurement, spans []lib.Span) lib.Measurement {
	m.Timeline = spans
	return m
}

func timelineIOFixture() *lib.ResultSet {
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "timeline-io", Title: "Who waits when: eight slow requests", Env: fixtureEnv}
	const n, d = 8, 0.1
	mod := func(w int) func(int) int { return func(i int) int { return i % w } }
	add := func(model string, workers int, spans []lib.Span) {
		wall := 0.0
		for _, s := range spans {
			wall = math.Max(wall, s.EndS)
		}
		rs.Results = append(rs.Results, withTimeline(measurement("io", "slow", model, n, workers, 2, d, []float64{wall, wall * 1.01, wall * 1.03}), spans))
	}
	add("sequential", 1, schedule(n, 1, d, 0, mod(1)))
	add("goroutines", n, schedule(n, n, d, 0.001, mod(n)))
	add("pool", 3, schedule(n, 3, d, 0.001, mod(3)))
	gil := schedule(n, 3, d, 0.002, mod(3))
	gil[5].Err = "Get \"http://127.0.0.1/slow/5\": connection reset by peer"
	add("gil", 3, gil)
	add("processes", 3, schedule(n, 3, d, 0.06, mod(3)))
	return rs
}

func timelineCPUFixture() *lib.ResultSet {
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "timeline-cpu", Title: "Concurrency vs parallelism: eight sums of squares", Env: fixtureEnv}
	const n, t = 8, 0.05
	for _, model := range []string{"goroutines", "gil", "processes"} {
		for _, p := range []int{1, 2} {
			var spans []lib.Span
			workers := p
			switch model {
			case "goroutines":
				// All start at once and share p threads: each ends near
				// the end of the run.
				workers = n
				for i := range n {
					end := float64(n)*t/float64(p) - float64(n-1-i)*t/float64(p)*0.15
					spans = append(spans, lib.Span{Task: i, Worker: i, StartS: 0.0005 * float64(i), EndS: end})
				}
			case "gil":
				// p threads, one runs at a time: each task takes p times
				// longer and the total is the sequential one.
				for i := range n {
					start := float64(i/p) * t * float64(p)
					spans = append(spans, lib.Span{Task: i, Worker: i % p, StartS: start, EndS: start + t*float64(p)})
				}
			case "processes":
				spans = schedule(n, p, t, 0.03, func(i int) int { return i % p })
			}
			wall := 0.0
			for _, s := range spans {
				wall = math.Max(wall, s.EndS)
			}
			rs.Results = append(rs.Results, withTimeline(measurement("cpu", "sumsquares", model, n, workers, p, 0, []float64{wall, wall * 1.02, wall * 1.05}), spans))
		}
	}
	return rs
}

func loadtestFixture() *lib.ResultSet {
	r := rand.New(rand.NewPCG(3, 3))
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "loadtest", Title: "Load test: 100 POSTs, ten at a time", Env: fixtureEnv}
	const n, w, delay, jitter = 100, 10, 0.05, 0.1
	free := make([]float64, w) // when each worker is next free
	var spans []lib.Span
	for i := range n {
		k := 0
		for j := range free {
			if free[j] < free[k] {
				k = j
			}
		}
		d := delay + jitter*r.Float64() + 0.002*r.ExpFloat64()
		s := lib.Span{Task: i, Name: "post", Worker: k, StartS: free[k], EndS: free[k] + d}
		if i == 37 || i == 81 {
			s.Err = "status 503"
		}
		free[k] = s.EndS
		spans = append(spans, s)
	}
	wall := 0.0
	for _, f := range free {
		wall = math.Max(wall, f)
	}
	m := withTimeline(measurement("io", "post", "pool", n, w, 2, delay, []float64{wall, wall * 1.02, wall * 0.99}), spans)
	m.Errors = 2
	rs.Results = append(rs.Results, m)
	return rs
}

func memoryFixture() *lib.ResultSet {
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "memory", Title: "Memory per parked goroutine", Env: fixtureEnv}
	for i, n := range []int{1000, 10000, 100000} {
		per := 2700 - 60*float64(i)
		rs.Memory = append(rs.Memory, lib.MemoryPoint{Goroutines: n, TotalBytes: uint64(per * float64(n)), BytesPerGoroutine: per})
	}
	return rs
}

// fixtures are the result sets of the tutorial's experiments, by name.
func fixtures() map[string]*lib.ResultSet {
	return map[string]*lib.ResultSet{
		"staircase":    staircaseFixture(),
		"flags":        flagsFixture(),
		"speedup":      speedupFixture(),
		"timeline-io":  timelineIOFixture(),
		"timeline-cpu": timelineCPUFixture(),
		"loadtest":     loadtestFixture(),
		"memory":       memoryFixture(),
	}
}

// Package lib is the measuring bench of the tutorial: workloads, execution
// models and honest measurement, shared by the command line, the notebooks
// and the figures.
//
// The three ideas, one file group each:
//
//   - Workloads build tasks: flag downloads from the embedded loopback
//     server of package lib/flagserver and POSTs to it (download.go), and
//     CPU kernels — sum of squares, primality, image blur (cpu.go, blur.go).
//     Tasks of a built-in kind (kinds.go) can also run in a worker process.
//   - Execution models run tasks: Sequential, Goroutines, Pool, ErrGroup,
//     GIL (an emulation of CPython's interpreter lock), SingleThread
//     (GOMAXPROCS=1) and Processes (OS worker processes). Each is a Runner
//     (runner.go) and returns exactly one Result per task, so nothing is
//     ever lost and timelines can be drawn from the results. Each is
//     described once by a Model in the table of models.go, with CPython's
//     models, whose runners lib/python attaches (ImplementModel); what a
//     measurement's model and workers mean is read from there
//     (configuration.go).
//   - Measurement runs an experiment several times after a warm-up and
//     keeps every run, its statistics and the environment it ran in
//     (measure.go, env.go, resultset.go). A load test is measured apart:
//     an open loop sends on a schedule and a closed loop keeps N requests
//     in flight (loadgen.go, loadreport.go, loadsweep.go), against a flag
//     server that can answer a share of requests slowly or freeze.
//
// Four types hold results, each made of the one before (report.go,
// resultset.go):
//
//	Report       one run of a Runner: a Result (one task's outcome) per task
//	Measurement  one configuration run Repeat times: its Reports' statistics and median run
//	ResultSet    one experiment: its Env and a Measurement per configuration (results/*.json)
//
// lib imports lib/flagserver, never the other way round. lib's init is the
// hook of every child process (worker.go): a task worker of Processes, or a
// flag server started by flagserver.StartProcess.
package lib

// Package flagserver is the tutorial's test target: an HTTP server on
// loopback that stands in for the public flag site of Fluent Python's flags
// benchmark, so that no benchmark hammers anybody else's server.
//
// It serves 194 generated flags (image.go, countries.go), a "sleep, then
// answer" endpoint and a JSON echo for load tests (handlers.go), and its
// own counters (stats.go). What a real server does to its clients is
// configurable in Config: a delay with jitter, failed and dropped requests,
// a limited capacity, a share of slow answers and periodic stalls (tail.go),
// and a header timeout against slowloris clients.
//
// Start runs the server in this process; StartProcess runs it in a child
// process, so that its work does not compete with the process being
// measured (process.go). Such a child becomes a server in ServeIfChild,
// which lib's init calls.
//
// The package imports nothing from lib, which builds its workloads on it:
// the server is a fixed point that the measuring code talks to over HTTP,
// and can be tested, fuzzed and run (`go run . flagserver`) on its own.
package flagserver

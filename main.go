// Command concurrency measures concurrency and parallelism in Go and builds
// the tutorial that explains the measurements.
//
// Run `go run . help` for the list of commands. Each command lives in its own
// file under internal/cli; this file only hands over the arguments.
package main

import (
	"os"

	"github.com/gomeasure/concurrency/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}

package flagserver

import (
	"io"
	"log"
)

// quietLog silences net/http's per-connection error log: a load test that
// drops connections on purpose would otherwise flood the terminal.
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

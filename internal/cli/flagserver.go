package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// flagServerCommand is the `flagserver` command.
var flagServerCommand = &Command{
	Name:    "flagserver",
	Summary: "serve the 194 generated flags, a slow endpoint and a JSON echo on loopback",
	Run:     runFlagServer,
}

func runFlagServer(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("flagserver", stderr)
	var cfg flagserver.Config
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8999", "address to listen on (loopback unless --allow-remote)")
	fs.BoolVar(&cfg.AllowRemote, "allow-remote", false, "allow listening on a non-loopback address")
	fs.Var(durationFlag{&cfg.Delay}, "delay", "delay before every answer, e.g. 100ms")
	fs.Var(durationFlag{&cfg.Jitter}, "jitter", "extra random delay, up to this much")
	fs.Float64Var(&cfg.FailRate, "fail-rate", 0, "fraction of requests answered with 500 (0..1)")
	fs.Float64Var(&cfg.DropRate, "drop-rate", 0, "fraction of requests whose connection is dropped mid-answer (0..1)")
	fs.IntVar(&cfg.FailEvery, "fail-every", 0, "answer every k-th request with 500")
	fs.IntVar(&cfg.DropEvery, "drop-every", 0, "drop every k-th request mid-answer")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the random faults and jitter")
	fs.IntVar(&cfg.Capacity, "capacity", 0, "requests worked on at once; more queue (0: no limit)")
	fs.Float64Var(&cfg.TailFraction, "tail", 0, "fraction of requests (0..1) answered slowly, e.g. 0.02; which ones is fixed by --seed")
	fs.Float64Var(&cfg.TailFactor, "tail-factor", 0, "a slow answer takes this many delays (0: 10)")
	fs.Var(durationFlag{&cfg.StallEvery}, "stall-every", "freeze the server once per this period, e.g. 5s")
	fs.Var(durationFlag{&cfg.StallFor}, "stall-for", "how long each freeze lasts, e.g. 1s")
	fs.Var(durationFlag{&cfg.HeaderTimeout}, "header-timeout", "time a client has to send its headers (default 5s; stops slowloris clients)")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	srv, err := flagserver.Start(cfg)
	if err != nil {
		return &UsageError{Err: err}
	}
	fmt.Fprintf(stdout, "flag server on %s (delay %v, jitter %v); try %s\nCtrl-C to stop.\n", srv.URL, cfg.Delay, cfg.Jitter, srv.FlagURL("cn"))
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	fmt.Fprintf(stdout, "served %d requests\n", srv.Requests())
	return nil
}

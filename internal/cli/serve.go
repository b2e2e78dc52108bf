package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/gomeasure/concurrency/internal/site"
	"github.com/gomeasure/concurrency/lib/flagserver"
)

// serveCommand is the `serve` command.
var serveCommand = &Command{
	Name:    "serve",
	Summary: "serve the site on loopback, rebuilding it and reloading the page when a notebook changes: serve [--addr 127.0.0.1:8000]",
	Run:     runServe,
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	opts := siteFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	allowRemote := fs.Bool("allow-remote", false, "allow an address other machines can reach")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if err := checkLoopback(*addr, *allowRemote); err != nil {
		return err
	}
	// The preview reloads itself when the site is rebuilt; a site built
	// by `site` or `build` never carries that script.
	opts.LiveReload = true

	// The first build must work: it is where a bad notebook or --out is
	// reported with exit status 2. Later failures are logged, and the
	// previous site keeps being served.
	res, err := buildSite(ctx, *opts, stderr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usagef("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: site.Handler(res.Out), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", res.Out, ln.Addr())

	go site.Watch(ctx, *opts, time.Second, func(r *site.Result, err error) {
		if err != nil {
			fmt.Fprintf(stderr, "serve: rebuild failed, still serving the previous site: %v\n", err)
			return
		}
		fmt.Fprintf(stdout, "rebuilt in %v\n", r.Duration.Round(time.Millisecond))
	})
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return ctx.Err()
}

// checkLoopback refuses an address other machines could reach, unless
// allowed: the site is a preview, not a deployment.
func checkLoopback(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: %w", addr, err)
	}
	if allowRemote || flagserver.IsLoopbackHost(host) {
		return nil
	}
	return usagef("--addr %q is not a loopback address (use 127.0.0.1 or localhost, or pass --allow-remote)", addr)
}

package lib

import (
	"context"
	"encoding/json"
	"fmt"
)

// kindFunc runs a task of one kind from its JSON arg.
type kindFunc func(ctx context.Context, t *Thread, arg json.RawMessage) (any, error)

// builtinKinds are the kinds of task a worker process can run.
//
// It is a package-level variable, not a map filled by init functions: Go
// initialises every package-level variable before it runs any init
// function, so the worker hook (ServeIfChild, called from this package's
// only init) finds the table complete whatever the files are named. Go's
// spec only encourages running init functions in file-name order, so a
// table filled from init would depend on how the files sort.
var builtinKinds = map[string]kindFunc{
	"sumsquares": kindOf("sumsquares", func(_ context.Context, t *Thread, n int64) (any, error) {
		return SumSquares(t, n), nil
	}),
	"prime": kindOf("prime", func(_ context.Context, t *Thread, n int64) (any, error) {
		return IsPrime(t, n), nil
	}),
	"blur": kindOf("blur", func(ctx context.Context, t *Thread, a BlurArg) (any, error) {
		return BlurThumbnail(ctx, t, a)
	}),
	"fetch": kindOf("fetch", func(ctx context.Context, t *Thread, a FetchArg) (any, error) {
		b, err := Get(ctx, defaultClient, t, a.URL)
		return len(b), err
	}),
	"download": kindOf("download", func(ctx context.Context, t *Thread, a DownloadArg) (any, error) {
		return Download(ctx, defaultClient, t, a)
	}),
	"post": kindOf("post", func(ctx context.Context, t *Thread, a PostArg) (any, error) {
		return Post(ctx, defaultClient, t, a.URL, a.Body)
	}),
	"payload": kindOf("payload", payloadLength),
	"crash":   kindOf("crash", crashWorker),
}

// kindOf adapts a function of a typed argument to a kind: it decodes the
// JSON arg first, and names the kind when that fails.
func kindOf[A any](name string, fn func(ctx context.Context, t *Thread, arg A) (any, error)) kindFunc {
	return func(ctx context.Context, t *Thread, raw json.RawMessage) (any, error) {
		var a A
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fmt.Errorf("%s arg: %w", name, err)
		}
		return fn(ctx, t, a)
	}
}

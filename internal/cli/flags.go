package cli

import (
	"errors"
	"flag"
	"io"
)

// newFlagSet returns a flag set that reports errors instead of exiting, so
// that every bad flag becomes a one-line UsageError and exit status 2.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseOnlyFlags is parseFlags for commands that take no positional
// argument: one is bad input.
func parseOnlyFlags(fs *flag.FlagSet, args []string) error {
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("unexpected argument %q", pos[0])
	}
	return err
}

// parseFlags parses args, allowing positional arguments before, between and
// after flags (the standard flag package stops at the first positional one).
// It returns the positional arguments in order.
//
// A bad flag gives a one-line error (the flag package would also print the
// whole usage); -h prints the usage and returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(out)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				fs.Usage()
				return nil, err
			}
			return nil, &UsageError{Err: err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

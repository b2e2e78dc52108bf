// Package cli implements the project's command line. Every subcommand is a
// file of this package that defines its Command; the table in cli.go lists
// them all.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

// Exit statuses shared by every command.
const (
	ExitOK       = 0   // everything worked
	ExitFailed   = 1   // the command ran but something it did failed (a task, a cell)
	ExitUsage    = 2   // bad input: flags, values, files
	ExitCanceled = 130 // interrupted by SIGINT, like a shell reports it
)

// Command is one subcommand of the CLI.
type Command struct {
	Name    string
	Summary string // one line for `help`
	// Run executes the command. ctx is cancelled on SIGINT/SIGTERM.
	// Return a UsageError for bad input (exit 2) or any other error when
	// work ran but failed (exit 1).
	Run func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands is every subcommand, by name. It is built from a literal list
// of the command variables, so a command that does not exist is a compile
// error rather than a failed lookup, and it is complete before any init
// function runs.
var commands = byName(benchCommand, buildCommand, flagServerCommand, kernelCommand,
	notebooksCommand, plotsCommand, serveCommand, siteCommand)

// byName indexes commands by their names; two with one name is a
// programming error.
func byName(cmds ...*Command) map[string]*Command {
	m := make(map[string]*Command, len(cmds))
	for _, c := range cmds {
		if _, dup := m[c.Name]; dup {
			panic("cli: two commands named " + c.Name)
		}
		m[c.Name] = c
	}
	return m
}

// UsageError reports bad input; the CLI exits with status 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// usagef builds a UsageError from a format string.
func usagef(format string, a ...any) error {
	return &UsageError{Err: fmt.Errorf(format, a...)}
}

// Main runs the command named by args[0] and returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "concurrency: unknown command %q (run `go run . help`)\n", args[0])
		return ExitUsage
	}
	ctx, stop := interruptContext()
	defer stop()
	err := cmd.Run(ctx, args[1:], stdout, stderr)
	return exitStatus(ctx, cmd.Name, err, stderr)
}

// interruptContext returns a context cancelled by the first SIGINT or
// SIGTERM, which asks the command to stop cleanly. The signals are then
// handed back to the runtime, so that a second Ctrl-C ends a program whose
// clean-up hangs at once, as a user pressing it again expects.
func interruptContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

func exitStatus(ctx context.Context, name string, err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var usage *UsageError
	switch {
	case errors.Is(err, flag.ErrHelp): // -h: the usage is printed, and asked for
		return ExitOK
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "%s: %v\n", name, oneLine(err))
		return ExitUsage
	case ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, ctx.Err())):
		// A command may say what it finished: "interrupted after 3 of 5
		// configurations: context canceled" reads better without the tail.
		msg := strings.TrimSuffix(oneLine(err), ": "+context.Canceled.Error())
		if msg == context.Canceled.Error() {
			msg = "interrupted"
		}
		fmt.Fprintf(stderr, "%s: %s\n", name, msg)
		return ExitCanceled
	default:
		fmt.Fprintf(stderr, "%s: %v\n", name, oneLine(err))
		return ExitFailed
	}
}

// oneLine keeps error messages to one line, as promised to users.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: go run . <command> [flags]")
	fmt.Fprintln(w)
	for _, n := range slices.Sorted(maps.Keys(commands)) {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run `go run . <command> -h` for a command's flags.")
}

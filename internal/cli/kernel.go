package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/gomeasure/concurrency/internal/jupyter"
)

// kernelCommand is the `kernel` command.
var kernelCommand = &Command{
	Name:    "kernel",
	Summary: "kernel install: build GoNB and goimports and install the Jupyter kernel spec",
	Run:     runKernel,
}

func runKernel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "install" {
		return usagef("usage: go run . kernel install [--bin DIR]")
	}
	fs := newFlagSet("kernel install", stderr)
	bin := fs.String("bin", "", "folder for the gonb and goimports binaries (default: bin/ at the top of the module)")
	if err := parseOnlyFlags(fs, args[1:]); err != nil {
		return err
	}
	in, err := jupyter.Install(ctx, *bin, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "kernel: GoNB and goimports built in %s\n", in.BinDir)
	fmt.Fprintf(stdout, "kernel: Jupyter kernel spec \"gonb\" written to %s\n", in.KernelSpec)
	if in.Jupyter == "" {
		fmt.Fprintln(stdout, "kernel: Jupyter is not installed. To open the notebooks, install it (Debian: apt-get install jupyter-notebook; elsewhere: pip install notebook).")
		fmt.Fprintln(stdout, "        `go run . notebooks run` executes them without Jupyter.")
		return nil
	}
	fmt.Fprintln(stdout, "next:   jupyter notebook notebooks/")
	return nil
}

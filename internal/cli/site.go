package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gomeasure/concurrency/internal/site"
)

// siteCommand is the `site` command.
var siteCommand = &Command{
	Name:    "site",
	Summary: "render the notebooks into the tutorial's static site: site [--notebooks DIR] [--out DIR]",
	Run:     runSite,
}

func runSite(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("site", stderr)
	opts := siteFlags(fs)
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	res, err := buildSite(ctx, *opts, stderr)
	if err != nil {
		return err
	}
	printPageSizes(stdout, res)
	fmt.Fprintln(stdout, res.Index)
	return nil
}

// printPageSizes reports each page's weight against the budget: the page
// itself, and with the figures it loads lazily.
func printPageSizes(w io.Writer, res *site.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "page\tHTML\twith figures\t\n")
	for _, s := range res.Sizes {
		over := ""
		if s.HTML > site.PageBudget {
			over = "over budget"
		}
		fmt.Fprintf(tw, "%s\t%.0f kB\t%.0f kB\t%s\n", s.Page, float64(s.HTML)/1024, float64(s.Total())/1024, over)
	}
	tw.Flush()
	fmt.Fprintf(w, "site: %d pages, budget %.1f MB each, built in %v\n", len(res.Sizes), float64(site.PageBudget)/(1<<20), res.Duration.Round(time.Millisecond))
}

// siteFlags defines the flags shared by site and serve.
func siteFlags(fs *flag.FlagSet) *site.Options {
	var o site.Options
	fs.StringVar(&o.Notebooks, "notebooks", site.DefaultNotebooks, "folder of the notebooks (*.ipynb)")
	fs.StringVar(&o.Out, "out", site.DefaultOut, "folder of the site, replaced whole")
	fs.StringVar(&o.Results, "results", site.DefaultResults, `folder of results/*.json, for the measured environment and the Data page ("-" for none)`)
	return &o
}

// buildSite builds the site, prints its warnings and turns input problems
// (a malformed notebook, a missing folder) into usage errors: exit 2.
func buildSite(ctx context.Context, opts site.Options, stderr io.Writer) (*site.Result, error) {
	res, err := site.Build(ctx, opts)
	var input *site.InputError
	if errors.As(err, &input) {
		return nil, &UsageError{Err: err}
	}
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "site: warning:", w)
	}
	return res, nil
}

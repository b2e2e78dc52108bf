package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gomeasure/concurrency/internal/testenv"
)

// axeVersion is the axe-core release the accessibility test runs; .ci/run
// installs it with npm, outside the repository.
const axeVersion = "4.14.1"

// axeSource returns axe-core's script: $AXE_CORE, else where .ci/run puts
// it. Without it the test skips, except under CI.
func axeSource(t *testing.T) string {
	t.Helper()
	home, _ := os.UserHomeDir()
	for _, p := range []string{os.Getenv("AXE_CORE"),
		filepath.Join(home, ".cache", "gomeasure-axe", "node_modules", "axe-core", "axe.min.js"),
		filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")} {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			if !strings.Contains(string(data), axeVersion) {
				t.Fatalf("%s is not axe-core %s: npm install axe-core@%s", p, axeVersion, axeVersion)
			}
			return string(data)
		}
	}
	testenv.Need(t, errors.New("axe-core not found ($AXE_CORE or ~/.cache/gomeasure-axe): npm install --prefix ~/.cache/gomeasure-axe axe-core@"+axeVersion))
	return ""
}

// allPages lists every HTML page of a built site: the index, the
// chapters, the book's own pages and the source files' pages.
func allPages(res *Result) []string {
	pages := append([]string{res.Index}, res.Pages...)
	for _, name := range []string{"sources.html", "data.html", "print.html"} {
		pages = append(pages, filepath.Join(res.Out, name))
	}
	sources, _ := filepath.Glob(filepath.Join(res.Out, "source-*.html"))
	return append(pages, sources...)
}

// axeViolation is what the test reads of one of axe's violations.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

const axeRunJS = `axe.run(document, {resultTypes: ["violations"], iframes: false}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help,
	targets: v.nodes.slice(0, 5).map(n => n.target.join(" ") + (n.any.concat(n.all)[0] ? " — " + n.any.concat(n.all)[0].message : "")),
})))`

// TestAxe runs axe-core in every page of the fixture site and of the
// tutorial, in the light and the dark theme, and fails on any violation
// of serious or critical impact. Lesser ones are logged. The tutorial's
// pages take minutes on two cores (print.html alone about one), so with
// -short only the fixture site is checked.
func TestAxe(t *testing.T) {
	exe := chromiumPath(t)
	axe := axeSource(t)
	sites := map[string]*Result{"fixtures": buildFixture(t, "notebooks")}
	if testing.Short() {
		t.Log("-short: the fixture site only, not the tutorial")
	} else if res, err := Build(context.Background(), Options{Notebooks: filepath.Join("..", "..", "notebooks"),
		Out: filepath.Join(t.TempDir(), "public"), Results: filepath.Join("..", "..", "results")}); err == nil {
		sites["tutorial"] = res
	} else {
		t.Errorf("build the tutorial: %v", err)
	}
	ctx := startBrowser(t, exe, 15*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}) // to inject axe
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for name, res := range sites {
		for _, theme := range []string{"light", "dark"} {
			for _, p := range allPages(res) {
				where := fmt.Sprintf("%s/%s (%s)", name, filepath.Base(p), theme)
				if err := chromedp.Do(ctx, colorScheme(theme), chromedp.Navigate(fileURL(p))); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe+";0")); err != nil {
					t.Fatalf("%s: inject axe: %v", where, err)
				}
				start := time.Now()
				vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRunJS, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s: axe: %v", where, err)
				}
				t.Logf("%s: %d violations in %v", where, len(vs), time.Since(start).Round(time.Millisecond))
				for _, v := range vs {
					msg := fmt.Sprintf("%s: %s (%s): %s\n\t%s", where, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "\n\t"))
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
			}
		}
	}
}

// reducedMotion emulates the reader's prefers-reduced-motion setting.
func reducedMotion(on bool) chromedp.Action[chromedp.Void] {
	value := "no-preference"
	if on {
		value = "reduce"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: value}},
		})
		return err
	})
}

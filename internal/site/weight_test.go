package site

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPageSizes checks that every page is weighed, with the figures it
// shows counted once each.
func TestPageSizes(t *testing.T) {
	res := buildFixture(t, "notebooks")
	sizes := map[string]PageSize{}
	for _, s := range res.Sizes {
		sizes[s.Page] = s
	}
	for _, name := range []string{"index.html", "01-intro.html", "02-measuring.html", "03-parallel.html", "sources.html", "data.html", "print.html"} {
		s, ok := sizes[name]
		if !ok {
			t.Errorf("%s was not weighed", name)
			continue
		}
		fi, err := os.Stat(filepath.Join(res.Out, name))
		if err != nil || int64(s.HTML) != fi.Size() {
			t.Errorf("%s: HTML %d bytes, the file has %v (%v)", name, s.HTML, fi.Size(), err)
		}
	}
	png, _ := os.Stat(filepath.Join(res.Out, "02-measuring_files", "cell3-1.png"))
	svg, _ := os.Stat(filepath.Join(res.Out, "02-measuring_files", "cell4-1.svg"))
	inline, _ := os.Stat(filepath.Join(res.Out, "02-measuring_files", "cell6-1.svg"))
	if want := int(png.Size() + svg.Size() + inline.Size()); sizes["02-measuring.html"].Images != want {
		t.Errorf("02-measuring.html: images %d bytes, want %d", sizes["02-measuring.html"].Images, want)
	}
	if sizes["print.html"].Images < sizes["02-measuring.html"].Images {
		t.Error("print.html does not count the figures of the chapters it holds")
	}
}

// TestTutorialWithinBudget builds the tutorial as the last build left it
// and holds every page to the budget.
func TestTutorialWithinBudget(t *testing.T) {
	res, err := Build(context.Background(), Options{Notebooks: filepath.Join("..", "..", "notebooks"),
		Out: filepath.Join(t.TempDir(), "public"), Results: filepath.Join("..", "..", "results")})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Sizes {
		if s.HTML > PageBudget {
			t.Errorf("%s weighs %s, over the budget of %s", s.Page, formatBytes(s.HTML), formatBytes(PageBudget))
		}
		t.Logf("%s: %s, %s with its figures", s.Page, formatBytes(s.HTML), formatBytes(s.Total()))
	}
}

// TestLiveReload checks that only a site built for serve has the reload
// script and the build id it watches, and that the id changes per build.
func TestLiveReload(t *testing.T) {
	nb := fixtureNotebooks(t, "notebooks")
	build := func(live bool) (*Result, string) {
		res, err := Build(context.Background(), Options{Notebooks: nb, Out: filepath.Join(t.TempDir(), "public"), Results: "-", LiveReload: live})
		if err != nil {
			t.Fatal(err)
		}
		id, _ := os.ReadFile(filepath.Join(res.Out, "build-id.txt"))
		return res, string(id)
	}
	published, id := build(false)
	if id != "" {
		t.Error("a published site has build-id.txt")
	}
	for _, p := range allPages(published) {
		if strings.Contains(readFile(t, p), "livereload") {
			t.Errorf("%s: a published page loads the live-reload script", p)
		}
	}
	served, id1 := build(true)
	_, id2 := build(true)
	if id1 == "" || id1 == id2 {
		t.Errorf("build ids %q and %q: want two different ones", id1, id2)
	}
	if !strings.Contains(readFile(t, served.Pages[0]), `<script src="assets/livereload.js?v=`) {
		t.Error("a served page lacks the live-reload script")
	}
}

// TestLiveReloadInBrowser serves a site built for serve, rebuilds it, and
// checks that the open page reloads itself.
func TestLiveReloadInBrowser(t *testing.T) {
	exe := chromiumPath(t)
	opts := Options{Notebooks: fixtureNotebooks(t, "notebooks"), Out: filepath.Join(t.TempDir(), "public"), Results: "-", LiveReload: true}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(opts.Out))
	defer srv.Close()
	ctx := startBrowser(t, exe, time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/01-intro.html")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond) // the script has read the first build id
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.beforeRebuild = true`)); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeRebuild === undefined && document.readyState === "complete"`)); err == nil && v {
			return
		}
	}
	t.Error("the page did not reload after the site was rebuilt")
}

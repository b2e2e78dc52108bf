package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gomeasure/concurrency/internal/testenv"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// chromiumPath returns Chromium's executable. Without one the browser test
// skips, except under CI (env CI set), where a missing browser is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	testenv.Need(t, errors.New("Chromium not found at /usr/bin/chromium (or $CHROMIUM): apt-get install chromium"))
	return ""
}

// pageInfo is what the browser test reads from each page.
type pageInfo struct {
	Images []struct {
		Src string `json:"src"`
		OK  bool   `json:"ok"`
	} `json:"images"`
	Links       []string `json:"links"`
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
}

// pageInfoJS first makes every lazily loaded image load now (they wait
// to be scrolled to) and waits, at most 10 s, for all of them.
const pageInfoJS = `(async () => {
	const imgs = Array.from(document.images);
	imgs.forEach(i => { i.loading = "eager"; });
	const loaded = Promise.all(imgs.map(i => i.complete ? null :
		new Promise(r => { i.addEventListener("load", r); i.addEventListener("error", r); })));
	await Promise.race([loaded, new Promise(r => setTimeout(r, 10000))]);
	return {
		images: imgs.map(i => ({src: i.src, ok: i.complete && i.naturalWidth > 0})),
		links: Array.from(document.querySelectorAll("a[href]")).map(a => a.href),
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
	};
})()`

// TestBrowser opens every page of the fixture site from file:// in a real
// Chromium and checks what only a browser shows: no console errors (the
// Content Security Policy included), every image loaded, every internal
// link and anchor resolves, no horizontal scrolling on a phone, and the
// search box finds a word of another chapter. It saves screenshots of the
// index and of a chapter, at desktop and phone widths, into
// $SITE_SCREENSHOT_DIR (or a temporary folder).
func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)
	t.Run("fixtures", func(t *testing.T) {
		checkInBrowser(t, exe, buildFixture(t, "notebooks"), "zymurgy", "3. Parallel zymurgy", "03-parallel.html")
	})
	// The tutorial itself, as the last `go run . build` left it: a word
	// only chapter 4 uses must lead there.
	t.Run("tutorial", func(t *testing.T) {
		res, err := Build(context.Background(), Options{
			Notebooks: filepath.Join("..", "..", "notebooks"),
			Out:       filepath.Join(t.TempDir(), "public"),
			Results:   filepath.Join("..", "..", "results"),
		})
		if err != nil {
			t.Fatal(err)
		}
		checkInBrowser(t, exe, res, "getswitchinterval", "4. CPU-bound work", "04-cpu-bound.html")
	})
}

// checkInBrowser is TestBrowser's work on one built site: search for word
// from its first chapter must list the chapter whose title starts with
// title, and its first result must lead to page.
func checkInBrowser(t *testing.T, exe string, res *Result, word, title, page string) {
	shots := os.Getenv("SITE_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	} else {
		shots = filepath.Join(shots, filepath.Base(t.Name()))
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	ctx := startBrowser(t, exe, 90*time.Second)

	var mu sync.Mutex
	var messages []string
	if err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				msg = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
			}
		case *runtime.EventExceptionThrown:
			msg = "exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				msg = "log: " + ev.Entry.Text + " " + ev.Entry.URL
			}
		}
		if msg != "" {
			mu.Lock()
			messages = append(messages, msg)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	takeMessages := func() []string {
		mu.Lock()
		defer mu.Unlock()
		m := messages
		messages = nil
		return m
	}

	pages := allPages(res)
	ids := map[string]map[string]bool{} // page file → its element ids
	for _, width := range []int64{1280, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1))); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			name := fmt.Sprintf("%s@%d", filepath.Base(p), width)
			if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(p))); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			info, err := chromedp.Run(ctx, chromedp.Evaluate[pageInfo](pageInfoJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, m := range takeMessages() {
				t.Errorf("%s: %s", name, m)
			}
			for _, img := range info.Images {
				if !img.OK {
					t.Errorf("%s: image %s did not load", name, img.Src)
				}
			}
			if info.ScrollWidth > info.InnerWidth {
				t.Errorf("%s: the page scrolls sideways: %dpx wide in a %dpx window", name, info.ScrollWidth, info.InnerWidth)
			}
			if width == 1280 {
				checkLinks(t, name, res.Out, info.Links, ids)
			}
		}
	}

	// Screenshots of the index and of the chapter with figures: the whole
	// page at desktop width, the first screen of a phone, light and dark.
	for _, shot := range []struct {
		page          string
		width, height int64
		scale         float64
		dark, full    bool
	}{
		{page: res.Index, width: 1280, height: 900, scale: 1, full: true},
		{page: res.Pages[1], width: 1280, height: 900, scale: 1, full: true},
		{page: res.Pages[1], width: 1280, height: 900, scale: 1, dark: true},
		{page: res.Index, width: 390, height: 844, scale: 2},
		{page: res.Pages[1], width: 390, height: 844, scale: 2},
		{page: res.Pages[0], width: 390, height: 844, scale: 2, dark: true},
	} {
		theme := "light"
		if shot.dark {
			theme = "dark"
		}
		file := filepath.Join(shots, fmt.Sprintf("%s-%d-%s.png", strings.TrimSuffix(filepath.Base(shot.page), ".html"), shot.width, theme))
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(shot.width, shot.height, chromedp.EmulateScale(shot.scale)),
			colorScheme(theme),
			chromedp.Navigate(fileURL(shot.page)),
		); err != nil {
			t.Fatal(err)
		}
		capture := chromedp.CaptureScreenshot()
		if shot.full {
			capture = chromedp.FullScreenshot(100)
		}
		png, err := chromedp.Run(ctx, capture)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", file)
	}
	// The chapter drawer of a phone, opened.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
		colorScheme("light"),
		chromedp.Navigate(fileURL(res.Pages[1])),
		chromedp.Click(chromedp.CSS(".nav-button")),
		chromedp.WaitVisible(chromedp.CSS(".sidebar .toc")),
		chromedp.Sleep(300*time.Millisecond), // the slide-in transition
	); err != nil {
		t.Fatalf("open the chapter drawer: %v", err)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(filepath.Join(shots, "drawer-390-light.png"), png, 0o644)
	}
	for _, m := range takeMessages() {
		t.Errorf("screenshots: %s", m)
	}

	// Search from chapter 1 for a word only one other chapter has.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)),
		chromedp.Navigate(fileURL(res.Pages[0])),
		chromedp.SendKeys(chromedp.CSS("#search-input"), word),
		chromedp.WaitVisible(chromedp.CSS("#search-results a")),
	); err != nil {
		t.Fatalf("search: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-results")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, title) {
		t.Errorf("search for %s: results %q lack %q", word, text, title)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		os.WriteFile(filepath.Join(shots, "search-1280.png"), shot, 0o644)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#search-results a"))); err != nil {
		t.Fatal(err)
	}
	// The click starts a navigation; wait for it rather than race it.
	var loc string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		loc, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && strings.Contains(loc, page) {
			break
		}
	}
	if !strings.Contains(loc, page) {
		t.Errorf("the first search result led to %s, want %s", loc, page)
	}
	for _, m := range takeMessages() {
		t.Errorf("search: %s", m)
	}
}

// startBrowser starts a headless Chromium for one test, stopped when the
// test ends or after timeout.
func startBrowser(t *testing.T, exe string, timeout time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	ctx, cancel = chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancel)
	ctx, cancel = chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	return ctx
}

// colorScheme emulates the reader's prefers-color-scheme setting.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// checkLinks checks that every link of a page that stays in the site
// names a file of the site and, with a fragment, an element of that file.
func checkLinks(t *testing.T, name, root string, links []string, ids map[string]map[string]bool) {
	t.Helper()
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil {
			t.Errorf("%s: link %q: %v", name, l, err)
			continue
		}
		if u.Scheme != "file" {
			continue // external: go.dev in the fixture
		}
		path := filepath.FromSlash(u.Path)
		if rel, err := filepath.Rel(root, path); err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("%s: link %s leaves the site", name, l)
			continue
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: link %s: %v", name, l, err)
			continue
		}
		if u.Fragment == "" {
			continue
		}
		if ids[path] == nil {
			ids[path] = elementIDs(t, path)
		}
		if !ids[path][u.Fragment] {
			t.Errorf("%s: link %s: no element with id %q", name, l, u.Fragment)
		}
	}
}

func elementIDs(t *testing.T, path string) map[string]bool {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				ids[id] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids
}

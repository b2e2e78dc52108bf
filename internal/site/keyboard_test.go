package site

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// markTargetsJS marks what a keyboard must reach on a page — the search
// box, the chapter list, every copy button and every fold toggle — and
// returns how many there are.
const markTargetsJS = `(() => {
	const targets = [document.getElementById("search-input"), document.querySelector(".sidebar .chapters a")]
		.concat(Array.from(document.querySelectorAll(".copy, details.fold > summary")));
	targets.forEach((el, i) => el.setAttribute("data-kb", String(i)));
	return targets.length;
})()`

// focusedJS describes the focused element: its mark, and whether a focus
// ring shows (an outline, or the search box's shadow).
const focusedJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) { return {mark: "", tag: "body", ring: false}; }
	const cs = getComputedStyle(el);
	const ring = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== "none";
	return {mark: el.getAttribute("data-kb") || "", tag: el.tagName.toLowerCase() + (el.className ? "." + el.className : ""), ring: ring};
})()`

type focused struct {
	Mark string `json:"mark"`
	Tag  string `json:"tag"`
	Ring bool   `json:"ring"`
}

// TestKeyboard tabs through a chapter with the keyboard only: it must
// reach the search box, the chapter list, every copy button and every
// fold toggle, each with a visible focus ring; Enter opens a fold; and
// the shortcuts work: / and s search, ? lists the keys, Esc closes them,
// → and ← change chapter.
func TestKeyboard(t *testing.T) {
	exe := chromiumPath(t)
	res := buildFixture(t, "notebooks")
	ctx := startBrowser(t, exe, 2*time.Minute)
	page := filepath.Join(res.Out, "01-intro.html")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(fileURL(page))); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](markTargetsJS))
	if err != nil || n < 4 {
		t.Fatalf("targets: %d, %v", n, err)
	}
	reached := map[string]bool{}
	for i := 0; i < 150 && len(reached) < n; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[focused](focusedJS))
		if err != nil {
			t.Fatal(err)
		}
		if f.Tag != "body" && !f.Ring {
			t.Errorf("tab %d: %s has the focus but no visible focus ring", i+1, f.Tag)
		}
		if f.Mark != "" {
			reached[f.Mark] = true
		}
	}
	if len(reached) < n {
		t.Errorf("the keyboard reached %d of %d targets (search, chapter list, copy buttons, fold toggles): %v", len(reached), n, reached)
	}

	// Enter on a fold toggle opens it.
	open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector("details.fold > summary"); s.focus(); return true; })()`))
	if err == nil && open {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if open, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("details.fold").open`)); !open {
			t.Error("Enter on a fold toggle did not open it")
		}
	}
	checkShortcuts(t, ctx, res)
}

// checkShortcuts presses the reading keys on the middle chapter.
func checkShortcuts(t *testing.T, ctx context.Context, res *Result) {
	middle := filepath.Join(res.Out, "02-measuring.html")
	eval := func(js string) string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	press := func(key string) {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
			t.Fatal(err)
		}
	}
	for _, key := range []struct {
		key, code string
		vk        int64
	}{{"/", "Slash", 191}, {"s", "KeyS", 83}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(middle)), typeKey(key.key, key.code, key.vk)); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.activeElement.id`); got != "search-input" {
			t.Errorf("%q focused %q, want the search box", key.key, got)
		}
		if got := eval(`document.getElementById("search-input").value`); got != "" {
			t.Errorf("%q was typed into the search box: %q", key.key, got)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(middle))); err != nil {
		t.Fatal(err)
	}
	press("?")
	if got := eval(`String(document.getElementById("keys-help").hidden) + " " + document.activeElement.id`); got != "false keys-help" {
		t.Errorf("? left the keys list hidden/focus: %q", got)
	}
	press(kb.Escape)
	if got := eval(`String(document.getElementById("keys-help").hidden)`); got != "true" {
		t.Error("Esc did not close the keys list")
	}
	for _, step := range []struct{ key, want string }{{kb.ArrowRight, "03-parallel.html"}, {kb.ArrowLeft, "02-measuring.html"}} {
		press(step.key)
		var loc string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			loc = eval(`document.readyState === "complete" ? location.pathname : ""`)
			if strings.HasSuffix(loc, step.want) {
				break
			}
		}
		if !strings.HasSuffix(loc, step.want) {
			t.Errorf("%q led to %q, want %s", step.key, loc, step.want)
		}
	}
}

// typeKey presses a printable key as a keyboard does: one keyDown that
// carries its text, so that a handler's preventDefault keeps the text out
// of the focused field. (chromedp.KeyEvent sends the text as a separate
// char event, which no handler can cancel.)
func typeKey(key, code string, vk int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key,
			UnmodifiedText: key, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// TestNarrowScreen opens every page 390 px wide: the body never scrolls
// sideways, and the chapter drawer opens and closes by click, by the
// keyboard and by Esc. Motion follows prefers-reduced-motion.
func TestNarrowScreen(t *testing.T) {
	exe := chromiumPath(t)
	res := buildFixture(t, "notebooks")
	ctx := startBrowser(t, exe, 2*time.Minute)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	for _, p := range allPages(res) {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(p))); err != nil {
			t.Fatal(err)
		}
		w, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		if w[0] > w[1] {
			t.Errorf("%s scrolls sideways at 390 px: %d px wide", filepath.Base(p), w[0])
		}
	}
	drawer := func() string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("sidebar")).visibility`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	steps := []struct {
		name   string
		action chromedp.Action[chromedp.Void]
		want   string
	}{
		{"closed at first", chromedp.Navigate(fileURL(res.Pages[1])), "hidden"},
		{"click opens", chromedp.Click(chromedp.CSS(".nav-button")), "visible"},
		{"click on the scrim closes", chromedp.MouseClickXY(380, 400), "hidden"},
		{"Enter on the focused button opens", chromedp.Steps(chromedp.Focus(chromedp.CSS(".nav-button")), chromedp.KeyEvent(kb.Enter)), "visible"},
		{"Esc closes", chromedp.KeyEvent(kb.Escape), "hidden"},
	}
	for _, s := range steps {
		if err := chromedp.Do(ctx, s.action); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := drawer(); got != s.want {
			t.Errorf("%s: the drawer is %s, want %s", s.name, got, s.want)
		}
	}
	for _, reduce := range []bool{false, true} {
		if err := chromedp.Do(ctx, reducedMotion(reduce), chromedp.Navigate(fileURL(res.Pages[1]))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("sidebar")).transitionDuration + " " + getComputedStyle(document.documentElement).scrollBehavior`))
		if err != nil {
			t.Fatal(err)
		}
		want := "0.2s smooth"
		if reduce {
			want = "0s auto"
		}
		if got != want {
			t.Errorf("prefers-reduced-motion %v: transition and scrolling %q, want %q", reduce, got, want)
		}
	}
}

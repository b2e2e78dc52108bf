package cli

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws a progress bar on stderr for work that lasts more than
// about a second, and nothing when stderr is not a terminal or when quiet:
// logs and piped JSON stay clean.
type progress struct {
	mu      sync.Mutex
	out     io.Writer
	label   string
	enabled bool
	start   time.Time
	bar     *progressbar.ProgressBar
}

func newProgress(stderr io.Writer, label string, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	enabled := ok && !quiet && term.IsTerminal(int(f.Fd()))
	return &progress{out: stderr, label: label, enabled: enabled, start: time.Now()}
}

// update reports done of total steps.
func (p *progress) update(done, total int) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		if time.Since(p.start) < time.Second {
			return
		}
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription(p.label),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set(done)
}

// done removes the bar.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}

// experimentBars draws one progress bar per experiment a notebook runs,
// labelled "03 staircase", from the runner's progress reports.
type experimentBars struct {
	out    io.Writer
	prefix string
	cur    string
	bar    *progress
}

func newExperimentBars(stderr io.Writer, prefix string) *experimentBars {
	return &experimentBars{out: stderr, prefix: prefix}
}

func (b *experimentBars) update(name string, done, total int) {
	if name != b.cur {
		b.close()
		b.cur, b.bar = name, newProgress(b.out, b.prefix+" "+name, false)
	}
	b.bar.update(done, total)
}

func (b *experimentBars) close() {
	if b.bar != nil {
		b.bar.done()
		b.bar = nil
	}
}

package jupyter

import (
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gomeasure/concurrency/lib"
)

// progressFile makes the file that experiments inside the notebook report
// their progress to (lib.ProgressEnv), and follows it, calling report for
// each line. stop ends the watch, reports what is left and removes the
// file. Without report there is nothing to do.
func progressFile(report func(name string, done, total int)) (env []string, stop func()) {
	if report == nil {
		return nil, func() {}
	}
	f, err := os.CreateTemp("", "gomeasure-progress-*")
	if err != nil {
		return nil, func() {} // progress is a courtesy
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		r := &progressReader{f: f, report: report}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			r.read()
			select {
			case <-done:
				r.read()
				return
			case <-tick.C:
			}
		}
	}()
	return []string{lib.ProgressEnv + "=" + f.Name()}, func() {
		close(done)
		<-finished
		f.Close()
		os.Remove(f.Name())
	}
}

// progressReader turns the bytes appended to the progress file into
// reports, keeping a line still being written for the next read.
type progressReader struct {
	f       io.Reader
	partial string
	report  func(name string, done, total int)
}

func (p *progressReader) read() {
	buf := make([]byte, 4096)
	for {
		n, err := p.f.Read(buf)
		p.partial += string(buf[:n])
		if n == 0 || err != nil {
			break
		}
	}
	lines := strings.Split(p.partial, "\n")
	p.partial = lines[len(lines)-1]
	for _, line := range lines[:len(lines)-1] {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		d, err1 := strconv.Atoi(f[1])
		t, err2 := strconv.Atoi(f[2])
		if err1 == nil && err2 == nil {
			p.report(f[0], d, t)
		}
	}
}

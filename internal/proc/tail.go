package proc

import (
	"bytes"
	"strings"
	"sync"
)

// tailSize is how much of a child's output a Tail keeps: a few lines, enough
// for the last error message.
const tailSize = 8 << 10

// Tail is an io.Writer that keeps the last few KiB written to it: a child
// process's stderr, to explain why it died. Its zero value is ready to use
// and it is safe for concurrent use.
type Tail struct {
	mu  sync.Mutex
	buf []byte
}

// Write keeps the end of p and never fails.
func (t *Tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailSize {
		t.buf = t.buf[len(t.buf)-tailSize:]
	}
	return len(p), nil
}

// LastLine returns the last line written, trimmed of space, or "".
func (t *Tail) LastLine() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := strings.TrimSpace(string(bytes.ToValidUTF8(t.buf, nil)))
	return strings.TrimSpace(s[strings.LastIndexByte(s, '\n')+1:])
}

// Suffix returns the last line as " (label: line)", to end an error
// message with, or "" when nothing was written.
func (t *Tail) Suffix(label string) string {
	line := t.LastLine()
	if line == "" {
		return ""
	}
	return " (" + label + ": " + line + ")"
}

package show

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// TestUnreadCountsThePipe: the count a display waits on is what the other
// end of the pipe has not read yet.
func TestUnreadCountsThePipe(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("FIONREAD is used on Linux only")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	w.WriteString("twelve bytes")
	if n, ok := unread(r); !ok || n != 12 {
		t.Errorf("unread after writing 12 bytes = %d, %v; want 12, true", n, ok)
	}
	r.Read(make([]byte, 12))
	if n, ok := unread(r); !ok || n != 0 {
		t.Errorf("unread after reading them = %d, %v; want 0, true", n, ok)
	}
}

func TestStdoutDeliveredWaitsForTheReader(t *testing.T) {
	tests := []struct {
		name   string
		counts []int // what unreadStdout answers, call by call; then 0
		ok     bool
		calls  int // how many times it should be asked
	}{
		{"nothing unread", nil, true, 1},
		{"read after three polls", []int{40, 40, 40}, true, 4},
		{"not a pipe: no wait", []int{40}, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			defer func(f func() (int, bool)) { unreadStdout = f }(unreadStdout)
			unreadStdout = func() (int, bool) {
				calls++
				if calls <= len(tt.counts) {
					return tt.counts[calls-1], tt.ok
				}
				return 0, tt.ok
			}
			stdoutDelivered()
			if calls != tt.calls {
				t.Errorf("asked %d times, want %d", calls, tt.calls)
			}
		})
	}
	// A reader that never reads costs at most the patience, not a hang.
	defer func(f func() (int, bool)) { unreadStdout = f }(unreadStdout)
	unreadStdout = func() (int, bool) { return 1, true }
	start := time.Now()
	stdoutDelivered()
	if took := time.Since(start); took < stdoutPatience || took > 30*stdoutPatience {
		t.Errorf("with a stuck reader it returned after %v, want about %v", took, stdoutPatience)
	}
}

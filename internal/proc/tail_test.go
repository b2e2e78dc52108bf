package proc

import (
	"fmt"
	"strings"
	"testing"
)

func TestTailKeepsTheLastLine(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string
	}{
		{"nothing written", nil, ""},
		{"only space", []string{" \n\t\n"}, ""},
		{"one line", []string{"boom\n"}, " (stderr: boom)"},
		{"last of several", []string{"first\nsecond\n", "  third  \n\n"}, " (stderr: third)"},
		{"line split across writes", []string{"par", "tial"}, " (stderr: partial)"},
		{"invalid UTF-8 dropped", []string{"bad \xff byte"}, " (stderr: bad  byte)"},
		{"only the tail is kept", []string{strings.Repeat("x", tailSize) + "\nend"}, " (stderr: end)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tail Tail
			for _, w := range tt.writes {
				if n, err := tail.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(w))
				}
			}
			if got := tail.Suffix("stderr"); got != tt.want {
				t.Errorf("Suffix = %q, want %q", got, tt.want)
			}
			if len(tail.buf) > tailSize {
				t.Errorf("kept %d bytes, more than %d", len(tail.buf), tailSize)
			}
		})
	}
}

func ExampleTail() {
	var stderr Tail // give it to exec.Cmd.Stderr
	fmt.Fprintln(&stderr, "starting")
	fmt.Fprintln(&stderr, "panic: out of range")
	fmt.Println("worker died" + stderr.Suffix("stderr"))
	// Output: worker died (stderr: panic: out of range)
}

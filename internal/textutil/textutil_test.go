package textutil

import (
	"fmt"
	"testing"
)

func TestStripANSI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b[1;38;5;196mbold\x1b[m text", "bold text"},
		{"\x1b]0;title\x07after", "after"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"\x1bMup", "up"},
		{"panic: \x1b[33mboom\x1b[0m\n\tat main.go:3", "panic: boom\n\tat main.go:3"},
	}
	for _, tt := range tests {
		if got := StripANSI(tt.in); got != tt.want {
			t.Errorf("StripANSI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0 claims"}, {1, "1 claim"}, {2, "2 claims"}}
	for _, tt := range tests {
		if got := Plural(tt.n, "claim"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func ExamplePlural() {
	fmt.Println(Plural(1, "notebook"), "and", Plural(7, "figure"))
	// Output: 1 notebook and 7 figures
}

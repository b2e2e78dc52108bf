package cli

import (
	"io"
	"reflect"
	"testing"
)

func TestParseFlagsInterleaved(t *testing.T) {
	tests := []struct {
		args    []string
		wantPos []string
		wantOut string
	}{
		{[]string{"a", "--out", "x", "b"}, []string{"a", "b"}, "x"},
		{[]string{"--out", "y"}, nil, "y"},
		{[]string{"a", "--", "--out"}, []string{"a", "--out"}, ""},
	}
	for _, tt := range tests {
		fs := newFlagSet("t", io.Discard)
		out := fs.String("out", "", "")
		pos, err := parseFlags(fs, tt.args)
		if err != nil {
			t.Fatalf("parseFlags(%q): %v", tt.args, err)
		}
		if !reflect.DeepEqual(pos, tt.wantPos) || *out != tt.wantOut {
			t.Errorf("parseFlags(%q) = %q, out=%q; want %q, out=%q", tt.args, pos, *out, tt.wantPos, tt.wantOut)
		}
	}
}

func TestParseFlagsBadFlagIsUsageError(t *testing.T) {
	fs := newFlagSet("t", io.Discard)
	fs.Int("n", 0, "")
	_, err := parseFlags(fs, []string{"--n", "seven"})
	if _, ok := err.(*UsageError); !ok {
		t.Fatalf("err = %T %v, want *UsageError", err, err)
	}
}

package show

import (
	"strings"
	"testing"
)

func TestGoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles programs with the go command")
	}
	tests := []struct {
		name, src string
		race      bool
		want      []string
		wantErr   bool
	}{
		{"prints", "package main\n\nfunc main() { println(\"hi\") }\n", false, []string{"hi"}, false},
		{"deadlocks", "package main\n\nfunc main() { ch := make(chan int); ch <- 1 }\n", false,
			[]string{"all goroutines are asleep - deadlock!", "./main.go:3", "exit status 2"}, false},
		{"does not compile", "package main\n\nfunc main() { x := 1 }\n", false, []string{"declared and not used"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := GoRun(tt.src, tt.race)
			if (err != nil) != tt.wantErr {
				t.Fatalf("GoRun error = %v, want error %v; output:\n%s", err, tt.wantErr, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) && (err == nil || !strings.Contains(err.Error(), w)) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "gorun-") {
				t.Errorf("output still names the temporary folder:\n%s", out)
			}
		})
	}
}

func TestRaceReports(t *testing.T) {
	out := "count: 97\n==================\nWARNING: DATA RACE\nRead at 0x1 by goroutine 8:\n  main.main.func1()\n\nPrevious write at 0x1 by goroutine 7:\n  main.main.func1()\n==================\n" +
		"==================\nWARNING: DATA RACE\nWrite at 0x2 by goroutine 9:\n==================\nFound 2 data race(s)\n"
	got := RaceReports(out)
	if len(got) != 2 {
		t.Fatalf("found %d reports, want 2: %q", len(got), got)
	}
	if !strings.HasPrefix(got[0], "WARNING: DATA RACE\nRead at") || !strings.HasSuffix(got[0], "Previous write at 0x1 by goroutine 7:\n  main.main.func1()") {
		t.Errorf("first report = %q", got[0])
	}
	if RaceReports("no races here") != nil {
		t.Error("found a report in clean output")
	}
}

package flagserver

import (
	"math"
	"testing"
	"time"
)

func TestTailConfigValidate(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"none", Config{}, true},
		{"2% at 10x", Config{TailFraction: 0.02, TailFactor: 10}, true},
		{"default factor", Config{TailFraction: 0.02}, true},
		{"negative fraction", Config{TailFraction: -0.1}, false},
		{"fraction above 1", Config{TailFraction: 1.5}, false},
		{"NaN fraction", Config{TailFraction: math.NaN()}, false},
		{"factor below 1", Config{TailFraction: 0.1, TailFactor: 0.5}, false},
		{"infinite factor", Config{TailFraction: 0.1, TailFactor: math.Inf(1)}, false},
		{"stall", Config{StallEvery: 100 * ms, StallFor: 20 * ms}, true},
		{"stall without length", Config{StallEvery: 100 * ms}, false},
		{"stall without period", Config{StallFor: 100 * ms}, false},
		{"stall as long as its period", Config{StallEvery: 100 * ms, StallFor: 100 * ms}, false},
		{"negative stall", Config{StallEvery: -ms, StallFor: -ms}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err == nil {
				return
			}
			if _, serr := Start(tt.cfg); serr == nil {
				t.Fatal("Start accepted a configuration Validate refuses")
			}
		})
	}
}

func TestIsSlowExactShare(t *testing.T) {
	tests := []struct {
		fraction float64
		n, want  int
	}{
		{0, 1000, 0},
		{0.02, 1000, 20},
		{0.02, 50, 1},
		{0.1, 1000, 100},
		{0.3, 999, 333}, // blocks of round(1/0.3) = 3
		{1, 10, 10},
	}
	for _, tt := range tests {
		for _, seed := range []uint64{1, 2, 99} {
			got := 0
			for n := int64(1); n <= int64(tt.n); n++ {
				if isSlow(seed, tt.fraction, n) {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("fraction %v, seed %d: %d of %d slow, want %d", tt.fraction, seed, got, tt.n, tt.want)
			}
		}
	}
}

func TestIsSlowDependsOnSeedOnly(t *testing.T) {
	pick := func(seed uint64) []int64 {
		var out []int64
		for n := int64(1); n <= 500; n++ {
			if isSlow(seed, 0.02, n) {
				out = append(out, n)
			}
		}
		return out
	}
	a, b, c := pick(7), pick(7), pick(8)
	if len(a) != 10 || len(c) != 10 {
		t.Fatalf("want 10 slow requests in 500, got %d and %d", len(a), len(c))
	}
	same := true
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different picks: %v vs %v", a, b)
		}
		same = same && a[i] == c[i]
	}
	if same {
		t.Errorf("seeds 7 and 8 picked the same requests %v", a)
	}
}

func TestStallLeft(t *testing.T) {
	ms := time.Millisecond
	s := &Server{cfg: Config{StallEvery: 100 * ms, StallFor: 30 * ms}, started: time.Unix(0, 0)}
	tests := []struct {
		at, want time.Duration
	}{
		{0, 0}, {10 * ms, 0}, {99 * ms, 0}, // no stall before the first period ends
		{100 * ms, 30 * ms}, {110 * ms, 20 * ms}, {129 * ms, ms}, {130 * ms, 0},
		{250 * ms, 0}, {305 * ms, 25 * ms},
	}
	for _, tt := range tests {
		if got := s.stallLeft(s.started.Add(tt.at)); got != tt.want {
			t.Errorf("stallLeft at %v = %v, want %v", tt.at, got, tt.want)
		}
	}
	if got := (&Server{started: time.Unix(0, 0)}).stallLeft(time.Unix(5, 0)); got != 0 {
		t.Errorf("no stall configured: stallLeft = %v, want 0", got)
	}
}

package lib

import "testing"

// TestMeasurementConfiguration checks what a measurement's model and
// worker count are read as, from the descriptors alone: the pool size in
// its name, the tasks it runs at once, and whether GOMAXPROCS and a
// baseline apply.
func TestMeasurementConfiguration(t *testing.T) {
	tests := []struct {
		model          string
		tasks, workers int
		config         string
		atOnce40       int // of 40 tasks; 0 for an unknown model
		varies, loop   bool
		language       string
	}{
		{"sequential", 20, 1, "sequential", 1, false, true, LanguageGo},
		{"goroutines", 20, 20, "goroutines", 40, true, false, LanguageGo},
		{"singlethread", 20, 20, "singlethread", 40, false, false, LanguageGo},
		{"pool", 20, 20, "pool:20", 20, true, false, LanguageGo}, // a pool of 20 that served 20
		{"pool", 50, 20, "pool:20", 20, true, false, LanguageGo},
		{"processes", 4, 1, "processes:1", 1, true, false, LanguageGo},
		{"gil", 8, 8, "gil", 40, true, false, LanguageGo},   // a thread per task
		{"gil", 20, 3, "gil:3", 3, true, false, LanguageGo}, // three threads
		{"py-sequential", 20, 1, "py-sequential", 1, false, true, LanguagePython},
		{"py-threads", 20, 2, "py-threads:2", 2, false, false, LanguagePython},
		{"py-asyncio", 1000, 1000, "py-asyncio", 40, false, false, LanguagePython},
		{"py-processes", 4, 1, "py-processes:1", 1, false, false, LanguagePython},
		{"closed", 100, 10, "closed:10", 0, true, false, LanguageGo}, // unknown: read from the numbers
	}
	for _, tt := range tests {
		m := Measurement{Model: tt.model, Tasks: tt.tasks, Workers: tt.workers}
		atOnce, ok := m.AtOnce(40)
		if got := m.Config(); got != tt.config {
			t.Errorf("%s at %d tasks, %d workers: Config() = %q, want %q", tt.model, tt.tasks, tt.workers, got, tt.config)
		}
		if atOnce != tt.atOnce40 || ok != (tt.atOnce40 > 0) {
			t.Errorf("%s: AtOnce(40) = %d, %v; want %d", tt.config, atOnce, ok, tt.atOnce40)
		}
		if m.VariesWithGOMAXPROCS() != tt.varies || m.Baseline() != tt.loop || m.Language() != tt.language {
			t.Errorf("%s: varies with GOMAXPROCS %v, baseline %v, language %q; want %v, %v, %q",
				tt.config, m.VariesWithGOMAXPROCS(), m.Baseline(), m.Language(), tt.varies, tt.loop, tt.language)
		}
	}
	for language, want := range map[string]string{LanguageGo: "sequential", LanguagePython: "py-sequential", "Rust": ""} {
		if got := BaselineOf(language); got != want {
			t.Errorf("BaselineOf(%q) = %q, want %q", language, got, want)
		}
	}
}

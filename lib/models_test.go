package lib

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestModelTable checks the descriptor of every built-in model against
// what the model does: the worker semantics are those the grid, the
// labels of a measurement and the tracer relied on when each asked a
// switch on the model's name.
func TestModelTable(t *testing.T) {
	type want struct {
		usesWorkers, perTaskByDefault, measuredOnce, outOfProcess bool
		gomaxprocs                                                int
		atOnce                                                    int // of 10 tasks given no worker count
	}
	cases := []struct {
		name string
		want want
	}{
		{"sequential", want{measuredOnce: true, atOnce: 1}},
		{"goroutines", want{atOnce: 10}},
		{"pool", want{usesWorkers: true, atOnce: 10}},
		{"errgroup", want{usesWorkers: true, atOnce: 10}},
		{"gil", want{usesWorkers: true, perTaskByDefault: true, atOnce: 10}},
		{"singlethread", want{measuredOnce: true, gomaxprocs: 1, atOnce: 10}},
		{"processes", want{usesWorkers: true, outOfProcess: true, atOnce: runtime.NumCPU()}},
	}
	var names []string
	for _, tt := range cases {
		names = append(names, tt.name)
		m, ok := LookupModel(tt.name)
		if !ok {
			t.Errorf("LookupModel(%q): not found", tt.name)
			continue
		}
		if m.Name != tt.name || m.Info == "" || m.New == nil {
			t.Errorf("%s: name %q, info %q, constructor set %v; want its name, a description and a constructor",
				tt.name, m.Name, m.Info, m.New != nil)
		}
		got := want{m.UsesWorkers(), m.perTaskByDefault(), m.measuredOnce(), m.OutOfProcess, m.GOMAXPROCS, m.atOnce(10, 0)}
		if got != tt.want {
			t.Errorf("%s: semantics %+v, want %+v", tt.name, got, tt.want)
		}
		if n := m.atOnce(10, 3); n != 3 && tt.name != "sequential" {
			t.Errorf("%s: runs %d of 10 tasks at once with 3 workers, want 3", tt.name, n)
		}
		if m.Language != LanguageGo || m.Baseline != (tt.name == "sequential") {
			t.Errorf("%s: language %q, baseline %v; want Go, and only sequential the baseline", tt.name, m.Language, m.Baseline)
		}
		if r, err := NewRunner(tt.name, 2); err != nil || r.Name() != tt.name {
			t.Errorf("NewRunner(%q, 2) = %v, %v; want a runner of that name", tt.name, r, err)
		}
	}
	if got := ModelNames(); !slices.Equal(got, names) {
		t.Errorf("ModelNames() = %v, want the tutorial order %v", got, names)
	}
}

// TestRegisterModel checks that a registered model is looked up like a
// built-in one, and that a clash with a built-in or a second registration
// panics.
func TestRegisterModel(t *testing.T) {
	const name = "test-external"
	t.Cleanup(func() {
		modelsMu.Lock()
		delete(externals, name)
		modelsMu.Unlock()
	})
	RegisterModel(Model{Name: name, Info: "a test", Workers: WorkersOptional,
		New: func(int) (Runner, error) { return Sequential(), nil }})
	m, ok := LookupModel(name)
	if !ok || m.Language != LanguageGo || !m.perTaskByDefault() || m.Info != "a test" {
		t.Errorf("LookupModel(%q) = %+v, %v; want the registered external model", name, m, ok)
	}
	if !slices.Contains(KnownModels(), name) {
		t.Errorf("KnownModels() = %v, want it to list %s", KnownModels(), name)
	}
	for _, clash := range []string{"pool", "py-threads", name} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RegisterModel(%q) did not panic", clash)
				}
			}()
			RegisterModel(Model{Name: clash})
		}()
	}
}

// TestPythonModelsDescribed checks that CPython's models are described
// without lib/python, so a process that only reads saved results can ask
// what they are, and that running one says which package runs it.
func TestPythonModelsDescribed(t *testing.T) {
	for _, tt := range []struct {
		name     string
		baseline bool
		varies   bool
	}{
		{"py-sequential", true, false},
		{"py-threads", false, false},
		{"py-processes", false, false},
		{"py-asyncio", false, false},
	} {
		m, ok := LookupModel(tt.name)
		if !ok || m.Language != LanguagePython || !m.OutOfProcess || m.Baseline != tt.baseline || m.VariesWithGOMAXPROCS() != tt.varies {
			t.Errorf("LookupModel(%q) = %+v, %v; want CPython, out of process, baseline %v", tt.name, m, ok, tt.baseline)
			continue
		}
		if _, err := NewRunner(tt.name, 2); err == nil || !strings.Contains(err.Error(), "lib/python") {
			t.Errorf("NewRunner(%q) without lib/python: error %v, want one naming lib/python", tt.name, err)
		}
	}
	if got, want := ModelsIn(LanguagePython), []string{"py-sequential", "py-threads", "py-processes", "py-asyncio"}; !slices.Equal(got, want) {
		t.Errorf("ModelsIn(Python) = %v, want %v", got, want)
	}
	if !slices.Contains(KnownModels(), "py-asyncio") || slices.Contains(ModelNames(), "py-asyncio") {
		t.Errorf("KnownModels() = %v, ModelNames() = %v; want CPython's models known, but not among Go's", KnownModels(), ModelNames())
	}
	defer func() {
		if recover() == nil {
			t.Error("ImplementModel of a model lib does not describe did not panic")
		}
	}()
	ImplementModel("pool", nil, nil)
}

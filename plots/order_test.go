package plots

import (
	"slices"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

// sixSites are six tasks on six workers, ending at their delays.
func sixSites() []lib.Span {
	var spans []lib.Span
	for i, d := range []float64{0.3, 0.1, 0.5, 0.2, 0.05, 0.4} {
		spans = append(spans, lib.Span{Task: i, Name: "site", Worker: i, EndS: d})
	}
	return spans
}

func TestDeliveries(t *testing.T) {
	tests := []struct {
		name       string
		inputOrder bool
		at         []float64
		ranks      []int
	}{
		// map: site 1 waits for nobody; 2 is done at 0.1 but waits for 1 (0.3); 3 ends last...
		{"map", true, []float64{0.3, 0.3, 0.5, 0.5, 0.5, 0.5}, []int{1, 2, 3, 4, 5, 6}},
		{"as_completed", false, []float64{0.3, 0.1, 0.5, 0.2, 0.05, 0.4}, []int{4, 2, 6, 3, 1, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, ranks := Deliveries(sixSites(), tt.inputOrder)
			if !slices.Equal(at, tt.at) || !slices.Equal(ranks, tt.ranks) {
				t.Errorf("Deliveries = %v %v, want %v %v", at, ranks, tt.at, tt.ranks)
			}
		})
	}
}

func TestOrderFigure(t *testing.T) {
	m := measurement("io", "slow", "pool", 6, 6, 2, 0, []float64{0.5})
	m.Timeline = sixSites()
	f, err := OrderFigure(&lib.ResultSet{Title: "map vs as_completed", Env: fixtureEnv, Results: []lib.Measurement{m}})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 || !slices.Equal(f.Series, []string{"map", "as_completed"}) {
		t.Errorf("%d panels, series %v", len(f.Panels), f.Series)
	}
	if _, err := Encode(f, "png"); err != nil {
		t.Fatal(err)
	}
	m.Timeline = nil
	if _, err := OrderFigure(&lib.ResultSet{Results: []lib.Measurement{m}}); err == nil {
		t.Error("drew a figure without a timeline")
	}
}

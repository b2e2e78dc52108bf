package plots

import (
	"slices"
	"strings"
	"testing"

	"github.com/gomeasure/concurrency/lib"
)

// poolSizeFixture imitates the poolsize experiment: 12 tasks of 50 ms
// through pools of 1…24 workers take ⌈12/W⌉ delays and a little more.
func poolSizeFixture() *lib.ResultSet {
	rs := &lib.ResultSet{Schema: lib.ResultsSchema, Experiment: "poolsize", Title: "Twelve sites through a pool of W workers", Env: fixtureEnv}
	for _, w := range []int{1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24} {
		t := ceilDiv(12, w)*0.05 + 0.002
		rs.Results = append(rs.Results, measurement("io", "slow", "pool", 12, w, 2, 0.05, []float64{t, t * 1.01, t * 1.02, t, t * 1.03, t}))
	}
	return rs
}

func TestPoolSizeFigure(t *testing.T) {
	rs := poolSizeFixture()
	if k := FigureKinds(rs); !slices.Equal(k, []string{KindWorkers}) {
		t.Errorf("FigureKinds(poolsize) = %v, want [%s]", k, KindWorkers)
	}
	f, err := Draw(rs, KindWorkers)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0][0]
	if !strings.Contains(p.Title.Text, "N = 12 tasks") || p.X.Label.Text != "workers W" {
		t.Errorf("title %q, x label %q", p.Title.Text, p.X.Label.Text)
	}
	if _, err := Encode(f, "svg"); err != nil {
		t.Fatal(err)
	}
	if FigureName("poolsize", KindWorkers) != "poolsize-workers" {
		t.Errorf("figure name %s", FigureName("poolsize", KindWorkers))
	}
}

func TestPoolSizeFigureRefuses(t *testing.T) {
	one := poolSizeFixture()
	one.Results = one.Results[:1]
	twoSizes := poolSizeFixture()
	twoSizes.Results[0].Tasks = 24
	zero := poolSizeFixture()
	for i := range zero.Results {
		zero.Results[i].MaxS = 0
	}
	for name, rs := range map[string]*lib.ResultSet{"nil": nil, "one worker count": one, "two sizes": twoSizes, "no time": zero} {
		if f, err := PoolSizeFigure(rs); err == nil {
			t.Errorf("%s: drew %v, want an error", name, f)
		}
	}
}

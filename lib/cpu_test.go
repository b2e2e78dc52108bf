package lib

import (
	"context"
	"math/big"
	"testing"
)

func TestSumSquaresMatchesClosedForm(t *testing.T) {
	for _, n := range []int64{0, 1, 2, 10, 1000, 3_000_000, SumSquaresBase + 19} {
		// sum_{i<n} i² = (n-1) n (2n-1) / 6
		want := new(big.Int).Mul(big.NewInt(n-1), big.NewInt(n))
		want.Mul(want, big.NewInt(2*n-1))
		want.Div(want, big.NewInt(6))
		if n == 0 {
			want.SetInt64(0)
		}
		if got := SumSquares(nil, n); got != want.String() {
			t.Errorf("SumSquares(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestIsPrime(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want bool
	}{
		{-7, false}, {0, false}, {1, false}, {2, true}, {3, true}, {4, false}, {9, false},
		{97, true}, {7919, true}, {7917, false},
		// Seed 001's list: all prime but the last.
		{112272535095293, true}, {112582705942171, true}, {115280095190773, true},
		{115797848077099, true}, {1099726899285419, false},
	} {
		if got := IsPrime(nil, tt.n); got != tt.want {
			t.Errorf("IsPrime(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

func TestBlurThumbnail(t *testing.T) {
	a := BlurArg{Seed: 1, Width: 200, Height: 150, Sigma: 2}
	r1, err := BlurThumbnail(context.Background(), nil, a)
	if err != nil {
		t.Fatal(err)
	}
	if r1.Width != ThumbnailSize || r1.Height != ThumbnailSize*3/4 {
		t.Errorf("thumbnail %dx%d", r1.Width, r1.Height)
	}
	r2, _ := BlurThumbnail(context.Background(), nil, a)
	a.Seed = 2
	r3, _ := BlurThumbnail(context.Background(), nil, a)
	if r1 != r2 || r1.Checksum == r3.Checksum {
		t.Errorf("want deterministic and seed-dependent results: %v %v %v", r1, r2, r3)
	}
	for _, bad := range []BlurArg{{Width: 0, Height: 10, Sigma: 1}, {Width: 10, Height: 10, Sigma: 0}, {Width: 100000, Height: 100000, Sigma: 1}} {
		if _, err := BlurThumbnail(context.Background(), nil, bad); err == nil {
			t.Errorf("BlurThumbnail(%+v) succeeded", bad)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BlurThumbnail(ctx, nil, BlurArg{Seed: 1, Width: 100, Height: 100, Sigma: 1}); err == nil {
		t.Error("blur ignored a cancelled context")
	}
}

func TestGaussianKernelSumsToOne(t *testing.T) {
	for _, s := range []float64{0.5, 1, 3, 10} {
		var sum float64
		for _, w := range gaussianKernel(s) {
			sum += w
		}
		if sum < 0.999999 || sum > 1.000001 {
			t.Errorf("sigma %v: kernel sums to %v", s, sum)
		}
	}
}

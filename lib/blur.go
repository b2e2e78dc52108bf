package lib

import (
	"context"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"golang.org/x/image/draw"
)

// BlurArg is the input of a "blur" task: generate a Width×Height image from
// Seed, blur it with a Gaussian of radius Sigma, make a thumbnail.
type BlurArg struct {
	Seed   uint64  `json:"seed"`
	Width  int     `json:"width"`
	Height int     `json:"height"`
	Sigma  float64 `json:"sigma"`
}

// BlurResult describes the thumbnail a blur task made.
type BlurResult struct {
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Checksum uint32 `json:"checksum"` // CRC-32 of the thumbnail's pixels
}

// ThumbnailSize is the longer side of the thumbnails: the image example's
// img.thumbnail((50, 50)), from the guide to concurrency test code, made a
// little larger to be visible.
const ThumbnailSize = 128

// BlurTasks returns n tasks each blurring a different generated image of
// the given width (height 3/4 of it) — the image example of the guide to
// concurrency test code, with generated photographs so nothing has to be
// downloaded.
func BlurTasks(n, width int) []Task {
	tasks := make([]Task, n)
	for i := range tasks {
		a := BlurArg{Seed: uint64(i + 1), Width: width, Height: width * 3 / 4, Sigma: 3}
		tasks[i] = NewTask("blur", fmt.Sprintf("img-%d", i+1), a)
	}
	return tasks
}

// BlurThumbnail generates the image, blurs it and returns its thumbnail's
// size and checksum.
func BlurThumbnail(ctx context.Context, t *Thread, a BlurArg) (BlurResult, error) {
	if a.Width <= 0 || a.Height <= 0 || a.Width*a.Height > 64<<20 || a.Sigma <= 0 || a.Sigma > 50 {
		return BlurResult{}, fmt.Errorf("blur: bad image %dx%d or sigma %v", a.Width, a.Height, a.Sigma)
	}
	img := GenerateImage(a.Seed, a.Width, a.Height)
	blurred, err := GaussianBlur(ctx, t, img, a.Sigma)
	if err != nil {
		return BlurResult{}, err
	}
	thumb := Thumbnail(blurred, ThumbnailSize)
	b := thumb.Bounds()
	return BlurResult{Width: b.Dx(), Height: b.Dy(), Checksum: crc32.ChecksumIEEE(thumb.Pix)}, nil
}

// GenerateImage draws a deterministic picture: soft colour gradients with
// noise, so blurring it is real work on varied data.
func GenerateImage(seed uint64, w, h int) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, seed*0x9e3779b97f4a7c15+1))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fx, fy := 1+rng.Float64()*4, 1+rng.Float64()*4
	for y := range h {
		for x := range w {
			u, v := float64(x)/float64(w), float64(y)/float64(h)
			r := 127 + 100*math.Sin(fx*u*math.Pi*2) + float64(rng.IntN(28))
			g := 127 + 100*math.Cos(fy*v*math.Pi*2) + float64(rng.IntN(28))
			b := 127 + 100*math.Sin((u+v)*math.Pi*3) + float64(rng.IntN(28))
			img.SetRGBA(x, y, color.RGBA{clamp8(r), clamp8(g), clamp8(b), 255})
		}
	}
	return img
}

// GaussianBlur blurs img with a Gaussian of standard deviation sigma, as two
// one-dimensional passes (rows, then columns), which is exact for a
// Gaussian and far cheaper than a 2-D kernel. It is written out here rather
// than taken from a library because it is the workload being measured: a
// reader should see every multiplication the CPU does.
func GaussianBlur(ctx context.Context, t *Thread, img *image.RGBA, sigma float64) (*image.RGBA, error) {
	kernel := gaussianKernel(sigma)
	b := img.Bounds()
	tmp := image.NewRGBA(b)
	out := image.NewRGBA(b)
	if err := convolve(ctx, t, img, tmp, kernel, 4, img.Stride, b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	if err := convolve(ctx, t, tmp, out, kernel, img.Stride, 4, b.Dy(), b.Dx()); err != nil {
		return nil, err
	}
	return out, nil
}

// convolve runs the 1-D kernel along lines of n pixels, step bytes apart;
// lines are lineStride bytes apart. Edges are clamped.
func convolve(ctx context.Context, t *Thread, src, dst *image.RGBA, k []float64, step, lineStride, n, lines int) error {
	r := len(k) / 2
	for line := range lines {
		if line%16 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			t.Tick()
		}
		base := line * lineStride
		for i := range n {
			var acc [3]float64
			for j, w := range k {
				p := min(max(i+j-r, 0), n-1)
				o := base + p*step
				acc[0] += w * float64(src.Pix[o])
				acc[1] += w * float64(src.Pix[o+1])
				acc[2] += w * float64(src.Pix[o+2])
			}
			o := base + i*step
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = clamp8(acc[0]), clamp8(acc[1]), clamp8(acc[2]), 255
		}
	}
	return nil
}

func gaussianKernel(sigma float64) []float64 {
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	var sum float64
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	return k
}

// Thumbnail scales img so its longer side is size pixels, keeping its
// aspect ratio, with golang.org/x/image/draw's Catmull-Rom filter (the
// resampling is not the point of the workload, the blur is).
func Thumbnail(img image.Image, size int) *image.RGBA {
	b := img.Bounds()
	w, h := size, size
	if b.Dx() >= b.Dy() {
		h = max(1, b.Dy()*size/b.Dx())
	} else {
		w = max(1, b.Dx()*size/b.Dy())
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

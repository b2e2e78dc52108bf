package flagserver

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/gif"
	"math/rand/v2"
)

// Flag images are generated, not downloaded: deterministic from the country
// code, so every run serves the same bytes and nobody's server is hammered.
// They are not the real flags — a tricolour, a cross or a disc in colours
// drawn from the code — with a woven texture that makes each GIF a few KiB,
// about the size of the real ones the Fluent Python flags benchmark downloaded.
const flagW, flagH = 160, 100

// FlagGIF returns the generated GIF of a country code (any case).
func FlagGIF(cc string) []byte {
	h := fnv.New64a()
	h.Write([]byte(cc))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x9e3779b97f4a7c15))

	// A palette of three main colours, each with a darker shade for texture.
	pal := color.Palette{}
	for range 3 {
		c := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		d := color.RGBA{c.R * 7 / 8, c.G * 7 / 8, c.B * 7 / 8, 255}
		pal = append(pal, c, d)
	}
	img := image.NewPaletted(image.Rect(0, 0, flagW, flagH), pal)
	layout := rng.IntN(4)
	cx, cy := flagW*3/8, flagH/2
	for y := range flagH {
		for x := range flagW {
			var band int
			switch layout {
			case 0: // horizontal tricolour
				band = y * 3 / flagH
			case 1: // vertical tricolour
				band = x * 3 / flagW
			case 2: // Nordic cross
				if abs(x-cx) < 9 || abs(y-cy) < 9 {
					band = 1
				}
			default: // disc on a field
				if (x-flagW/2)*(x-flagW/2)+(y-cy)*(y-cy) < 30*30 {
					band = 2
				}
			}
			shade := 0
			if rng.IntN(5) == 0 { // the weave: one pixel in five darker
				shade = 1
			}
			img.SetColorIndex(x, y, uint8(band*2+shade))
		}
	}
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		panic("flagserver: encode flag: " + err.Error()) // in-memory encoding of a valid image cannot fail
	}
	return buf.Bytes()
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

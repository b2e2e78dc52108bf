package flagserver

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// defaultTailFactor is how many delays a slow answer takes when
// Config.TailFactor is 0.
const defaultTailFactor = 10

// validateTail checks the slow-answer and stall settings of a Config.
func (c Config) validateTail() error {
	switch {
	case c.TailFraction < 0 || c.TailFraction > 1 || math.IsNaN(c.TailFraction):
		return fmt.Errorf("tail fraction %v must be between 0 and 1", c.TailFraction)
	case c.TailFactor != 0 && !(c.TailFactor >= 1) || math.IsInf(c.TailFactor, 0):
		return fmt.Errorf("tail factor %v must be at least 1 (or 0 for %d)", c.TailFactor, defaultTailFactor)
	case c.StallEvery < 0 || c.StallFor < 0:
		return fmt.Errorf("stall every %v for %v: durations must not be negative", c.StallEvery, c.StallFor)
	case (c.StallEvery > 0) != (c.StallFor > 0):
		return fmt.Errorf("stall every %v for %v: give both or neither", c.StallEvery, c.StallFor)
	case c.StallFor >= c.StallEvery && c.StallEvery > 0:
		return fmt.Errorf("stall for %v must be shorter than its period %v", c.StallFor, c.StallEvery)
	}
	return nil
}

// isSlow reports whether the n-th request (counting from 1) is one of the
// slow ones. The requests are cut into blocks of round(1/fraction); in
// each block exactly one is slow, at an offset drawn from the seed and the
// block's number. So the share of slow answers is exact in every run —
// a 2% tail never comes out as 0% or 5% by bad luck — yet which request
// it hits is not a visible period.
func isSlow(seed uint64, fraction float64, n int64) bool {
	if fraction <= 0 || n < 1 {
		return false
	}
	block := int64(max(1, math.Round(1/fraction)))
	i := n - 1
	pick := rand.New(rand.NewPCG(seed, uint64(i/block))).Int64N(block)
	return i%block == pick
}

// delay is the n-th request's own delay: Delay, or TailFactor × Delay for
// the slow ones.
func (s *Server) delay(n int64) time.Duration {
	if !isSlow(s.cfg.Seed, s.cfg.TailFraction, n) {
		return s.cfg.Delay
	}
	f := s.cfg.TailFactor
	if f == 0 {
		f = defaultTailFactor
	}
	return time.Duration(f * float64(s.cfg.Delay))
}

// stallLeft is how much of a stall remains at now: the server stalls
// for StallFor at StallEvery, 2×StallEvery, … after its start.
func (s *Server) stallLeft(now time.Time) time.Duration {
	every := s.cfg.StallEvery
	if every <= 0 {
		return 0
	}
	since := now.Sub(s.started)
	if since < every {
		return 0
	}
	if phase := since % every; phase < s.cfg.StallFor {
		return s.cfg.StallFor - phase
	}
	return 0
}

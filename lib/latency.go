package lib

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"
)

// Latency is the measured cost of one everyday operation on this machine.
type Latency struct {
	What    string  `json:"what"`
	NS      float64 `json:"ns"` // nanoseconds, with fractions: an addition takes less than one
	Samples int     `json:"samples"`
}

// Human scales the latency so that one nanosecond lasts one second — the
// "CPU's sense of time": at that scale a memory read takes a minute or two
// and a network round trip days.
func (l Latency) Human() time.Duration {
	return time.Duration(l.NS * float64(time.Second))
}

// HumanString writes a human-scaled duration in the largest fitting unit.
func HumanString(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s < 60:
		return fmt.Sprintf("%.1f seconds", s)
	case s < 3600:
		return fmt.Sprintf("%.1f minutes", s/60)
	case s < 86400:
		return fmt.Sprintf("%.1f hours", s/3600)
	case s < 86400*365:
		return fmt.Sprintf("%.1f days", s/86400)
	}
	return fmt.Sprintf("%.1f years", s/(86400*365))
}

// MeasureLatencies times a ladder of operations, from an addition to
// starting a process, on this machine, now, and returns them fastest first.
// Each figure is the median of several batches, divided by the batch size.
// It takes a few seconds.
func MeasureLatencies(ctx context.Context) ([]Latency, error) {
	srv, err := StartFlagServer(ServerConfig{})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	client := NewHTTPClient(1)
	defer client.CloseIdleConnections()
	dir, err := os.MkdirTemp("", "latency-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	small := chain(1 << 10)  // 8 KiB: fits in the L1 cache
	large := chain(16 << 20) // 64 MiB: larger than the last-level cache
	var mu sync.Mutex
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	defer close(ping)
	sink := 0
	ladder := []struct {
		what  string
		batch int
		op    func() error
	}{
		{"add two numbers", 10_000_000, func() error {
			x := sink
			for i := range 10_000_000 {
				x += i ^ x
			}
			sink = x
			return nil
		}},
		{"read memory in the L1 cache", 1_000_000, func() error { sink += walk(small, 1_000_000); return nil }},
		{"lock and unlock a mutex", 1_000_000, func() error {
			for range 1_000_000 {
				mu.Lock()
				mu.Unlock()
			}
			return nil
		}},
		{"read main memory (cache miss)", 1_000_000, func() error { sink += walk(large, 1_000_000); return nil }},
		{"switch goroutines (channel round trip / 2)", 200_000, func() error {
			for i := range 100_000 {
				ping <- i
				<-pong
			}
			return nil
		}},
		{"make a system call (getppid)", 200_000, func() error {
			for range 200_000 {
				syscall.Getppid()
			}
			return nil
		}},
		{"write 4 KiB to a file and fsync", 20, func() error {
			buf := make([]byte, 4096)
			for i := range 20 {
				f, err := os.Create(filepath.Join(dir, fmt.Sprint(i)))
				if err != nil {
					return err
				}
				f.Write(buf)
				err = f.Sync()
				f.Close()
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"HTTP request over loopback", 200, func() error {
			for range 200 {
				if _, err := Get(ctx, client, nil, srv.FlagURL("cn")); err != nil {
					return err
				}
			}
			return nil
		}},
		{"start a process and wait for it", 10, func() error {
			for range 10 {
				if err := exec.CommandContext(ctx, "true").Run(); err != nil {
					return fmt.Errorf("start a process: %w", err)
				}
			}
			return nil
		}},
	}
	var out []Latency
	for _, step := range ladder {
		const batches = 5
		times := make([]float64, 0, batches)
		for range batches {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			start := time.Now()
			if err := step.op(); err != nil {
				return out, fmt.Errorf("measure %q: %w", step.what, err)
			}
			times = append(times, float64(time.Since(start))/float64(step.batch))
		}
		out = append(out, Latency{What: step.what, NS: Summarize(times).Median, Samples: batches * step.batch})
	}
	if sink == 42 { // keep the compiler from optimising the loops away
		fmt.Fprint(os.Stderr, "")
	}
	// A ladder climbs: order the rungs by what this machine measured.
	sort.SliceStable(out, func(i, j int) bool { return out[i].NS < out[j].NS })
	return out, nil
}

// chain builds a random cyclic permutation of n slots: following it visits
// every slot in an order the prefetcher cannot guess.
func chain(n int) []int32 {
	perm := rand.New(rand.NewPCG(1, 2)).Perm(n)
	next := make([]int32, n)
	for i := range n {
		next[perm[i]] = int32(perm[(i+1)%n])
	}
	return next
}

func walk(next []int32, steps int) int {
	p := int32(0)
	for range steps {
		p = next[p]
	}
	return int(p)
}

// FormatNS writes nanoseconds with a unit that keeps two or three
// significant digits: "0.31 ns", "157 ns", "97.5 µs", "2.11 ms".
func FormatNS(ns float64) string {
	switch {
	case ns < 10:
		return fmt.Sprintf("%.2f ns", ns)
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e6:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	case ns < 1e9:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	}
	return fmt.Sprintf("%.2f s", ns/1e9)
}

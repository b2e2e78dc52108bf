package lib

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/gomeasure/concurrency/lib/flagserver"
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

// MeasureLatencies times a ladder of operations, from an addition to
// starting a process, on this machine, now, and returns them fastest first.
// Each figure is the median of several batches, divided by the batch size.
// It takes a few seconds.
func MeasureLatencies(ctx context.Context) ([]Latency, error) {
	b, err := newLatencyBench(ctx)
	if err != nil {
		return nil, err
	}
	defer b.close()
	out, err := climb(ctx, b.ladder())
	if err != nil {
		return out, err
	}
	if b.sink == 42 { // keep the compiler from optimising the loops away
		fmt.Fprint(os.Stderr, "")
	}
	// A ladder climbs: order the rungs by what this machine measured.
	sort.SliceStable(out, func(i, j int) bool { return out[i].NS < out[j].NS })
	return out, nil
}

// A rung is one operation of the ladder: op does it batch times.
type rung struct {
	what  string
	batch int
	op    func() error
}

// climb times each rung in a few batches and keeps the median per operation.
func climb(ctx context.Context, ladder []rung) ([]Latency, error) {
	const batches = 5
	var out []Latency
	for _, step := range ladder {
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
	return out, nil
}

// latencyBench is what the rungs work on: a flag server to request, a
// folder to write in, memory to walk, a goroutine to switch to.
type latencyBench struct {
	ctx          context.Context
	srv          *flagserver.Server
	client       *http.Client
	dir          string
	small, large []int32 // pointer chains in the L1 cache and far beyond it
	mu           sync.Mutex
	ping, pong   chan int
	sink         int // what the loops compute, so that they are not optimised away
}

func newLatencyBench(ctx context.Context) (*latencyBench, error) {
	srv, err := flagserver.Start(flagserver.Config{})
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "latency-")
	if err != nil {
		srv.Close()
		return nil, err
	}
	b := &latencyBench{
		ctx: ctx, srv: srv, client: NewHTTPClient(1), dir: dir,
		small: chain(1 << 10),  // 8 KiB: fits in the L1 cache
		large: chain(16 << 20), // 64 MiB: larger than the last-level cache
		ping:  make(chan int), pong: make(chan int),
	}
	go func() {
		for v := range b.ping {
			b.pong <- v
		}
		close(b.pong)
	}()
	return b, nil
}

func (b *latencyBench) close() {
	close(b.ping)
	b.client.CloseIdleConnections()
	b.srv.Close()
	os.RemoveAll(b.dir)
}

// ladder lists the operations in the order a reader expects them.
func (b *latencyBench) ladder() []rung {
	return []rung{
		{"add two numbers", 10_000_000, b.add},
		{"read memory in the L1 cache", 1_000_000, func() error { b.sink += walk(b.small, 1_000_000); return nil }},
		{"lock and unlock a mutex", 1_000_000, b.lockUnlock},
		{"read main memory (cache miss)", 1_000_000, func() error { b.sink += walk(b.large, 1_000_000); return nil }},
		{"switch goroutines (channel round trip / 2)", 200_000, b.switchGoroutines},
		{"make a system call (getppid)", 200_000, b.systemCall},
		{"write 4 KiB to a file and fsync", 20, b.writeAndSync},
		{"HTTP request over loopback", 200, b.httpRequests},
		{"start a process and wait for it", 10, b.startProcesses},
	}
}

func (b *latencyBench) add() error {
	x := b.sink
	for i := range 10_000_000 {
		x += i ^ x
	}
	b.sink = x
	return nil
}

func (b *latencyBench) lockUnlock() error {
	for range 1_000_000 {
		b.mu.Lock()
		b.mu.Unlock()
	}
	return nil
}

func (b *latencyBench) switchGoroutines() error {
	for i := range 100_000 {
		b.ping <- i
		<-b.pong
	}
	return nil
}

func (b *latencyBench) systemCall() error {
	for range 200_000 {
		syscall.Getppid()
	}
	return nil
}

// writeAndSync writes 4 KiB to each of 20 new files and fsyncs it: a
// write that failed would make the fsync time nothing, so it is an error.
func (b *latencyBench) writeAndSync() error {
	buf := make([]byte, 4096)
	for i := range 20 {
		f, err := os.Create(filepath.Join(b.dir, fmt.Sprint(i)))
		if err != nil {
			return err
		}
		_, err = f.Write(buf)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (b *latencyBench) httpRequests() error {
	for range 200 {
		if _, err := Get(b.ctx, b.client, nil, b.srv.FlagURL("cn")); err != nil {
			return err
		}
	}
	return nil
}

func (b *latencyBench) startProcesses() error {
	for range 10 {
		if err := exec.CommandContext(b.ctx, "true").Run(); err != nil {
			return fmt.Errorf("start a process: %w", err)
		}
	}
	return nil
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

// A unitStep prints values below `below` divided by div, with format.
type unitStep struct {
	below, div float64
	format     string
}

// formatInUnits prints v with the first step of units it is below.
func formatInUnits(v float64, units []unitStep) string {
	for _, u := range units {
		if v < u.below {
			return fmt.Sprintf(u.format, v/u.div)
		}
	}
	last := units[len(units)-1]
	return fmt.Sprintf(last.format, v/last.div)
}

// humanUnits go from seconds to years; the last step takes every larger value.
var humanUnits = []unitStep{
	{60, 1, "%.1f seconds"},
	{3600, 60, "%.1f minutes"},
	{86400, 3600, "%.1f hours"},
	{86400 * 365, 86400, "%.1f days"},
	{math.Inf(1), 86400 * 365, "%.1f years"},
}

// HumanString writes a human-scaled duration in the largest fitting unit.
func HumanString(d time.Duration) string {
	return formatInUnits(d.Seconds(), humanUnits)
}

// nsUnits go from nanoseconds to seconds, keeping two or three significant digits.
var nsUnits = []unitStep{
	{10, 1, "%.2f ns"},
	{1e3, 1, "%.0f ns"},
	{1e6, 1e3, "%.1f µs"},
	{1e9, 1e6, "%.2f ms"},
	{math.Inf(1), 1e9, "%.2f s"},
}

// FormatNS writes nanoseconds with a unit that keeps two or three
// significant digits: "0.31 ns", "157 ns", "97.5 µs", "2.11 ms".
func FormatNS(ns float64) string { return formatInUnits(ns, nsUnits) }

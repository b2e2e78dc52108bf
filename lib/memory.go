package lib

import (
	"runtime"
	"sync"
)

// GoroutineMemory measures what n parked goroutines cost: it starts n
// goroutines that block on a channel, and compares the memory in use
// (stacks and heap, after a garbage collection) before and after. This is
// the C10k argument in one number: a goroutine starts with a 2 KiB stack
// that grows on demand, where an OS thread reserves megabytes.
func GoroutineMemory(n int) MemoryPoint {
	before := inUse()
	release := make(chan struct{})
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for range n {
		go func() {
			started.Done()
			<-release
			finished.Done()
		}()
	}
	started.Wait()
	after := inUse()
	close(release)
	finished.Wait()

	var total uint64
	if after > before {
		total = after - before
	}
	return MemoryPoint{Goroutines: n, TotalBytes: total, BytesPerGoroutine: float64(total) / float64(max(n, 1))}
}

func inUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.StackInuse + ms.HeapInuse
}

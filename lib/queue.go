package lib

import "sync"

// taskQueue returns the indices of the n tasks in input order on a channel
// that is full and closed: workers range over it, each taking the next
// task until none is left — the shared queue of a thread or process pool.
// Tasks for which keep returns false are left out; a nil keep keeps all.
func taskQueue(n int, keep func(i int) bool) <-chan int {
	next := make(chan int, n)
	for i := range n {
		if keep == nil || keep(i) {
			next <- i
		}
	}
	close(next)
	return next
}

// runWorkers runs work on n goroutines, numbered from 0, and returns when
// every one has returned.
func runWorkers(n int, work func(w int)) {
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() { work(w) })
	}
	wg.Wait()
}

package lib

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// SumSquaresBase is the Python tutorials' n: sum(i*i for i in range(n)) for
// n = 5,000,000 + x, x < 20.
const SumSquaresBase = 5_000_000

// primes are the numbers of the ProcessPoolExecutor example in the guide to
// writing concurrency test code in Python: large numbers whose trial
// division takes long enough to measure.
var primes = []int64{
	112272535095293,
	112582705942171,
	112272535095293,
	115280095190773,
	115797848077099,
	1099726899285419,
}

// SumSquares returns the sum of i*i for 0 <= i < n, in decimal.
//
// For n = 5,000,000 the sum is about 4.2e19, past what a uint64 holds, so
// it is accumulated in 128 bits — Python's integers grow silently, Go's
// wrap around silently, and a tutorial that compares them should get the
// same answer.
func SumSquares(t *Thread, n int64) string {
	var hi, lo uint64
	for i := int64(0); i < n; i++ {
		if i&0xffff == 0 {
			t.Tick()
		}
		sqHi, sqLo := bits.Mul64(uint64(i), uint64(i))
		var carry uint64
		lo, carry = bits.Add64(lo, sqLo, 0)
		hi += sqHi + carry
	}
	v := new(big.Int).SetUint64(hi)
	v.Lsh(v, 64)
	v.Or(v, new(big.Int).SetUint64(lo))
	return v.String()
}

// IsPrime reports whether n is prime by trial division over odd numbers up
// to its square root, as the guide to writing concurrency test code in
// Python's is_prime does.
func IsPrime(t *Thread, n int64) bool {
	if n < 2 {
		return false
	}
	if n == 2 {
		return true
	}
	if n%2 == 0 {
		return false
	}
	limit := int64(math.Sqrt(float64(n)))
	for i := int64(3); i <= limit; i += 2 {
		if i&0x3fff == 1 {
			t.Tick()
		}
		if n%i == 0 {
			return false
		}
	}
	return true
}

// SumSquaresTasks returns n tasks computing SumSquares(base+x) for x < n.
func SumSquaresTasks(n int, base int64) []Task {
	tasks := make([]Task, n)
	for x := range tasks {
		v := base + int64(x)
		tasks[x] = NewTask("sumsquares", strconv.FormatInt(v, 10), v)
	}
	return tasks
}

// PrimeTasks returns n primality tasks over the primes list, repeating it
// past its six numbers.
func PrimeTasks(n int) []Task {
	tasks := make([]Task, n)
	for i := range tasks {
		v := primes[i%len(primes)]
		tasks[i] = NewTask("prime", strconv.FormatInt(v, 10), v)
	}
	return tasks
}

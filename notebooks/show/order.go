package show

import (
	"os"
	"time"
)

// Printed text and displayed outputs reach GoNB through two pipes, each
// read by its own goroutine, so a verdict displayed right after
// fmt.Println could be published first and saved above the text it
// follows (chapter 6's race report once was). Every display therefore
// first waits until GoNB has read all that the program printed; GoNB
// publishes text in the goroutine that reads it, so once the pipe is
// empty the text is on its way ahead of the display.
const (
	// stdoutPatience bounds the wait: a kernel that stopped reading must
	// not hang the cell.
	stdoutPatience = 500 * time.Millisecond
	// publishGrace covers the moment between GoNB reading the text and
	// publishing it.
	publishGrace = 2 * time.Millisecond
)

// unreadStdout counts the bytes of standard output still waiting in its
// pipe; ok is false where that cannot be known (a terminal, a file, a
// system other than Linux).
var unreadStdout = func() (n int, ok bool) { return unread(os.Stdout) }

// stdoutDelivered returns once GoNB has read everything printed so far,
// or after stdoutPatience.
func stdoutDelivered() {
	deadline := time.Now().Add(stdoutPatience)
	for {
		n, ok := unreadStdout()
		if !ok {
			return
		}
		if n == 0 {
			time.Sleep(publishGrace)
			return
		}
		if time.Now().After(deadline) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

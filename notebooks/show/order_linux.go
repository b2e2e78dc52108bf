package show

import (
	"os"

	"golang.org/x/sys/unix"
)

// unread asks the kernel how many bytes wait unread in f's pipe
// (FIONREAD, which Linux names TIOCINQ).
func unread(f *os.File) (n int, ok bool) {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, false
	}
	var ioctlErr error
	// Control, not f.Fd: Fd would switch the file to blocking mode.
	if err := rc.Control(func(fd uintptr) { n, ioctlErr = unix.IoctlGetInt(int(fd), unix.TIOCINQ) }); err != nil || ioctlErr != nil {
		return 0, false
	}
	return n, true
}

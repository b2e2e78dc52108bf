package lib

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// PeakRSS returns the most resident memory a process has used, in bytes
// (VmHWM in /proc/PID/status; Linux only). pid 0 means this process.
func PeakRSS(pid int) (int64, error) {
	kb, err := statusField(procName(pid), "VmHWM")
	return kb * 1024, err
}

// ResetPeakRSS restarts this process's PeakRSS from its current size, so a
// measurement is not charged for earlier work. Linux only.
func ResetPeakRSS() error {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// OpenFiles counts the open file descriptors of a process (sockets
// included); pid 0 means this process. Linux only.
func OpenFiles(pid int) (int, error) {
	entries, err := os.ReadDir(filepath.Join("/proc", procName(pid), "fd"))
	if err != nil {
		return 0, fmt.Errorf("count open files: %w", err)
	}
	return len(entries), nil
}

func procName(pid int) string {
	if pid == 0 {
		return "self"
	}
	return strconv.Itoa(pid)
}

// statusField reads the number of a "Name:  value [kB]" line of
// /proc/PID/status.
func statusField(proc, name string) (int64, error) {
	path := filepath.Join("/proc", proc, "status")
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			fields := strings.Fields(v)
			if len(fields) == 0 {
				break
			}
			return strconv.ParseInt(fields[0], 10, 64)
		}
	}
	return 0, fmt.Errorf("%s: no %s line", path, name)
}

package lib

import (
	"os"
	"strconv"
	"strings"
)

// TCPSocketMinBuffers is the least memory the kernel keeps for one TCP
// socket: the minimum receive plus send buffer, read from
// /proc/sys/net/ipv4/tcp_rmem and tcp_wmem (their first field). It is 0
// where they cannot be read (not Linux).
func TCPSocketMinBuffers() int64 {
	var total int64
	for _, path := range []string{"/proc/sys/net/ipv4/tcp_rmem", "/proc/sys/net/ipv4/tcp_wmem"} {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return 0
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0
		}
		total += n
	}
	return total
}

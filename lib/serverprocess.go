package lib

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/gomeasure/concurrency/internal/proc"
)

// ServerEnv, set to a JSON ServerConfig, turns any binary that imports this
// package into a flag server process (see StartFlagServerProcess).
const ServerEnv = "GOMEASURE_FLAGSERVER"

// ServerProcess is a flag server running in a child process.
type ServerProcess struct {
	// URL is the server's base URL.
	URL   string
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// StartFlagServerProcess starts the flag server in a separate process — this
// same executable, started again with ServerEnv set — and returns once it
// listens. The experiments measure against it, as the Python tutorials measured
// against a server outside their program: the server's work does not
// compete inside the measured process (under GOMAXPROCS=1 or the emulated
// GIL, for instance), and each process keeps its own file descriptors — a
// client and a server of 10,000 connections in one process would need
// 20,000. The server stops when Close is called or this process dies.
func StartFlagServerProcess(cfg ServerConfig) (*ServerProcess, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("flag server process: find own executable: %w", err)
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), ServerEnv+"="+string(raw))
	proc.DieWithParent(cmd)
	var stderr proc.Tail
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start flag server process: %w", err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	url := strings.TrimSpace(line)
	if err != nil || !strings.HasPrefix(url, "http://") {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("flag server process did not start: %q %v%s", url, err, stderr.Suffix("stderr"))
	}
	return &ServerProcess{URL: url, cmd: cmd, stdin: stdin}, nil
}

// Pid is the server's process id, to read its resource use (see PeakRSS).
func (p *ServerProcess) Pid() int { return p.cmd.Process.Pid }

// Close stops the server process and waits for it.
func (p *ServerProcess) Close() error {
	p.stdin.Close() // the server exits when its input closes
	return p.cmd.Wait()
}

// serveFlagServerProcess is the child's side: serve until stdin closes.
func serveFlagServerProcess(rawCfg string) int {
	var cfg ServerConfig
	if err := json.Unmarshal([]byte(rawCfg), &cfg); err != nil {
		fmt.Fprintf(os.Stderr, "flag server process: bad config: %v\n", err)
		return 2
	}
	srv, err := StartFlagServer(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "flag server process: %v\n", err)
		return 1
	}
	fmt.Println(srv.URL)
	io.Copy(io.Discard, os.Stdin)
	srv.Close()
	return 0
}

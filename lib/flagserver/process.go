package flagserver

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/gomeasure/concurrency/internal/proc"
)

// The launcher lives here, beside the server, rather than in lib: both
// ends of the protocol between parent and child — the environment variable,
// the JSON Config, the URL on the child's first line of output, and stdin
// closing as the signal to stop — belong to the server, and the only
// plumbing it needs (a child that dies with its parent, the tail of its
// stderr) is internal/proc's, not lib's. What lib adds is the hook: a child
// must become a server before its main runs, and lib's init (lib/worker.go)
// is where every binary that measures already branches into its child
// processes, so it calls ServeIfChild. This package has no init of its own,
// so that lib's init stays the one place a child branches off, and it still
// restores the measuring GC target before the server starts.

// ProcessEnv, set to a JSON Config, turns a binary that calls ServeIfChild
// at start (every binary that imports lib does) into a flag server process
// (see StartProcess).
const ProcessEnv = "GOMEASURE_FLAGSERVER"

// Process is a flag server running in a child process.
type Process struct {
	// URL is the server's base URL.
	URL   string
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// StartProcess starts the flag server in a separate process — this
// same executable, started again with ProcessEnv set — and returns once it
// listens. The experiments measure against it, as the Python tutorials measured
// against a server outside their program: the server's work does not
// compete inside the measured process (under GOMAXPROCS=1 or the emulated
// GIL, for instance), and each process keeps its own file descriptors — a
// client and a server of 10,000 connections in one process would need
// 20,000. The server stops when Close is called or this process dies.
//
// The executable must call ServeIfChild before anything else; importing
// lib does that.
func StartProcess(cfg Config) (*Process, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	// A child whose executable never called ServeIfChild runs its main
	// instead of serving; refusing here keeps it from starting another
	// child, and another, and the parent reports its stderr.
	if os.Getenv(ProcessEnv) != "" {
		return nil, errors.New("flag server process: this process was started as a flag server but never called flagserver.ServeIfChild")
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("flag server process: find own executable: %w", err)
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("flag server process: encode config %+v: %w", cfg, err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), ProcessEnv+"="+string(raw))
	proc.DieWithParent(cmd)
	var stderr proc.Tail
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("flag server process %s: stdin: %w", exe, err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("flag server process %s: stdout: %w", exe, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start flag server process %s: %w", exe, err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	url := strings.TrimSpace(line)
	if err != nil || !strings.HasPrefix(url, "http://") {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("flag server process did not start: %q %v%s", url, err, stderr.Suffix("stderr"))
	}
	return &Process{URL: url, cmd: cmd, stdin: stdin}, nil
}

// Pid is the server's process id, to read its resource use (see lib.PeakRSS).
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Close stops the server process and waits for it.
func (p *Process) Close() error {
	p.stdin.Close() // the server exits when its input closes
	return p.cmd.Wait()
}

// ServeIfChild is the child's side of StartProcess. When ProcessEnv is set,
// it serves the flag server it describes until its input closes, and then
// exits the process; otherwise it returns at once. lib's init calls it
// (through lib.ServeIfChild), so a program that imports lib need not.
func ServeIfChild() {
	if raw := os.Getenv(ProcessEnv); raw != "" {
		os.Exit(serveProcess(raw))
	}
}

// serveProcess serves the flag server of the JSON Config rawCfg until
// stdin closes, and returns the process's exit code.
func serveProcess(rawCfg string) int {
	var cfg Config
	if err := json.Unmarshal([]byte(rawCfg), &cfg); err != nil {
		fmt.Fprintf(os.Stderr, "flag server process: bad config %q: %v\n", rawCfg, err)
		return 2
	}
	srv, err := Start(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "flag server process: %v\n", err)
		return 1
	}
	fmt.Println(srv.URL)
	io.Copy(io.Discard, os.Stdin)
	srv.Close()
	return 0
}

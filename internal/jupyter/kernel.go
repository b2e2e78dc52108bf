package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/internal/proc"
)

// Kernel is a running GoNB kernel.
type Kernel struct {
	cmd      *exec.Cmd
	conn     connection
	sign     signer
	session  string
	shell    zmq4.Socket
	control  zmq4.Socket
	iopub    zmq4.Socket
	cancel   context.CancelFunc
	iopubCh  chan *Message // every iopub message, in order
	shellCh  chan *Message // every shell reply, in order
	died     chan struct{} // closed when the kernel process exits
	exitErr  error
	displays map[string][]*nbformat.Output // outputs shown with a display_id, by id
	log      *proc.Tail                    // the kernel's stdout and stderr
	closed   sync.Once
	closeErr error
}

// KernelOptions say how to start a kernel.
type KernelOptions struct {
	// GoNB is the path of the gonb binary.
	GoNB string
	// Dir is the kernel's working directory: the notebook's folder. GoNB
	// calls it GONB_DIR, and cells run there.
	Dir string
	// PathDirs are put in front of PATH (the folder holding goimports).
	PathDirs []string
	// Env adds NAME=VALUE variables to the kernel's environment, which
	// the programs of its cells inherit.
	Env []string
}

// ErrNoWindows is what installing or starting the kernel says on Windows:
// the runner stops a cell by killing the Unix process group the kernel and
// its cells share, which Windows does not have.
var ErrNoWindows = errors.New("the GoNB kernel is not supported on Windows here: run the notebooks under WSL")

// StartKernel starts GoNB and waits until it answers kernel_info_request.
func StartKernel(ctx context.Context, opt KernelOptions) (*Kernel, error) {
	if runtime.GOOS == "windows" {
		return nil, ErrNoWindows
	}
	ports, err := freePorts(5)
	if err != nil {
		return nil, err
	}
	k := &Kernel{
		conn: connection{IP: "127.0.0.1", Transport: "tcp", ShellPort: ports[0], IOPubPort: ports[1], StdinPort: ports[2],
			ControlPort: ports[3], HBPort: ports[4], Key: newID(), SignatureScheme: "hmac-sha256", KernelName: "gonb"},
		session: newID(),
		iopubCh: make(chan *Message, 1024),
		shellCh: make(chan *Message, 16),
		died:    make(chan struct{}),
		log:     &proc.Tail{},
	}
	k.sign = signer{key: []byte(k.conn.Key)}
	dir, err := os.MkdirTemp("", "kernel-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) // the kernel reads the file at start
	connFile := filepath.Join(dir, "connection.json")
	raw, _ := json.Marshal(k.conn)
	if err := os.WriteFile(connFile, raw, 0o600); err != nil {
		return nil, err
	}

	// --raw_error: plain-text errors rather than HTML, for a program to read.
	k.cmd = exec.Command(opt.GoNB, "--kernel", connFile, "--raw_error")
	k.cmd.Dir = opt.Dir
	k.cmd.Env = append(withPath(os.Environ(), opt.PathDirs), opt.Env...)
	// Its own process group, so the kernel and every program it started
	// (compiled cells, go build) can be killed together; and the
	// parent-death signal, so a killed runner leaves no kernel behind.
	proc.NewGroup(k.cmd)
	proc.DieWithParent(k.cmd)
	k.cmd.Stdout, k.cmd.Stderr = k.log, k.log
	if err := k.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start kernel %s: %w", opt.GoNB, err)
	}
	go func() {
		k.exitErr = k.cmd.Wait()
		close(k.died)
	}()

	sctx, cancel := context.WithCancel(context.Background())
	k.cancel = cancel
	k.shell = zmq4.NewDealer(sctx, zmq4.WithID(zmq4.SocketIdentity(k.session)))
	k.control = zmq4.NewDealer(sctx)
	k.iopub = zmq4.NewSub(sctx)
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{k.shell, k.conn.ShellPort}, {k.control, k.conn.ControlPort}, {k.iopub, k.conn.IOPubPort}} {
		if err := dialRetry(ctx, d.s, k.conn.addr(d.port), k.died); err != nil {
			k.Close()
			return nil, fmt.Errorf("connect to kernel: %w%s", err, k.logSuffix())
		}
	}
	if err := k.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		k.Close()
		return nil, err
	}
	go k.receive(k.iopub, k.iopubCh)
	go k.receive(k.shell, k.shellCh)

	if err := k.handshake(ctx); err != nil {
		k.Close()
		return nil, err
	}
	return k, nil
}

// dialRetry connects, retrying while the kernel is still starting.
func dialRetry(ctx context.Context, s zmq4.Socket, addr string, died <-chan struct{}) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := s.Dial(addr)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-died:
			return errors.New("the kernel exited at start")
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("dial %s: %w", addr, err)
		}
	}
}

// handshake asks for kernel_info until the kernel answers: its sockets may
// not be listening yet when ours connect, and a request sent too early is
// lost, so it is sent again every two seconds.
func (k *Kernel) handshake(ctx context.Context) error {
	_, err := k.askKernelInfo(ctx, 90*time.Second, 2*time.Second, "the kernel did not answer kernel_info_request",
		func(m *Message, iopub bool, _ string) bool { return !iopub && m.Header.MsgType == "kernel_info_reply" })
	if err != nil {
		return err
	}
	return k.waitIOPub(ctx)
}

// waitIOPub makes sure iopub messages flow before the first execution,
// so no output of the first cell is lost: it asks for kernel_info again
// and waits for the status messages iopub publishes about it.
func (k *Kernel) waitIOPub(ctx context.Context) error {
	answered, err := k.askKernelInfo(ctx, 30*time.Second, 500*time.Millisecond, "no messages from the kernel's iopub socket",
		func(m *Message, iopub bool, reqID string) bool { return iopub && m.ParentHeader.MsgID == reqID })
	if err == nil {
		k.drain(answered)
	}
	return err
}

// askKernelInfo sends kernel_info_request every `every` until isAnswer
// accepts a message read from shell or iopub (the others are dropped), and
// returns the id of the request answered; or until limit passes (an error
// starting with silence), ctx ends or the kernel exits.
func (k *Kernel) askKernelInfo(ctx context.Context, limit, every time.Duration, silence string,
	isAnswer func(m *Message, iopub bool, reqID string) bool) (string, error) {
	deadline := time.After(limit)
	for {
		req, err := k.request(k.shell, "kernel_info_request", map[string]any{})
		if err != nil {
			return "", err
		}
		retry := time.After(every)
	wait:
		for {
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-k.died:
				return "", fmt.Errorf("the kernel exited at start: %v%s", k.exitErr, k.logSuffix())
			case <-deadline:
				return "", fmt.Errorf("%s in %v%s", silence, limit, k.logSuffix())
			case m := <-k.shellCh:
				if isAnswer(m, false, req.Header.MsgID) {
					return req.Header.MsgID, nil
				}
			case m := <-k.iopubCh:
				if isAnswer(m, true, req.Header.MsgID) {
					return req.Header.MsgID, nil
				}
			case <-retry:
				break wait
			}
		}
	}
}

// drain discards the rest of a request's iopub messages (until idle) and
// its shell reply, waiting at most a few seconds.
func (k *Kernel) drain(msgID string) {
	timeout := time.After(5 * time.Second)
	idle, replied := false, false
	for !(idle && replied) {
		select {
		case m := <-k.iopubCh:
			if m.ParentHeader.MsgID == msgID && m.Header.MsgType == "status" && strings.Contains(string(m.Content), `"idle"`) {
				idle = true
			}
		case m := <-k.shellCh:
			if m.ParentHeader.MsgID == msgID {
				replied = true
			}
		case <-timeout:
			return
		}
	}
}

// request sends a message on a socket and returns it.
func (k *Kernel) request(s zmq4.Socket, msgType string, content any) (*Message, error) {
	m, err := newMessage(k.session, msgType, content)
	if err != nil {
		return nil, err
	}
	frames, err := k.sign.frames(m)
	if err != nil {
		return nil, err
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return nil, fmt.Errorf("send %s: %w", msgType, err)
	}
	return m, nil
}

// receive reads messages from a socket until it is closed; messages with a
// bad signature are dropped, as the protocol requires.
func (k *Kernel) receive(s zmq4.Socket, out chan<- *Message) {
	for {
		raw, err := s.Recv()
		if err != nil {
			return
		}
		m, err := k.sign.parse(raw.Frames)
		if err != nil {
			continue
		}
		select {
		case out <- m:
		case <-k.died:
			return
		}
	}
}

// Pid is the kernel's process id.
func (k *Kernel) Pid() int { return k.cmd.Process.Pid }

package jupyter

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gomeasure/concurrency/internal/proc"
)

// Kill ends the kernel and every cell it runs at once (SIGKILL to its
// process group), then releases what Close releases: for a run that was
// cancelled, when no grace period is wanted.
func (k *Kernel) Kill() error {
	var err error
	if k.cmd.Process != nil {
		err = proc.KillGroup(k.cmd.Process)
	}
	return errors.Join(err, k.Close())
}

// Close shuts the kernel down: a shutdown_request, a short grace period,
// then SIGKILL to its whole process group. It is safe to call twice; the
// second call returns what the first did.
func (k *Kernel) Close() error {
	k.closed.Do(func() { k.closeErr = k.shutdown() })
	return k.closeErr
}

// shutdown is Close's work. It reports a request that could not be sent
// to a live kernel, a group that could not be killed and a socket that did
// not close; the kernel's exit status is not an error, since it is killed.
func (k *Kernel) shutdown() error {
	var errs []error
	if k.control != nil && !k.exited() {
		if _, err := k.request(k.control, "shutdown_request", map[string]any{"restart": false}); err != nil && !k.exited() {
			errs = append(errs, fmt.Errorf("ask the kernel to shut down: %w", err))
		}
	}
	select {
	case <-k.died:
	case <-time.After(3 * time.Second):
	}
	if k.cmd.Process != nil {
		errs = append(errs, proc.KillGroup(k.cmd.Process)) // the group: kernel and cells
	}
	<-k.died
	if k.cancel != nil {
		k.cancel()
	}
	for _, s := range []zmq4.Socket{k.shell, k.control, k.iopub} {
		if s == nil {
			continue
		}
		if err := s.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			errs = append(errs, fmt.Errorf("close kernel socket: %w", err))
		}
	}
	return errors.Join(errs...)
}

// exited reports whether the kernel process has ended.
func (k *Kernel) exited() bool {
	select {
	case <-k.died:
		return true
	default:
		return false
	}
}

// logSuffix ends an error message with the kernel's last log line.
func (k *Kernel) logSuffix() string { return k.log.Suffix("kernel log") }

package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gomeasure/concurrency/notebooks/nbformat"
)

// Execution is what running one cell produced.
type Execution struct {
	Count   int                // the kernel's execution count
	Outputs []*nbformat.Output // in the order the kernel sent them
	Error   *nbformat.Output   // the error output, if the cell failed
}

// ErrTimeout is returned for a cell that ran past its time limit; the
// kernel was asked to interrupt it.
var ErrTimeout = errors.New("cell timed out")

// ErrKernelDied is returned when the kernel process exits mid-cell.
var ErrKernelDied = errors.New("the kernel died")

// Execute runs code in the kernel and collects its outputs. A cell that runs
// longer than timeout (0: no limit) is interrupted and ErrTimeout returned.
// When ctx is cancelled Execute returns at once with ctx's error, leaving
// the cell running: end it with Kill or Close.
func (k *Kernel) Execute(ctx context.Context, code string, timeout time.Duration) (*Execution, error) {
	req, err := k.request(k.shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		return nil, err
	}
	id := req.Header.MsgID
	var limit <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		limit = t.C
	}
	ex := &Execution{}
	var (
		idle, replied bool
		stopErr       error // set once we have asked the kernel to interrupt
		clearPending  bool  // clear_output(wait=True): clear at the next output
		grace         <-chan time.Time
	)
	add := func(o *nbformat.Output) {
		if clearPending {
			ex.Outputs, clearPending = nil, false
		}
		// Consecutive writes to one stream become one output, as in Jupyter.
		if o.OutputType == "stream" && len(ex.Outputs) > 0 {
			if last := ex.Outputs[len(ex.Outputs)-1]; last.OutputType == "stream" && last.Name == o.Name {
				last.Text += o.Text
				return
			}
		}
		ex.Outputs = append(ex.Outputs, o)
	}
	interrupt := func(why error) {
		if stopErr == nil {
			stopErr = why
			k.request(k.control, "interrupt_request", map[string]any{})
			grace = time.After(10 * time.Second)
		}
	}
	for !(idle && replied) {
		select {
		case <-k.died:
			return ex, fmt.Errorf("%w: %v%s", ErrKernelDied, k.exitErr, k.logSuffix())
		case <-ctx.Done():
			// The caller gives up on the cell and its notebook: there is no
			// output to save, so no point waiting for a graceful interrupt.
			// Close (or Kill) ends the kernel and the cell's process.
			return ex, ctx.Err()
		case <-limit:
			interrupt(fmt.Errorf("%w after %v and was interrupted", ErrTimeout, timeout))
		case <-grace:
			return ex, fmt.Errorf("%w; the kernel did not stop within 10 s of the interrupt", stopErr)
		case m := <-k.shellCh:
			if m.ParentHeader.MsgID != id || m.Header.MsgType != "execute_reply" {
				continue
			}
			replied = true
			var reply struct {
				ExecutionCount int `json:"execution_count"`
			}
			json.Unmarshal(m.Content, &reply)
			if reply.ExecutionCount > 0 {
				ex.Count = reply.ExecutionCount
			}
		case m := <-k.iopubCh:
			if m.ParentHeader.MsgID != id {
				continue
			}
			o, err := output(m)
			if err != nil {
				return ex, err
			}
			switch {
			case m.Header.MsgType == "status":
				var st struct {
					State string `json:"execution_state"`
				}
				json.Unmarshal(m.Content, &st)
				idle = st.State == "idle"
			case m.Header.MsgType == "execute_input":
				var in struct {
					ExecutionCount int `json:"execution_count"`
				}
				json.Unmarshal(m.Content, &in)
				ex.Count = in.ExecutionCount
			case m.Header.MsgType == "clear_output":
				var c struct {
					Wait bool `json:"wait"`
				}
				json.Unmarshal(m.Content, &c)
				if c.Wait {
					clearPending = true
				} else {
					ex.Outputs = nil
				}
			case o != nil:
				add(o)
				if o.OutputType == "error" && ex.Error == nil {
					ex.Error = o
				}
			}
		}
	}
	if stopErr != nil {
		return ex, stopErr
	}
	return ex, nil
}

// output converts an iopub message into a notebook output, or nil for
// messages that are not outputs.
func output(m *Message) (*nbformat.Output, error) {
	switch m.Header.MsgType {
	case "stream":
		var c struct {
			Name string `json:"name"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(m.Content, &c); err != nil {
			return nil, fmt.Errorf("stream message: %w", err)
		}
		return &nbformat.Output{OutputType: "stream", Name: c.Name, Text: c.Text}, nil
	case "display_data", "execute_result", "update_display_data":
		var c struct {
			Data           map[string]json.RawMessage `json:"data"`
			Metadata       json.RawMessage            `json:"metadata"`
			ExecutionCount *int                       `json:"execution_count"`
		}
		if err := json.Unmarshal(m.Content, &c); err != nil {
			return nil, fmt.Errorf("%s message: %w", m.Header.MsgType, err)
		}
		o := &nbformat.Output{OutputType: "display_data", Data: c.Data, Metadata: c.Metadata}
		if m.Header.MsgType == "execute_result" {
			o.OutputType, o.ExecutionCount = "execute_result", c.ExecutionCount
		}
		return o, nil
	case "error":
		var c struct {
			EName     string   `json:"ename"`
			EValue    string   `json:"evalue"`
			Traceback []string `json:"traceback"`
		}
		if err := json.Unmarshal(m.Content, &c); err != nil {
			return nil, fmt.Errorf("error message: %w", err)
		}
		return &nbformat.Output{OutputType: "error", EName: c.EName, EValue: c.EValue, Traceback: c.Traceback}, nil
	}
	return nil, nil
}

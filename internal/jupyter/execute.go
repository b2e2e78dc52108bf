package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gomeasure/concurrency/internal/nbformat"
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
// the cell running: end it with Kill or Close. Cells run one at a time:
// Execute is not safe for concurrent use.
func (k *Kernel) Execute(ctx context.Context, code string, timeout time.Duration) (*Execution, error) {
	req, err := k.request(k.shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		return nil, err
	}
	var limit <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		limit = t.C
	}
	c := &cellRun{k: k, id: req.Header.MsgID, ex: &Execution{}}
	for !(c.idle && c.replied) {
		select {
		case <-k.died:
			return c.ex, fmt.Errorf("%w: %v%s", ErrKernelDied, k.exitErr, k.logSuffix())
		case <-ctx.Done():
			// The caller gives up on the cell and its notebook: there is no
			// output to save, so no point waiting for a graceful interrupt.
			// Close (or Kill) ends the kernel and the cell's process.
			return c.ex, ctx.Err()
		case <-limit:
			c.interrupt(fmt.Errorf("%w after %v and was interrupted", ErrTimeout, timeout))
		case <-c.grace:
			return c.ex, fmt.Errorf("%w; the kernel did not stop within 10 s of the interrupt", c.stopErr)
		case m := <-k.shellCh:
			if m.ParentHeader.MsgID == c.id && m.Header.MsgType == "execute_reply" {
				c.onExecuteReply(m)
			}
		case m := <-k.iopubCh:
			if err := c.onIOPub(m); err != nil {
				return c.ex, err
			}
		}
	}
	return c.ex, c.stopErr
}

// cellRun is the state of one Execute: what the cell produced so far and
// where the exchange with the kernel stands.
type cellRun struct {
	k             *Kernel
	id            string // the execute_request's message id
	ex            *Execution
	idle, replied bool             // the kernel said idle; the execute_reply came
	clearPending  bool             // clear_output(wait=True): clear at the next output
	stopErr       error            // set once we have asked the kernel to interrupt
	grace         <-chan time.Time // how long an interrupted cell may take to stop
}

// iopubHandlers has one handler per iopub message type a cell's outputs
// are made of; the others (comm messages, for instance) are ignored.
var iopubHandlers = map[string]func(*cellRun, *Message) error{
	"status":              (*cellRun).onStatus,
	"execute_input":       (*cellRun).onExecuteInput,
	"clear_output":        (*cellRun).onClearOutput,
	"stream":              (*cellRun).onStream,
	"display_data":        (*cellRun).onDisplay,
	"execute_result":      (*cellRun).onDisplay,
	"update_display_data": (*cellRun).onUpdateDisplay,
	"error":               (*cellRun).onError,
}

// onIOPub hands an iopub message about this cell to the handler of its type.
func (c *cellRun) onIOPub(m *Message) error {
	handle := iopubHandlers[m.Header.MsgType]
	if m.ParentHeader.MsgID != c.id || handle == nil {
		return nil
	}
	return handle(c, m)
}

// interrupt asks the kernel, once, to interrupt the cell, and gives it a
// grace period to stop.
func (c *cellRun) interrupt(why error) {
	if c.stopErr == nil {
		c.stopErr = why
		c.k.request(c.k.control, "interrupt_request", map[string]any{})
		c.grace = time.After(10 * time.Second)
	}
}

// onExecuteReply records the shell's answer: the cell's execution count.
func (c *cellRun) onExecuteReply(m *Message) {
	c.replied = true
	var reply struct {
		ExecutionCount int `json:"execution_count"`
	}
	json.Unmarshal(m.Content, &reply)
	if reply.ExecutionCount > 0 {
		c.ex.Count = reply.ExecutionCount
	}
}

// onStatus notes when the kernel has finished with the cell.
func (c *cellRun) onStatus(m *Message) error {
	var st struct {
		State string `json:"execution_state"`
	}
	json.Unmarshal(m.Content, &st)
	c.idle = st.State == "idle"
	return nil
}

// onExecuteInput takes the execution count the kernel announces.
func (c *cellRun) onExecuteInput(m *Message) error {
	var in struct {
		ExecutionCount int `json:"execution_count"`
	}
	json.Unmarshal(m.Content, &in)
	c.ex.Count = in.ExecutionCount
	return nil
}

// onClearOutput clears the cell's outputs now, or before the next one
// when the kernel asks to wait.
func (c *cellRun) onClearOutput(m *Message) error {
	var cl struct {
		Wait bool `json:"wait"`
	}
	json.Unmarshal(m.Content, &cl)
	if cl.Wait {
		c.clearPending = true
	} else {
		c.ex.Outputs = nil
	}
	return nil
}

// onStream adds text written to stdout or stderr.
func (c *cellRun) onStream(m *Message) error {
	var s struct {
		Name string `json:"name"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(m.Content, &s); err != nil {
		return fmt.Errorf("stream message: %w", err)
	}
	c.add(&nbformat.Output{OutputType: "stream", Name: s.Name, Text: s.Text})
	return nil
}

// displayContent is the content of display_data, execute_result and
// update_display_data messages.
type displayContent struct {
	Data           map[string]json.RawMessage `json:"data"`
	Metadata       json.RawMessage            `json:"metadata"`
	ExecutionCount *int                       `json:"execution_count"`
	Transient      struct {
		DisplayID string `json:"display_id"`
	} `json:"transient"`
}

func decodeDisplay(m *Message) (displayContent, error) {
	var d displayContent
	if err := json.Unmarshal(m.Content, &d); err != nil {
		return d, fmt.Errorf("%s message: %w", m.Header.MsgType, err)
	}
	return d, nil
}

// onDisplay adds a rich output. One that carries a display_id also
// replaces the earlier outputs shown with that id, as Jupyter does.
func (c *cellRun) onDisplay(m *Message) error {
	d, err := decodeDisplay(m)
	if err != nil {
		return err
	}
	c.k.updateDisplay(d)
	o := &nbformat.Output{OutputType: "display_data", Data: d.Data, Metadata: d.Metadata}
	if m.Header.MsgType == "execute_result" {
		o.OutputType, o.ExecutionCount = "execute_result", d.ExecutionCount
	}
	c.add(o)
	if id := d.Transient.DisplayID; id != "" {
		if c.k.displays == nil {
			c.k.displays = map[string][]*nbformat.Output{}
		}
		c.k.displays[id] = append(c.k.displays[id], o)
	}
	return nil
}

// onUpdateDisplay replaces, in place, every output shown earlier with the
// message's display_id — in this cell or an earlier one — and adds no
// output of its own, as Jupyter does. An update for an id never shown
// changes nothing.
func (c *cellRun) onUpdateDisplay(m *Message) error {
	d, err := decodeDisplay(m)
	if err != nil {
		return err
	}
	c.k.updateDisplay(d)
	return nil
}

// updateDisplay gives the outputs shown with d's display_id d's data.
func (k *Kernel) updateDisplay(d displayContent) {
	if d.Transient.DisplayID == "" {
		return
	}
	for _, o := range k.displays[d.Transient.DisplayID] {
		o.Data, o.Metadata = d.Data, d.Metadata
	}
}

// onError adds the error output; the first one is the cell's Error.
func (c *cellRun) onError(m *Message) error {
	var e struct {
		EName     string   `json:"ename"`
		EValue    string   `json:"evalue"`
		Traceback []string `json:"traceback"`
	}
	if err := json.Unmarshal(m.Content, &e); err != nil {
		return fmt.Errorf("error message: %w", err)
	}
	o := &nbformat.Output{OutputType: "error", EName: e.EName, EValue: e.EValue, Traceback: e.Traceback}
	c.add(o)
	if c.ex.Error == nil {
		c.ex.Error = o
	}
	return nil
}

// add appends an output, first clearing the cell if a clear is pending.
func (c *cellRun) add(o *nbformat.Output) {
	if c.clearPending {
		c.ex.Outputs, c.clearPending = nil, false
	}
	// Consecutive writes to one stream become one output, as in Jupyter.
	if o.OutputType == "stream" && len(c.ex.Outputs) > 0 {
		if last := c.ex.Outputs[len(c.ex.Outputs)-1]; last.OutputType == "stream" && last.Name == o.Name {
			last.Text += o.Text
			return
		}
	}
	c.ex.Outputs = append(c.ex.Outputs, o)
}

package jupyter

import (
	"encoding/json"
	"testing"

	"github.com/gomeasure/concurrency/internal/nbformat"
)

// iopub makes an iopub message of the given type about cell id.
func iopub(id, msgType, content string) *Message {
	return &Message{Header: Header{MsgType: msgType}, ParentHeader: Header{MsgID: id}, Content: json.RawMessage(content)}
}

// plain returns an output's text/plain, or "" for a stream's text.
func plain(o *nbformat.Output) string {
	if o.OutputType == "stream" {
		return o.Name + ":" + o.Text
	}
	s, _ := o.DataText("text/plain")
	return s
}

func TestCellOutputsFollowJupyter(t *testing.T) {
	tests := []struct {
		name string
		msgs []*Message
		want []string // text/plain of each output, or stream:text
	}{
		{"streams merge", []*Message{
			iopub("c", "stream", `{"name":"stdout","text":"a"}`),
			iopub("c", "stream", `{"name":"stdout","text":"b"}`),
			iopub("c", "stream", `{"name":"stderr","text":"c"}`),
		}, []string{"stdout:ab", "stderr:c"}},
		{"update replaces the output with its display_id", []*Message{
			iopub("c", "display_data", `{"data":{"text/plain":"0%"},"metadata":{},"transient":{"display_id":"p"}}`),
			iopub("c", "stream", `{"name":"stdout","text":"working"}`),
			iopub("c", "update_display_data", `{"data":{"text/plain":"50%"},"metadata":{},"transient":{"display_id":"p"}}`),
			iopub("c", "update_display_data", `{"data":{"text/plain":"100%"},"metadata":{},"transient":{"display_id":"p"}}`),
		}, []string{"100%", "stdout:working"}},
		{"update of an id never shown adds nothing", []*Message{
			iopub("c", "display_data", `{"data":{"text/plain":"kept"},"metadata":{}}`),
			iopub("c", "update_display_data", `{"data":{"text/plain":"lost"},"metadata":{},"transient":{"display_id":"nope"}}`),
		}, []string{"kept"}},
		{"a new display with the id updates the earlier one too", []*Message{
			iopub("c", "display_data", `{"data":{"text/plain":"old"},"metadata":{},"transient":{"display_id":"p"}}`),
			iopub("c", "display_data", `{"data":{"text/plain":"new"},"metadata":{},"transient":{"display_id":"p"}}`),
		}, []string{"new", "new"}},
		{"clear with wait clears at the next output", []*Message{
			iopub("c", "display_data", `{"data":{"text/plain":"first"},"metadata":{}}`),
			iopub("c", "clear_output", `{"wait":true}`),
			iopub("c", "display_data", `{"data":{"text/plain":"second"},"metadata":{}}`),
		}, []string{"second"}},
		{"messages about another cell are ignored", []*Message{
			iopub("other", "display_data", `{"data":{"text/plain":"x"},"metadata":{}}`),
			iopub("c", "comm_msg", `{}`),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &cellRun{k: &Kernel{}, id: "c", ex: &Execution{}}
			for _, m := range tt.msgs {
				if err := c.onIOPub(m); err != nil {
					t.Fatalf("%s: %v", m.Header.MsgType, err)
				}
			}
			var got []string
			for _, o := range c.ex.Outputs {
				got = append(got, plain(o))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("outputs %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("output %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// An update sent while a later cell runs replaces the output of the
// earlier cell that showed it, as in Jupyter.
func TestUpdateDisplayReachesAnEarlierCell(t *testing.T) {
	k := &Kernel{}
	first := &cellRun{k: k, id: "1", ex: &Execution{}}
	if err := first.onIOPub(iopub("1", "display_data", `{"data":{"text/plain":"waiting"},"metadata":{},"transient":{"display_id":"p"}}`)); err != nil {
		t.Fatal(err)
	}
	second := &cellRun{k: k, id: "2", ex: &Execution{}}
	if err := second.onIOPub(iopub("2", "update_display_data", `{"data":{"text/plain":"done"},"metadata":{},"transient":{"display_id":"p"}}`)); err != nil {
		t.Fatal(err)
	}
	if len(second.ex.Outputs) != 0 {
		t.Errorf("the update added outputs to the second cell: %d", len(second.ex.Outputs))
	}
	if got := plain(first.ex.Outputs[0]); got != "done" {
		t.Errorf("first cell's output = %q, want the update, %q", got, "done")
	}
}

func TestMalformedOutputMessagesAreErrors(t *testing.T) {
	for _, typ := range []string{"stream", "display_data", "execute_result", "update_display_data", "error"} {
		c := &cellRun{k: &Kernel{}, id: "c", ex: &Execution{}}
		if err := c.onIOPub(iopub("c", typ, `[1,2]`)); err == nil {
			t.Errorf("%s with a malformed content: no error", typ)
		}
	}
}

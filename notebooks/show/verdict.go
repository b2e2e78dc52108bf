package show

import (
	"fmt"
	"html"
	"strconv"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/gomeasure/concurrency/lib/claim"
)

// MIMEJSON is the type under which a verdict's JSON travels, so tools can
// count a notebook's verdicts: {"claim": …, "held": …, "evidence": …}.
const MIMEJSON = "application/json"

// displayVerdict sends one verdict as a single display output. GoNB's pipe
// carries only a few value types (strings, and maps of strings among
// them), so "held" leaves as the string "true" or "false"; the project's
// runner turns it back into a JSON boolean when it saves the notebook, and
// every reader accepts both.
var displayVerdict = func(v claim.Verdict) {
	stdoutDelivered()
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		MIMEJSON: map[string]string{
			"claim": v.Claim, "held": strconv.FormatBool(v.Held), "evidence": v.Evidence,
		},
		protocol.MIMETextPlain: v.String(),
		protocol.MIMETextHTML:  verdictHTML(v),
	}})
	gonbui.Sync()
}

// Verdict shows whether a claim held on this run, right under the figure
// or table it is about: ✔ held, or ✘ did not hold on this machine, with
// the numbers that decided it. Outside a notebook it prints one line.
func Verdict(vs ...claim.Verdict) {
	for _, v := range vs {
		if !inNotebook() {
			fmt.Fprintln(Out, v.String())
			continue
		}
		displayVerdict(v)
	}
}

// verdictHTML is the verdict for front ends that render HTML (Jupyter,
// VS Code): the mark and the words say it, not only the colour.
func verdictHTML(v claim.Verdict) string {
	mark, word, colour := "✔", "held", "#1b7f3b"
	if !v.Held {
		mark, word, colour = "✘", "did not hold on this machine", "#b00020"
	}
	return fmt.Sprintf(`<div class="claim" style="border-left:4px solid %s;padding:2px 8px;margin:4px 0">`+
		`<strong style="color:%s">%s %s:</strong> %s<br><small>%s</small></div>`,
		colour, colour, mark, word, html.EscapeString(v.Claim), html.EscapeString(v.Evidence))
}

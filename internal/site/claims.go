package site

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib/claim"
)

// verdict is a claim checked by the run that made a notebook's outputs:
// one display output whose application/json is {"claim", "held",
// "evidence"} (package lib/claim, shown by notebooks/show.Verdict).
type verdict struct {
	Claim    string
	Held     bool
	Evidence string
	ID       string // the badge's element id on its page
}

// parseVerdict reads a claim verdict from a display output, if it is one,
// with lib/claim's own reader (which also takes held as a string, the form
// GoNB sends, and the document wrapped in a JSON string).
func parseVerdict(o *nbformat.Output) (verdict, bool) {
	raw, ok := o.Data["application/json"]
	if !ok {
		return verdict{}, false
	}
	v, ok := claim.Parse(raw)
	if !ok {
		return verdict{}, false // not a verdict: shown as any output
	}
	return verdict{Claim: v.Claim, Held: v.Held, Evidence: v.Evidence}, true
}

// verdictHTML renders a verdict as a badge: the mark, the word and the
// colour all say whether it held, so no reader depends on colour alone.
func verdictHTML(v verdict) template.HTML {
	view := verdictView{Class: "claim-held", ID: v.ID, Mark: "✔", Word: "Held",
		Claim: terminalText(v.Claim), Evidence: strings.TrimSpace(terminalText(v.Evidence))}
	if !v.Held {
		view.Class, view.Mark, view.Word = "claim-failed", "✘", "Did not hold on this machine"
	}
	view.Label = strings.ToLower(view.Word)
	return partial("verdict", view)
}

// claimCount sums up a page's verdicts for its header and the index.
type claimCount struct {
	Total, Held, Failed int
	FirstFailed         string // id of the first badge that did not hold
}

func countClaims(vs []verdict) claimCount {
	var c claimCount
	for _, v := range vs {
		c.Total++
		if v.Held {
			c.Held++
		} else {
			c.Failed++
			if c.FirstFailed == "" {
				c.FirstFailed = v.ID
			}
		}
	}
	return c
}

// String is the count in words: "12 claims checked: 11 held, 1 did not".
func (c claimCount) String() string {
	switch {
	case c.Total == 0:
		return ""
	case c.Failed == 0 && c.Total == 1:
		return "1 claim checked: it held"
	case c.Failed == 0:
		return fmt.Sprintf("%d claims checked: all held", c.Total)
	case c.Held == 0 && c.Total == 1:
		return "1 claim checked: it did not hold"
	case c.Held == 0:
		return fmt.Sprintf("%d claims checked: none held", c.Total)
	}
	// Here both counts are at least 1, so the total is plural.
	return fmt.Sprintf("%d claims checked: %d held, %d did not", c.Total, c.Held, c.Failed)
}

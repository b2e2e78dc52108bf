package jupyter

import (
	"encoding/json"

	"github.com/gomeasure/concurrency/internal/nbformat"
	"github.com/gomeasure/concurrency/lib/claim"
)

// normaliseVerdict rewrites a verdict output's JSON in standard form —
// "held" a boolean, not the string GoNB's pipe carries — so tools that
// count verdicts in a saved notebook need no special case.
func normaliseVerdict(o *nbformat.Output) {
	raw, ok := o.Data["application/json"]
	if !ok {
		return
	}
	if v, ok := claim.Parse(raw); ok {
		if std, err := json.Marshal(v); err == nil {
			o.Data["application/json"] = std
		}
	}
}

// Verdicts lists the claim verdicts a notebook's outputs carry, in order.
func Verdicts(nb *nbformat.Notebook) []claim.Verdict {
	var out []claim.Verdict
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if raw, ok := o.Data["application/json"]; ok {
				if v, ok := claim.Parse(raw); ok {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

package claim

import (
	"encoding/json"
	"strings"
)

// Parse reads a verdict from the application/json value of a notebook
// output. It accepts "held" as a JSON boolean or as the string "true" or
// "false" in any case, the form GoNB delivers (see notebooks/show), and
// the whole document as a JSON string holding it, as some front ends save
// it. ok is false for JSON that is not a verdict.
func Parse(raw []byte) (v Verdict, ok bool) {
	var doc string
	if json.Unmarshal(raw, &doc) == nil {
		raw = []byte(doc)
	}
	var f struct {
		Claim    *string         `json:"claim"`
		Held     json.RawMessage `json:"held"`
		Evidence string          `json:"evidence"`
	}
	if json.Unmarshal(raw, &f) != nil || f.Claim == nil || len(f.Held) == 0 {
		return Verdict{}, false
	}
	var held bool
	if json.Unmarshal(f.Held, &held) != nil {
		var s string
		if json.Unmarshal(f.Held, &s) != nil {
			return Verdict{}, false
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			held = true
		case "false":
		default:
			return Verdict{}, false
		}
	}
	return Verdict{Claim: *f.Claim, Held: held, Evidence: f.Evidence}, true
}

// MarshalJSON is the verdict's JSON, the standard one: "held" a boolean.
func (v Verdict) MarshalJSON() ([]byte, error) {
	type plain Verdict
	return json.Marshal(plain(v))
}

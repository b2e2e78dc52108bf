package claim

import (
	"encoding/json"
	"strconv"
)

// Parse reads a verdict from the application/json value of a notebook
// output. It accepts "held" as a JSON boolean or as the string "true" or
// "false", the form GoNB delivers (see notebooks/show). ok is false for
// JSON that is not a verdict.
func Parse(raw []byte) (v Verdict, ok bool) {
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
		b, err := strconv.ParseBool(s)
		if err != nil {
			return Verdict{}, false
		}
		held = b
	}
	return Verdict{Claim: *f.Claim, Held: held, Evidence: f.Evidence}, true
}

// MarshalJSON is the verdict's JSON, the standard one: "held" a boolean.
func (v Verdict) MarshalJSON() ([]byte, error) {
	type plain Verdict
	return json.Marshal(plain(v))
}

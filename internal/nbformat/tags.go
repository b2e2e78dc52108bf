package nbformat

import "encoding/json"

// Tags returns the cell's Jupyter tags (metadata.tags), or nil. Tags steer
// the tools: "parameters" marks the cell `notebooks run --param` injects
// after, "hide-output" folds a cell's outputs on the site.
func (c *Cell) Tags() []string {
	var md struct {
		Tags []string `json:"tags"`
	}
	if len(c.Metadata) == 0 || json.Unmarshal(c.Metadata, &md) != nil {
		return nil
	}
	return md.Tags
}

// HasTag reports whether the cell carries the tag.
func (c *Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gomeasure/concurrency/internal/jupyter"
	"github.com/gomeasure/concurrency/internal/nbformat"
)

// claimTally counts the verdicts of executed notebooks and keeps the
// claims that did not hold, with the chapter they are in.
type claimTally struct {
	held, total int
	failed      []string // "chapter 4: 'claim' (evidence)"
	chapters    int      // notebooks read
}

// tallyClaims reads the claim verdicts saved in the notebooks at paths.
func tallyClaims(paths []string) (claimTally, error) {
	var t claimTally
	for _, p := range paths {
		nb, err := nbformat.ReadFile(p)
		if err != nil {
			return t, err
		}
		t.chapters++
		chapter, _, _ := strings.Cut(filepath.Base(p), "-")
		for _, v := range jupyter.Verdicts(nb) {
			t.total++
			if v.Held {
				t.held++
				continue
			}
			t.failed = append(t.failed, fmt.Sprintf("chapter %s: '%s' (%s)", strings.TrimLeft(chapter, "0"), v.Claim, v.Evidence))
		}
	}
	return t, nil
}

// write prints the summary: "41 claims: 40 held, 1 did not — chapter 4:
// 'processes scale once start-up is paid' (…)", one failed claim a line.
func (t claimTally) write(w io.Writer) {
	did := len(t.failed)
	fmt.Fprintf(w, "%s in %s: %d held, %d did not", plural(t.total, "claim"), plural(t.chapters, "chapter"), t.held, did)
	switch did {
	case 0:
		fmt.Fprintln(w)
	case 1:
		fmt.Fprintf(w, " — %s\n", t.failed[0])
	default:
		fmt.Fprintln(w, ":")
		for _, f := range t.failed {
			fmt.Fprintf(w, "  ✘ %s\n", f)
		}
	}
}

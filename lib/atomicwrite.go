package lib

import (
	"fmt"

	"github.com/google/renameio/v2/maybe"
)

// WriteFileAtomic writes data to path atomically with renameio: a
// temporary file, fsynced, then renamed over path, so readers see the old
// file or the new one, never half of one, even after a crash. (On Windows,
// where renameio cannot replace a file atomically, it writes in place.)
func WriteFileAtomic(path string, data []byte) error {
	if err := maybe.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

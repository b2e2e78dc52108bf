//go:build !linux

package show

import "os"

// unread cannot tell off Linux: displays there do not wait for printed
// text, and may rarely be saved above it.
func unread(*os.File) (int, bool) { return 0, false }

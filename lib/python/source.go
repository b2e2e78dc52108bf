package python

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

// Files lists the tutorial's Python programs, the files Source reads: the
// same embedded bytes the Python models write out and run, so a chapter
// that shows one shows exactly what was measured.
func Files() []string {
	names, _ := fs.Glob(programs, "*.py")
	return names
}

// Source returns a Python program of this package by file name
// ("models.py"), as it is embedded and run.
func Source(file string) (string, error) {
	b, err := programs.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("python source %q: no such program (have %s)", file, strings.Join(Files(), ", "))
	}
	return string(b), nil
}

// Block returns one top-level definition of a Python program — a def,
// async def or class, or an assignment such as KINDS = {...} — with the
// comment lines and decorators directly above it, as it stands in the
// file. It ends before the next line that starts in column 0 (other than a
// closing bracket), with trailing blank lines removed.
func Block(file, name string) (string, error) {
	src, err := Source(file)
	if err != nil {
		return "", err
	}
	if !identifier.MatchString(name) {
		return "", fmt.Errorf("python source %s: %q is not a Python name, so no top-level definition has it", file, name)
	}
	head := regexp.MustCompile(`^(?:(?:async\s+)?def|class)\s+` + regexp.QuoteMeta(name) + `\b|^` + regexp.QuoteMeta(name) + `\s*[:=]`)
	lines := strings.Split(src, "\n")
	start := -1
	for i, l := range lines {
		if head.MatchString(l) {
			start = i
			break
		}
	}
	if start < 0 {
		return "", fmt.Errorf("python source %s: no top-level definition named %q", file, name)
	}
	end := start + 1
	for end < len(lines) && !endsBlock(lines[end]) {
		end++
	}
	for end > start+1 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	// Comments and decorators that belong to the definition sit right above it.
	for start > 0 && (strings.HasPrefix(lines[start-1], "#") || strings.HasPrefix(lines[start-1], "@")) {
		start--
	}
	return strings.Join(lines[start:end], "\n"), nil
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// endsBlock reports a line that starts the next top-level statement.
func endsBlock(l string) bool {
	if l == "" || l[0] == ' ' || l[0] == '\t' {
		return false
	}
	return !strings.ContainsRune(")]}", rune(l[0]))
}

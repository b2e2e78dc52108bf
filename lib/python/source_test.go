package python

import (
	"strings"
	"testing"
)

func TestBlock(t *testing.T) {
	tests := []struct {
		file, name  string
		first, last string // the block's first and last lines
	}{
		{"models.py", "threads", "def threads(todo, workers):", "    return out"},
		{"models.py", "processes", "def processes(todo, workers):", "        return list(pool.map(in_process, todo))"},
		{"models.py", "_gather", "async def _gather(todo, workers):", "        return await asyncio.gather(*(one(t) for t in todo))"},
		{"models.py", "MODELS", "MODELS = {", "}"},
		{"tasks.py", "sumsquares", "def sumsquares(n):", `    return str(sum(i * i for i in range(n)))`},
		{"tasks.py", "_local", "# requests.Session is not safe to share between threads (the guide to", "_local = threading.local()"},
	}
	for _, tt := range tests {
		t.Run(tt.file+":"+tt.name, func(t *testing.T) {
			got, err := Block(tt.file, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(got, "\n")
			if lines[0] != tt.first || lines[len(lines)-1] != tt.last {
				t.Errorf("Block(%s, %s) runs from %q to %q, want %q to %q", tt.file, tt.name, lines[0], lines[len(lines)-1], tt.first, tt.last)
			}
			src, _ := Source(tt.file)
			if !strings.Contains(src, got) {
				t.Errorf("Block(%s, %s) is not a verbatim part of the file", tt.file, tt.name)
			}
		})
	}
}

func TestBlockErrors(t *testing.T) {
	for _, tt := range []struct{ file, name, want string }{
		{"nope.py", "x", "no such program"},
		{"models.py", "nope", `no top-level definition named "nope"`},
		{"models.py", "timed(", `not a Python name`},
		{"models.py", "work", `no top-level definition`}, // nested, not top-level
	} {
		if _, err := Block(tt.file, tt.name); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Block(%q, %q) = %v, want an error containing %q", tt.file, tt.name, err, tt.want)
		}
	}
}

func TestFilesAndSource(t *testing.T) {
	files := Files()
	if !strings.Contains(strings.Join(files, " "), "models.py") {
		t.Fatalf("Files() = %v, want models.py among them", files)
	}
	for _, f := range files {
		if src, err := Source(f); err != nil || src == "" {
			t.Errorf("Source(%s) = %d bytes, %v", f, len(src), err)
		}
	}
}

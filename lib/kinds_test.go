package lib

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkerProcessKnowsEveryBuiltinKind starts this test binary as a
// worker, the way Processes does, and sends it one task of every built-in
// kind. Each arg is a JSON array, which no kind accepts, so every kind
// answers with its own decoding error without doing any work. A worker
// that entered its loop before the kinds were ready — the ordering bug of
// a table filled by init functions — would answer "unknown kind" instead.
func TestWorkerProcessKnowsEveryBuiltinKind(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()

	in := bufio.NewReader(stdout)
	var hello wireResult
	if err := readLine(in, &hello); err != nil || !hello.Ready {
		t.Fatalf("worker did not say it was ready: %+v, %v", hello, err)
	}
	enc := json.NewEncoder(stdin)
	cases := []struct{ kind, wantPrefix string }{
		{"no-such-kind", `task "t": unknown kind "no-such-kind"`},
	}
	for kind := range builtinKinds {
		cases = append(cases, struct{ kind, wantPrefix string }{kind, kind + " arg: "})
	}
	for i, c := range cases {
		if err := enc.Encode(wireTask{Index: i, Name: "t", Kind: c.kind, Arg: json.RawMessage(`[]`)}); err != nil {
			t.Fatal(err)
		}
		var out wireResult
		if err := readLine(in, &out); err != nil {
			t.Fatalf("kind %q: worker gave no answer: %v", c.kind, err)
		}
		if !strings.HasPrefix(out.Err, c.wantPrefix) {
			t.Errorf("kind %q: worker answered %q, want an error starting %q", c.kind, out.Err, c.wantPrefix)
		}
	}
}

// TestOnlyTheWorkerHookIsAnInit guards the fix for good: lib has a single
// init function, the worker hook, so nothing it needs can be set up by an
// init that might run after it.
func TestOnlyTheWorkerHookIsAnInit(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var inits []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				inits = append(inits, name)
			}
		}
	}
	if len(inits) != 1 || inits[0] != "worker.go" {
		t.Errorf("init functions in lib: %v, want only worker.go's worker hook", inits)
	}
}

package show

import (
	"fmt"
	"strings"

	"github.com/gomeasure/concurrency/lib/python"
)

// PythonSource displays a piece of the project's own Python — the programs
// in lib/python that `--with-python` runs — as a highlighted Python code
// block, so a chapter can put the Python it retells beside the Go that
// does the same job. The text comes from the very bytes that are embedded
// and run, never from a copy, so what a reader sees is what was measured.
//
// name is "FILE.NAME" for one top-level definition (a def, async def,
// class or assignment, with the comments right above it), or "FILE" or
// "FILE.py" for a whole program:
//
//	show.PythonSource("models.threads")  // def threads(todo, workers): ...
//	show.PythonSource("tasks.sumsquares")
//	show.PythonSource("aio.py")          // the whole file
//
// In a notebook, put it in a cell of its own tagged `python-beside`, right
// before the Go cell that does the same job: the site renders that cell
// beside the next one on wide screens and above it on narrow ones. The
// output is Markdown: a caption naming the file, then a ```python fence.
// A name that matches nothing is displayed as an error and returned.
func PythonSource(name string) error {
	md, err := PythonMarkdown(name)
	if err != nil {
		Error(err)
		return err
	}
	Markdown(md)
	return nil
}

// PythonMarkdown is what PythonSource displays: a one-line caption naming
// the file and definition, and the code in a ```python fence.
func PythonMarkdown(name string) (string, error) {
	file, def := splitPythonName(name)
	var (
		code string
		err  error
	)
	if def == "" {
		code, err = python.Source(file)
	} else {
		code, err = python.Block(file, def)
	}
	if err != nil {
		return "", err
	}
	caption := fmt.Sprintf("*Python — `lib/python/%s`, as `--with-python` runs it:*", file)
	if def != "" {
		caption = fmt.Sprintf("*Python — `%s` from `lib/python/%s`, as `--with-python` runs it:*", def, file)
	}
	// A fence longer than any run of backticks in the code keeps it closed.
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	return caption + "\n\n" + fence + "python\n" + strings.TrimRight(code, "\n") + "\n" + fence + "\n", nil
}

// splitPythonName turns "models.threads" into ("models.py", "threads") and
// "models" or "models.py" into ("models.py", "").
func splitPythonName(name string) (file, def string) {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, ".py") {
		return name, ""
	}
	file, def, _ = strings.Cut(name, ".")
	return file + ".py", def
}

// Package site renders the executed tutorial notebooks into a static web
// site: one page per notebook, an index, a search index and the notebooks
// themselves for download. `go run . site` and `go run . serve` use it.
//
// # Pages
//
// Notebooks are the *.ipynb files of one folder, in file-name order; a
// chapter's title is its first level-1 heading and its summary the first
// paragraph after it. Markdown cells go through goldmark (GitHub flavour,
// typographer, heading ids with anchor links, highlighted fenced code) with
// raw HTML disabled. Code cells are highlighted by chroma with CSS classes;
// GoNB's "%" and "!" lines are shown as they are. Outputs: streams and
// text/plain as preformatted text with terminal escapes removed; PNG, JPEG
// and SVG images as files in <page>_files/; text/html sanitised by an
// allowlist (bluemonday's, see sanitize.go), with inline <svg> figures (GoNB's DisplaySVG and our show
// package put plots there) moved into image files; errors with their
// traceback. Every page carries a Content Security Policy that allows only
// the site's own scripts and stylesheets, as a second line of defence.
//
// Jupyter cell tags are honoured: "remove-cell", "remove-input" and
// "remove-output" leave parts of a cell out, "hide-input", "hide-output"
// and "hide-cell" fold them behind a toggle, as in Jupyter Book; "headline"
// marks the cell whose first figure the index page shows (without one, the
// first figure of chapter 3, then 4, then any).
//
// # The measured environment
//
// Each page shows the machine its numbers were measured on. Its source, in
// order of preference:
//
//  1. the notebook's own metadata key "measured_env" (MeasuredEnvKey),
//     holding a lib.Env as JSON — the notebook runner can write it when it
//     executes the notebook:
//
//     "metadata": {"measured_env": {"go_version": "go1.26.8", "num_cpu": 2,
//     "gomaxprocs": 2, "goos": "linux", "goarch": "amd64",
//     "time": "2026-01-02T03:04:05Z"}, ...}
//
//  2. the environment of the newest results/*.json file (by its
//     measurement time), read with lib.LoadResults — the files written by
//     the same build that executed the notebooks;
//
//  3. nothing: the box is left out rather than guessed.
//
// An environment needs at least go_version and num_cpu to be shown.
//
// # Output
//
// Build writes the site into a temporary folder next to the output folder
// and swaps it in when complete, so a failed build leaves the previous site
// as it was. It replaces only an empty folder or one it built itself (it
// holds a .concurrency-site file). All links are relative, nothing is
// loaded from elsewhere, and search works from file:// because the index
// is also written as search-index.js, a script that sets a global.
package site

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
// traceback. That markup comes from the html/template partials of
// templates/cell.html and templates/output.html, so the text a notebook
// supplies is escaped by html/template, as on the rest of the page; the
// book's additions to markdown are one goldmark extension, bookMarkdown
// (mdextension.go). Every page carries a Content Security Policy that
// allows only the site's own scripts and stylesheets, as a second line of
// defence.
//
// Jupyter cell tags are honoured: "remove-cell", "remove-input" and
// "remove-output" leave parts of a cell out, "hide-input", "hide-output"
// and "hide-cell" fold them behind a toggle, as in Jupyter Book; "headline"
// marks the cell whose first figure the index page shows (without one, the
// first figure of chapter 3, then 4, then any).
//
// # Writing chapters for the site
//
// Admonitions are GitHub's alert syntax, so a notebook reads the same in
// Jupyter, on GitHub and here. The marker stands alone on the quote's
// first line; [!NOTE], [!TIP] and [!WARNING] are known, in any case:
//
//	> [!NOTE]
//	> GOMAXPROCS is how many threads run Go code at once.
//
// Figures are numbered per chapter, "Figure 3.2", in reading order (the
// chapter's number is its file name's leading digits). To refer to one,
// tag its code cell fig:NAME — the cell's first figure gets the id
// fig-NAME — and write a link with no text; the site fills in the
// figure's number, so the text never goes stale:
//
//	See [](#fig-staircase).                  (same chapter)
//	As [](03-io-bound.ipynb#fig-staircase) showed, …   (another chapter)
//
// A link to a label no cell has is shown as "(missing figure NAME)" and
// reported as a warning. In Jupyter such links show as empty; give the
// figure a sentence of its own around them.
//
// A cell tagged "python-beside" (markdown holding the Python, usually) is
// shown beside the cell after it on wide screens and above it on narrow
// ones: the Python a chapter retells next to the Go that does the same.
//
// Claim verdicts — display outputs whose application/json is {"claim",
// "held", "evidence"}, written by notebooks/show.Verdict — become badges:
// "✔ Held" or "✘ Did not hold on this machine", the claim and the
// evidence. Each chapter's page counts them at its top ("12 claims
// checked: 11 held, 1 did not"), and the index counts them per chapter.
//
// Alt text of figures comes from their text/plain form (show writes the
// title, axes and series there), else from the words drawn in the SVG.
//
// The experiments a chapter runs are the show.Experiment("NAME", …) calls
// of its code cells: its page links to their results on the Data page and
// ends with the commands that measure them again.
//
// # The book's own pages
//
// Beside the chapters and the index, every site has sources.html (the
// Python tutorials retold, with the works they build on), data.html
// (every results/*.json with its experiment, environment and date, copied
// into data/ with a CSV made by lib.ResultSet.WriteCSV) and print.html
// (every chapter on one page, ids made unique, with a print stylesheet).
//
// # Reading aids
//
// Pages have previous/next links; ← and → change chapter, / or s focus
// the search box, ? lists the keys, Esc closes what is open. The sidebar
// collapses into a drawer on narrow screens, operable by keyboard. Motion
// follows prefers-reduced-motion. Tests in a real Chromium check the
// pages with axe-core in both themes, by keyboard only, and 390 px wide.
//
// # Weight
//
// Figures are files the page loads lazily, never inline, so a page's
// weight is its HTML; Build reports every page's size (Result.Sizes) and
// warns over PageBudget.
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
// is also written as search-index.js, a script that sets a global. With
// Options.LiveReload (serve), pages also load a script that reloads them
// when build-id.txt changes; a published site has no such script.
package site

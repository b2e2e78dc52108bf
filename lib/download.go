package lib

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// maxResponse caps what an I/O task reads from a response.
const maxResponse = 8 << 20

// FetchArg is the input of a "fetch" task.
type FetchArg struct {
	URL string `json:"url"`
}

// DownloadArg is the input of a "download" task: fetch URL and save the body
// as Dir/File.
type DownloadArg struct {
	URL  string `json:"url"`
	Dir  string `json:"dir"`
	File string `json:"file"`
}

// PostArg is the input of a "post" task: POST Body as JSON to URL.
type PostArg struct {
	URL  string          `json:"url"`
	Body json.RawMessage `json:"body"`
}

// Get fetches url and returns its body. A status other than 200 is an error
// naming the URL. The wait for the network happens inside t.Blocking, so
// under the emulated GIL other threads run meanwhile.
func Get(ctx context.Context, c *http.Client, t *Thread, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", url, err)
	}
	return do(c, t, req)
}

// Post sends body as JSON to url and returns the length of the answer's
// body in bytes; the body itself is read and dropped.
func Post(ctx context.Context, c *http.Client, t *Thread, url string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("post %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/json")
	b, err := do(c, t, req)
	return len(b), err
}

func do(c *http.Client, t *Thread, req *http.Request) ([]byte, error) {
	var (
		body []byte
		err  error
	)
	t.Blocking(func() {
		var resp *http.Response
		resp, err = c.Do(req)
		if err != nil {
			return
		}
		defer resp.Body.Close()
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponse))
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("%s %s: %s", req.Method, req.URL, resp.Status)
		}
	})
	if err != nil {
		if strings.Contains(err.Error(), req.URL.String()) {
			return nil, err
		}
		return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL, err)
	}
	return body, nil
}

// Download fetches a.URL and saves it as a.Dir/a.File, the flags benchmark's
// save_image. It writes a temporary file and renames it, so a failed or
// cancelled download never leaves a half-written image. It returns the
// number of bytes saved.
func Download(ctx context.Context, c *http.Client, t *Thread, a DownloadArg) (int, error) {
	// Check the name first: a bad name is known before any traffic.
	if a.File == "" || strings.ContainsAny(a.File, `/\`) || a.File == "." || a.File == ".." {
		return 0, fmt.Errorf("download %s: bad file name %q", a.URL, a.File)
	}
	body, err := Get(ctx, c, t, a.URL)
	if err != nil {
		return 0, err
	}
	var werr error
	t.Blocking(func() { werr = WriteFileAtomic(filepath.Join(a.Dir, a.File), body) })
	if werr != nil {
		return 0, fmt.Errorf("save %s: %w", a.URL, werr)
	}
	return len(body), nil
}

// FlagTasks returns n tasks that download flags from the server at base
// into dir, in the flags benchmark's order (see flagserver.FlagCodes). Past 194 flags a code
// repeats and is saved under a numbered name. In-process runners share
// client; worker processes use their own.
func FlagTasks(c *http.Client, base, dir string, n int) []Task {
	tasks := make([]Task, n)
	served := len(flagserver.CountryCodes()) // after which the codes repeat
	for i, cc := range flagserver.FlagCodes(n) {
		cc = strings.ToLower(cc)
		file := cc + ".gif"
		if round := i / served; round > 0 {
			file = fmt.Sprintf("%s-%d.gif", cc, round+1)
		}
		arg := DownloadArg{URL: flagserver.FlagURL(base, cc), Dir: dir, File: file}
		tasks[i] = NewTask("download", cc, arg)
		tasks[i].Fn = func(ctx context.Context, t *Thread) (any, error) { return Download(ctx, c, t, arg) }
	}
	return tasks
}

// SlowTasks returns n tasks that each GET base/slow: the 2021 asyncio post's "sleep,
// then answer" server, where all the time is waiting.
func SlowTasks(c *http.Client, base string, n int) []Task {
	return fetchTasks(c, strings.TrimRight(base, "/")+"/slow", n)
}

// URLTasks returns one task per URL, fetching it and counting its bytes.
func URLTasks(c *http.Client, urls []string) []Task {
	tasks := make([]Task, len(urls))
	for i, u := range urls {
		arg := FetchArg{URL: u}
		tasks[i] = NewTask("fetch", u, arg)
		tasks[i].Fn = func(ctx context.Context, t *Thread) (any, error) {
			b, err := Get(ctx, c, t, arg.URL)
			return len(b), err
		}
	}
	return tasks
}

func fetchTasks(c *http.Client, url string, n int) []Task {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = url
	}
	tasks := URLTasks(c, urls)
	for i := range tasks {
		tasks[i].Name = fmt.Sprintf("req-%d", i+1)
	}
	return tasks
}

// PostTasks returns n tasks that POST a small JSON document to base/api/echo,
// the load-test script of the guide to concurrency test code.
func PostTasks(c *http.Client, base string, n int) []Task {
	url := strings.TrimRight(base, "/") + "/api/echo"
	tasks := make([]Task, n)
	for i := range tasks {
		body, _ := json.Marshal(map[string]any{"id": i + 1, "user": fmt.Sprintf("user-%d", i+1), "action": "login"})
		arg := PostArg{URL: url, Body: body}
		tasks[i] = NewTask("post", fmt.Sprintf("post-%d", i+1), arg)
		tasks[i].Fn = func(ctx context.Context, t *Thread) (any, error) { return Post(ctx, c, t, arg.URL, arg.Body) }
	}
	return tasks
}

// EnsureDir creates dir if needed; an error names it.
func EnsureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}

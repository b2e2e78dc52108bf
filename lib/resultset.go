package lib

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ResultsSchema is the version of the results JSON format. Readers refuse
// files of another version rather than misreading them.
const ResultsSchema = 1

// ResultSet is what an experiment yields and what results/*.json holds: the
// environment and one Measurement per (model, size, workers, GOMAXPROCS).
type ResultSet struct {
	Schema     int           `json:"schema"`
	Experiment string        `json:"experiment,omitempty"` // the Experiment's name
	Title      string        `json:"title,omitempty"`
	Env        Env           `json:"env"`
	Results    []Measurement `json:"results"`
	Memory     []MemoryPoint `json:"memory,omitempty"`
}

// Measurement is one configuration measured Repeat times.
type Measurement struct {
	Workload   string  `json:"workload"`         // "io" or "cpu"
	Kernel     string  `json:"kernel,omitempty"` // "flags", "slow", "post", "sumsquares", "primes", "blur"
	Model      string  `json:"model"`
	Tasks      int     `json:"tasks"`
	Workers    int     `json:"workers"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	DelayS     float64 `json:"delay_s,omitempty"` // server delay of an I/O workload
	// Size is a CPU kernel's size: the base n of the sums of squares
	// (task i sums i*i below Size+i), the width of the blurred images.
	Size    int       `json:"size,omitempty"`
	RunsS   []float64 `json:"runs_s"` // wall time of every measured run
	MinS    float64   `json:"min_s"`
	MedianS float64   `json:"median_s"`
	MeanS   float64   `json:"mean_s"`
	MaxS    float64   `json:"max_s"`
	StdDevS float64   `json:"stddev_s"`
	// Errors counts failed tasks in the median run; ErrorSamples holds up to
	// five distinct messages from all runs.
	Errors       int      `json:"errors"`
	ErrorSamples []string `json:"error_samples,omitempty"`
	// StartupS is the worker start-up time of the median run (Processes).
	StartupS float64 `json:"startup_s,omitempty"`
	// IPCS is the time the median run's tasks spent being serialised and
	// piped to and from worker processes (Processes).
	IPCS float64 `json:"ipc_s,omitempty"`
	// PeakInFlight is the most requests the flag server worked on at once
	// during the median run, counted by the server (I/O workloads).
	PeakInFlight int `json:"peak_in_flight,omitempty"`
	// CoresBusy is the processor time over the wall time of every measured
	// run, in run order, when the runner measured processor time (see
	// Report.CPU): how many cores the run kept busy on average.
	CoresBusy []float64 `json:"cores_busy,omitempty"`
	// Timeline holds every task of the median run, when the experiment asks
	// for it: the data of Gantt charts and latency distributions.
	Timeline []Span `json:"timeline,omitempty"`
}

// Span is one task of a run, timed relative to the run's start.
type Span struct {
	Task   int     `json:"task"`
	Name   string  `json:"name"`
	Worker int     `json:"worker"`
	StartS float64 `json:"start_s"`
	EndS   float64 `json:"end_s"`
	Err    string  `json:"error,omitempty"`
}

// MemoryPoint is the measured memory cost of parked goroutines.
type MemoryPoint struct {
	Goroutines        int     `json:"goroutines"`
	TotalBytes        uint64  `json:"total_bytes"`
	BytesPerGoroutine float64 `json:"bytes_per_goroutine"`
}

// Spans converts a report into timeline spans relative to its start.
func Spans(rep *Report) []Span {
	spans := make([]Span, len(rep.Results))
	for i, r := range rep.Results {
		s := Span{Task: r.Index, Name: r.Name, Worker: r.Worker}
		if !r.Start.IsZero() {
			s.StartS = r.Start.Sub(rep.Start).Seconds()
			s.EndS = r.End.Sub(rep.Start).Seconds()
		}
		if r.Err != nil {
			s.Err = r.Err.Error()
		}
		spans[i] = s
	}
	return spans
}

// Find returns the measurements of a model, in the order they were made.
func (rs *ResultSet) Find(model string) []Measurement {
	var out []Measurement
	for _, m := range rs.Results {
		if m.Model == model {
			out = append(out, m)
		}
	}
	return out
}

// Models lists the models measured, in first-seen order.
func (rs *ResultSet) Models() []string {
	var names []string
	seen := map[string]bool{}
	for _, m := range rs.Results {
		if !seen[m.Model] {
			seen[m.Model] = true
			names = append(names, m.Model)
		}
	}
	return names
}

// Errors sums the failed tasks of all measurements.
func (rs *ResultSet) Errors() int {
	n := 0
	for _, m := range rs.Results {
		n += m.Errors
	}
	return n
}

// WriteJSON encodes the set as indented JSON.
func (rs *ResultSet) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rs)
}

// WriteCSV writes one row per measurement with its statistics.
func (rs *ResultSet) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"experiment", "workload", "kernel", "model", "tasks", "workers", "gomaxprocs",
		"delay_s", "min_s", "median_s", "mean_s", "max_s", "stddev_s", "errors", "runs"})
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
	for _, m := range rs.Results {
		runs := ""
		for i, r := range m.RunsS {
			if i > 0 {
				runs += " "
			}
			runs += f(r)
		}
		cw.Write([]string{rs.Experiment, m.Workload, m.Kernel, m.Model, strconv.Itoa(m.Tasks),
			strconv.Itoa(m.Workers), strconv.Itoa(m.GOMAXPROCS), f(m.DelayS), f(m.MinS), f(m.MedianS),
			f(m.MeanS), f(m.MaxS), f(m.StdDevS), strconv.Itoa(m.Errors), runs})
	}
	cw.Flush()
	return cw.Error()
}

// Save writes the set to path atomically (temporary file, then rename), so
// an interrupted run never leaves a truncated results file behind.
func (rs *ResultSet) Save(path string) error {
	var buf bytes.Buffer
	if err := rs.WriteJSON(&buf); err != nil {
		return fmt.Errorf("encode results for %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// ErrSchema reports a results file written in another format version.
var ErrSchema = errors.New("incompatible results schema")

// LoadResults reads a results file written by Save. A missing, malformed or
// incompatible file gives an error that names it.
func LoadResults(path string) (*ResultSet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("results %s: %w", path, err)
	}
	var rs ResultSet
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rs); err != nil {
		return nil, fmt.Errorf("results %s: malformed JSON: %w", path, err)
	}
	if rs.Schema != ResultsSchema {
		return nil, fmt.Errorf("results %s: schema %d, want %d: %w (re-run the experiment)", path, rs.Schema, ResultsSchema, ErrSchema)
	}
	return &rs, nil
}

// Lookup returns the first measurement of model — a name, or "name:W" for
// W workers — with the given number of tasks and GOMAXPROCS, where 0
// matches any; nil if there is none. Claims
// take its result as it is: a claim about a configuration that was not
// measured does not hold, and says so.
func (rs *ResultSet) Lookup(model string, tasks, gomaxprocs int) *Measurement {
	if rs == nil {
		return nil
	}
	name, w, _ := strings.Cut(model, ":")
	workers, _ := strconv.Atoi(w)
	for i := range rs.Results {
		m := &rs.Results[i]
		if m.Model == name && (workers == 0 || m.Workers == workers) && (tasks == 0 || m.Tasks == tasks) && (gomaxprocs == 0 || m.GOMAXPROCS == gomaxprocs) {
			return m
		}
	}
	return nil
}

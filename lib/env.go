package lib

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Env records where a measurement was made, so a reader can judge it.
type Env struct {
	GoVersion  string    `json:"go_version"`
	GOOS       string    `json:"goos"`
	GOARCH     string    `json:"goarch"`
	NumCPU     int       `json:"num_cpu"`
	GOMAXPROCS int       `json:"gomaxprocs"`
	CPUModel   string    `json:"cpu_model,omitempty"`
	Time       time.Time `json:"time"`
	GitCommit  string    `json:"git_commit,omitempty"`
	// Python describes the interpreter of the py-* models, when they ran.
	Python *PythonEnv `json:"python,omitempty"`
}

// PythonEnv describes the CPython that ran the py-* models.
type PythonEnv struct {
	Version string `json:"version"`
	GIL     bool   `json:"gil"` // false for a free-threaded build with the GIL off
	Path    string `json:"path,omitempty"`
}

// CurrentEnv describes this process and machine now.
func CurrentEnv() Env {
	return Env{
		GoVersion:  runtime.Version(),
		GOOS:       runtime.GOOS,
		GOARCH:     runtime.GOARCH,
		NumCPU:     runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		CPUModel:   cpuModel(),
		Time:       time.Now().UTC().Truncate(time.Second),
		GitCommit:  gitCommit(),
	}
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// gitCommit returns the commit the binary was built from, or the commit of
// the working directory's repository (go run builds without VCS stamps).
func gitCommit() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	out, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

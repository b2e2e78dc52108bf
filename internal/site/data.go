package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gomeasure/concurrency/lib"
)

// dataset is one results/*.json file as the Data page lists it, with a
// CSV made from it next to it in the site's data/ folder.
type dataset struct {
	Name     string // the experiment's name: "staircase"
	Title    string
	Rows     int
	Env      *envView
	JSON     string // URL of the JSON copy
	CSV      string // URL of the CSV
	Anchor   string // id of its row on the Data page
	Chapters []navItem
}

// loadDatasets reads every results file of dir and adds its JSON and a
// CSV to files. Files that do not load are skipped with a warning.
func loadDatasets(dir string, files map[string][]byte) (map[string]*dataset, []string) {
	sets := map[string]*dataset{}
	if dir == "" {
		return sets, nil
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json")) // only a bad pattern errs
	sort.Strings(paths)
	var warnings []string
	for _, p := range paths {
		rs, err := lib.LoadResults(p)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("data page: skipping %v", err))
			continue
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("data page: skipping %v", err))
			continue
		}
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		var csv bytes.Buffer
		if err := rs.WriteCSV(&csv); err != nil {
			warnings = append(warnings, fmt.Sprintf("data page: %s as CSV: %v", p, err))
			continue
		}
		files["data/"+name+".json"] = raw
		files["data/"+name+".csv"] = csv.Bytes()
		d := &dataset{Name: name, Title: rs.Title, Rows: len(rs.Results) + len(rs.Memory),
			JSON: urlPath("data/" + name + ".json"), CSV: urlPath("data/" + name + ".csv"),
			Anchor: "data-" + slug(name)}
		if usableEnv(&rs.Env) {
			d.Env = newEnvView(&rs.Env, filepath.ToSlash(p))
		}
		sets[name] = d
	}
	return sets, warnings
}

// chapterData links each chapter to the datasets of the experiments it
// runs, and each dataset to its chapters. An experiment whose results
// are missing is left out of the chapter's list (and warned about).
func chapterData(chapters []*chapter, nav []navItem, sets map[string]*dataset) (map[*chapter][]*dataset, []string) {
	used := map[*chapter][]*dataset{}
	var warnings []string
	for i, ch := range chapters {
		for _, name := range ch.Experiments {
			d, ok := sets[name]
			if !ok {
				warnings = append(warnings, fmt.Sprintf("%s runs experiment %q, which has no results file", ch.File, name))
				continue
			}
			used[ch] = append(used[ch], d)
			d.Chapters = append(d.Chapters, nav[i])
		}
	}
	return used, warnings
}

// sortedDatasets returns the datasets by name.
func sortedDatasets(sets map[string]*dataset) []*dataset {
	var list []*dataset
	for _, d := range sets {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

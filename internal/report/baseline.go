package report

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// A Baseline records findings accepted for now, for adopting tenantvet on a code base with
// findings: only new ones are reported. Entries are keyed by where a finding is (package, or
// directory of a .sql file), its rule, the fingerprint of its SQL and its text, not by file or
// line, so moving code keeps them. The zero Baseline is empty.
type Baseline struct {
	entries []baselineEntry
}

// baselineFile is a baseline's JSON form.
type baselineFile struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Key     string `json:"key"`
	Rule    string `json:"rule"`
	Where   string `json:"where"`
	Message string `json:"message"`
}

const baselineVersion = 1

// WriteBaseline records the findings in the baseline file at path. Exempted findings are
// left out: they are not reported anyway.
func WriteBaseline(path string, findings []Finding) error {
	b := baselineFile{Version: baselineVersion, Tool: "tenantvet", Findings: []baselineEntry{}}
	for _, f := range findings {
		if f.Ignored == "" {
			b.Findings = append(b.Findings, baselineEntry{Key: f.key(), Rule: f.Rule, Where: f.Where(), Message: f.Text()})
		}
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return strings.Compare(x.Where+"\x00"+x.Rule+"\x00"+x.Message+"\x00"+x.Key, y.Where+"\x00"+y.Rule+"\x00"+y.Message+"\x00"+y.Key)
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// ReadBaseline reads the baseline file at path. It returns an error naming the file when it
// cannot be read, is not a tenantvet baseline, or is of another version.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var b baselineFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: not a tenantvet baseline: %w", path, err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (write it again with -write-baseline)", path, b.Version, baselineVersion)
	}
	return &Baseline{entries: b.Findings}, nil
}

// Filter returns the findings that are not in the baseline, in their order, with how many
// were in it (known) and how many entries matched no finding (gone: fixed since the baseline
// was written). Only entries filed under a place in checked (see [Finding.Where]) count as
// gone: a run over some packages says nothing of the others. Exempted findings pass through.
func (b *Baseline) Filter(findings []Finding, checked map[string]bool) (fresh []Finding, known, gone int) {
	left := make(map[string]int, len(b.entries))
	for _, e := range b.entries {
		if checked[e.Where] {
			left[e.Key]++
		}
	}
	for _, f := range findings {
		if f.Ignored == "" {
			k := f.key()
			if left[k] > 0 {
				left[k]--
				known++
				continue
			}
		}
		fresh = append(fresh, f)
	}
	for _, n := range left {
		gone += n
	}
	return fresh, known, gone
}

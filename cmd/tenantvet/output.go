package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tenantq/tenantq/sqlcheck"
)

// outputFlags are the output and baseline flags of both modes.
type outputFlags struct {
	format        string
	json          bool
	baseline      string
	writeBaseline string
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output `format`: text (standard error), json or sarif (standard output)")
	fs.BoolVar(&o.json, "json", false, "short for -format json")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings that are not in the baseline `file`, and count its entries that are gone")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in the baseline `file` and exit 0")
}

// check validates the flags after parsing.
func (o *outputFlags) check() error {
	if o.json {
		if o.format != "text" && o.format != "json" {
			return fmt.Errorf("-json and -format %s disagree", o.format)
		}
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif":
	default:
		return fmt.Errorf("unknown -format %q: want text, json or sarif", o.format)
	}
	if o.baseline != "" && o.writeBaseline != "" {
		return errors.New("-baseline and -write-baseline exclude each other")
	}
	return nil
}

// An issue is a finding of either mode as the SARIF output and the baselines see it.
type issue struct {
	File                 string
	Line, Column         int
	EndLine, EndColumn   int
	Rule                 string
	Message              string // what is wrong and what to do, without the rule id
	Where                string // the package (Go) or the directory (.sql) the finding is in
	SQLFingerprint       string // the statement's sqlcheck.Fingerprint, "" for findings about no SQL
	RelatedFile, Related string // a second place, with its message, or ""
	RelatedLine          int
	RelatedColumn        int
}

// key identifies an issue in a baseline: where it is (package or directory, not file or line),
// its rule, the fingerprint of its SQL, and its message. Moving or reformatting code keeps it.
func (i issue) key() string {
	h := sha256.Sum256([]byte(strings.Join([]string{i.Where, i.Rule, i.SQLFingerprint, i.Message}, "\x00")))
	return hex.EncodeToString(h[:12])
}

// A baselineFile records findings accepted for now, for adopting tenantvet on a code base with
// findings: only new ones are reported.
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

// writeBaselineFile records issues in path.
func writeBaselineFile(path string, issues []issue) error {
	b := baselineFile{Version: baselineVersion, Tool: "tenantvet", Findings: []baselineEntry{}}
	for _, i := range issues {
		b.Findings = append(b.Findings, baselineEntry{Key: i.key(), Rule: i.Rule, Where: i.Where, Message: i.Message})
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return strings.Compare(x.Where+"\x00"+x.Rule+"\x00"+x.Message+"\x00"+x.Key, y.Where+"\x00"+y.Rule+"\x00"+y.Message+"\x00"+y.Key)
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// readBaselineFile reads a baseline's entries.
func readBaselineFile(path string) ([]baselineEntry, error) {
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
	return b.Findings, nil
}

// filterBaseline returns which issues are new (not in the baseline) and how many baseline
// entries of the checked packages (or directories) matched nothing: findings fixed since the
// baseline was written. Entries of packages this run did not check are not counted.
func filterBaseline(issues []issue, entries []baselineEntry, checked map[string]bool) (isNew []bool, gone int) {
	left := make(map[string]int, len(entries))
	for _, e := range entries {
		if checked[e.Where] {
			left[e.Key]++
		}
	}
	isNew = make([]bool, len(issues))
	for i, is := range issues {
		k := is.key()
		if left[k] > 0 {
			left[k]--
			continue
		}
		isNew[i] = true
	}
	for _, n := range left {
		gone += n
	}
	return isNew, gone
}

// finish applies the baseline flags to issues, found in the checked packages or directories. It
// returns which issues to report, and whether the run is over (the baseline was written, or an
// error was printed) with its exit code.
func (o *outputFlags) finish(stderr io.Writer, name string, issues []issue, checked map[string]bool) (report []bool, done bool, code int) {
	report = make([]bool, len(issues))
	for i := range report {
		report[i] = true
	}
	switch {
	case o.writeBaseline != "":
		if err := writeBaselineFile(o.writeBaseline, issues); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return nil, true, exitError
		}
		fmt.Fprintf(stderr, "%s: wrote %s to the baseline %s\n", name, plural(len(issues), "finding"), o.writeBaseline)
		return nil, true, exitClean
	case o.baseline != "":
		entries, err := readBaselineFile(o.baseline)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return nil, true, exitError
		}
		isNew, gone := filterBaseline(issues, entries, checked)
		known := 0
		for _, n := range isNew {
			if !n {
				known++
			}
		}
		fmt.Fprintf(stderr, "%s: %s in the baseline %s", name, plural(known, "finding"), o.baseline)
		if gone > 0 {
			entries := "baseline entries"
			if gone == 1 {
				entries = "baseline entry"
			}
			fmt.Fprintf(stderr, "; %d %s gone (fixed): write the baseline again with -write-baseline to drop them", gone, entries)
		}
		fmt.Fprintln(stderr)
		return isNew, false, 0
	}
	return report, false, 0
}

// writeSARIF prints issues as a SARIF 2.1.0 log, the format GitHub code scanning and other CI
// tools read, with every rule's documentation as tool metadata.
func writeSARIF(w io.Writer, issues []issue) error {
	type text struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	type rule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name"`
		ShortDescription     text              `json:"shortDescription"`
		FullDescription      text              `json:"fullDescription"`
		Help                 text              `json:"help"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration map[string]string `json:"defaultConfiguration"`
		Properties           map[string]any    `json:"properties"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId,omitempty"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
		Message *text `json:"message,omitempty"`
	}
	type result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             text              `json:"message"`
		Locations           []location        `json:"locations"`
		RelatedLocations    []location        `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	var rules []rule
	index := map[string]int{}
	for _, d := range sqlcheck.Rules() {
		index[string(d.Rule)] = len(rules)
		lang := d.Lang
		if lang == "" {
			lang = "sql"
		}
		rules = append(rules, rule{
			ID:               string(d.Rule),
			Name:             ruleName(string(d.Rule)),
			ShortDescription: text{Text: d.Title},
			FullDescription:  text{Text: d.Text},
			Help: text{
				Text:     d.Text + "\n\nRejected:\n" + d.Bad + "\n\nAccepted:\n" + d.Good,
				Markdown: fmt.Sprintf("%s\n\nRejected:\n\n```%s\n%s\n```\n\nAccepted:\n\n```%s\n%s\n```", d.Text, lang, d.Bad, lang, d.Good),
			},
			HelpURI:              "https://github.com/tenantq/tenantq/blob/main/docs/rules.md#" + string(d.Rule),
			DefaultConfiguration: map[string]string{"level": "error"},
			Properties:           map[string]any{"tags": []string{"security", "multi-tenancy"}, "precision": "high", "security-severity": "8.0"},
		})
	}
	cols := utf16Columns{}
	loc := func(file string, line, col, endLine, endCol int, msg string) location {
		var l location
		uri := sarifURI(file)
		if filepath.IsAbs(filepath.FromSlash(uri)) {
			uri = "file://" + uri // outside the working directory
		} else {
			l.PhysicalLocation.ArtifactLocation.URIBaseID = "%SRCROOT%"
		}
		l.PhysicalLocation.ArtifactLocation.URI = uri
		r := region{StartLine: max(line, 1), StartColumn: cols.convert(file, line, col)}
		if endLine > line || endLine == line && endCol > col {
			r.EndLine, r.EndColumn = endLine, cols.convert(file, endLine, endCol)
		}
		l.PhysicalLocation.Region = r
		if msg != "" {
			l.Message = &text{Text: msg}
		}
		return l
	}
	results := []result{}
	seen := map[string]int{} // findings with the same key, told apart by their order
	for _, is := range issues {
		i, ok := index[is.Rule]
		if !ok {
			return fmt.Errorf("finding of unknown rule %q", is.Rule)
		}
		r := result{
			RuleID: is.Rule, RuleIndex: i, Level: "error",
			Message:             text{Text: is.Rule + ": " + is.Message},
			Locations:           []location{loc(is.File, is.Line, is.Column, is.EndLine, is.EndColumn, "")},
			PartialFingerprints: map[string]string{"tenantvet/v1": fmt.Sprintf("%s/%d", is.key(), seen[is.key()])},
		}
		seen[is.key()]++
		if is.RelatedFile != "" {
			r.RelatedLocations = []location{loc(is.RelatedFile, is.RelatedLine, is.RelatedColumn, 0, 0, is.Related)}
		}
		results = append(results, r)
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "tenantvet",
				"informationUri": "https://github.com/tenantq/tenantq",
				"rules":          rules,
			}},
			"columnKind": "utf16CodeUnits",
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// utf16Columns converts the byte columns of findings into the UTF-16 columns SARIF counts by
// default, reading each file once.
type utf16Columns map[string][]string

func (c utf16Columns) convert(file string, line, col int) int {
	if col <= 1 || line < 1 {
		return col
	}
	lines, ok := c[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c[file] = lines
	}
	if line > len(lines) || col-1 > len(lines[line-1]) {
		return col
	}
	n := 1
	for _, r := range lines[line-1][:col-1] {
		n++
		if r >= 0x10000 {
			n++ // a surrogate pair
		}
	}
	return n
}

// sarifURI turns a file path into a SARIF artifact URI: relative to the working directory
// (which code scanning takes as the repository root) with forward slashes.
func sarifURI(file string) string {
	return filepath.ToSlash(relative(file))
}

// ruleName turns a rule id into a SARIF rule name: "multiple-tenants" is MultipleTenants.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

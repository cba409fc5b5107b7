// Package report holds tenantvet's findings and writes them as text, JSON or SARIF, or
// against a baseline. Both modes of tenantvet (Go packages and .sql files) and its pre-commit
// hook report through it, so a finding has one shape whatever found it:
//
//	findings = report.Sort(findings)
//	err := report.WriteJSON(os.Stdout, findings)
//
// Every writer prints paths relative to the working directory when they lie under it.
package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// A Finding is one problem tenantvet reports, in Go code or in a .sql file. Its JSON form is
// tenantvet's -json output; every key is always present, with a zero value where it does not
// apply.
type Finding struct {
	// File is the file the finding is in, as found (absolute for Go code, as given on the
	// command line for .sql files); the writers print it relative to the working directory.
	File string `json:"file"`
	// Line and Column are 1-based; the column counts bytes.
	Line   int `json:"line"`
	Column int `json:"column"`
	// EndLine and EndColumn end the range the finding covers, 0 when it is a point.
	EndLine   int `json:"end_line"`
	EndColumn int `json:"end_column"`
	// Rule is the rule id: "unpinned", "bypass", ...
	Rule string `json:"rule"`
	// Message says what is wrong, and Hint what to do, as the checker writes a violation
	// "rule: message; hint". Hint is "" when there is none.
	Message string `json:"message"`
	Hint    string `json:"hint"`
	// URL is the rule's documentation.
	URL string `json:"url"`
	// Related are other places the finding involves, such as a constant's declaration.
	Related []Related `json:"related"`
	// Package is the import path of the Go package the finding is in, "" for a .sql file.
	Package string `json:"package"`
	// Statement is the 1-based number of the statement in a .sql file, 0 for Go code.
	Statement int `json:"statement"`
	// Table and Alias name the table occurrence the finding is about, when known.
	Table string `json:"table"`
	Alias string `json:"alias"`
	// Fingerprint identifies the SQL the finding is about (sqlcheck.Fingerprint), "" for
	// findings about no SQL text. Baselines use it.
	Fingerprint string `json:"sql_fingerprint"`
	// Ignored is the reason of the tenantvet:ignore directive that exempts the finding, ""
	// when none does. Exempted findings are reported only on request (-show-ignored).
	Ignored string `json:"ignored"`
}

// Related is a second place a finding involves.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Text returns the finding's message and hint as the checker writes a violation, without the
// rule: "message; hint".
func (f Finding) Text() string {
	if f.Hint == "" {
		return f.Message
	}
	return f.Message + "; " + f.Hint
}

// Where returns what a baseline files the finding under: its Go package, or the directory of
// its .sql file relative to the root of its module (the nearest directory up from the file
// with a go.mod, else with a tenantq.yaml, else with a .git), with forward slashes, or
// "<stdin>". So a statement moved to another file of the directory keeps its entry, and a
// baseline written at the repository root matches when tenantvet runs in a subfolder. A file
// under no such root is filed relative to the working directory.
func (f Finding) Where() string {
	switch {
	case f.Package != "":
		return f.Package
	case f.File == Stdin:
		return Stdin
	}
	dir := filepath.Dir(f.File)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(filepath.Dir(Relative(f.File)))
	}
	if root := rootOf(abs); root != "" {
		if rel, err := filepath.Rel(root, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Dir(Relative(f.File)))
}

// rootMarkers are the files that mark the root a .sql file's baseline entry is keyed to, in
// order of preference: the module, the policy, the repository.
var rootMarkers = []string{"go.mod", "tenantq.yaml", ".git"}

// roots caches rootOf by directory: a run asks for the same few directories many times.
var roots sync.Map // absolute directory -> root, "" for none

// rootOf returns the nearest directory up from the absolute directory dir (itself included)
// holding the first of rootMarkers found, or "" when none holds any.
func rootOf(dir string) string {
	if r, ok := roots.Load(dir); ok {
		return r.(string)
	}
	root := ""
	for _, marker := range rootMarkers {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				root = d
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
		if root != "" {
			break
		}
	}
	roots.Store(dir, root)
	return root
}

// Stdin is the file name of findings in text read from standard input.
const Stdin = "<stdin>"

// key identifies a finding in a baseline: where it is (package or directory, not file or
// line), its rule, the fingerprint of its SQL, and its text. Moving or reformatting code
// keeps it.
func (f Finding) key() string {
	h := sha256.Sum256([]byte(strings.Join([]string{f.Where(), f.Rule, f.Fingerprint, f.Text()}, "\x00")))
	return hex.EncodeToString(h[:12])
}

// RulesURL is where the rules are documented; a rule's URL adds its id as the fragment.
const RulesURL = "https://github.com/tenantq/tenantq/blob/main/docs/rules.md#"

// RuleURL returns the documentation of a rule.
func RuleURL(rule string) string { return RulesURL + rule }

// Sort sorts findings by file, line, column and message, and returns them.
func Sort(findings []Finding) []Finding {
	slices.SortStableFunc(findings, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), strings.Compare(a.Message, b.Message))
	})
	return findings
}

// Relative shortens a path under the working directory to one relative to it; other paths,
// and relative ones, are returned as they are.
func Relative(path string) string {
	if !filepath.IsAbs(path) {
		return path
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return path
}

// relative returns a copy of the finding with its paths relative to the working directory.
func (f Finding) relative() Finding {
	f.File = Relative(f.File)
	if f.Related != nil {
		f.Related = slices.Clone(f.Related)
		for i := range f.Related {
			f.Related[i].File = Relative(f.Related[i].File)
		}
	}
	return f
}

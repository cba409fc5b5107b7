package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/report"
)

// findings are one Go finding (absolute path under the working directory, a related place),
// one .sql finding (relative path) and an exempted one.
func findings(t *testing.T) []report.Finding {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return []report.Finding{
		{
			File: filepath.Join(wd, "app", "app.go"), Line: 12, Column: 30, EndLine: 12, EndColumn: 49,
			Rule: "unpinned", Message: `table "deals" has no tenant predicate`, Hint: `add "tenant_id = $2" to the WHERE clause`,
			URL:     report.RuleURL("unpinned"),
			Related: []report.Related{{File: filepath.Join(wd, "app", "sql.go"), Line: 3, Column: 7, Message: "the SQL is declared here"}},
			Package: "example.com/app", Fingerprint: "abc",
		},
		{
			File: "db/q.sql", Line: 4, Column: 15, Rule: "parse", Message: `syntax error at or near "SELEC"`,
			Statement: 2, URL: report.RuleURL("parse"),
		},
		{
			File: "db/q.sql", Line: 9, Column: 1, Rule: "unpinned", Message: `table "notes" has no tenant predicate`, Hint: "add it",
			Statement: 3, Table: "notes", Ignored: "admin report",
		},
	}
}

func TestWriteText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := report.WriteText(&b, findings(t)); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("app", "app.go") + `:12:30: unpinned: table "deals" has no tenant predicate; add "tenant_id = $2" to the WHERE clause
	` + filepath.Join("app", "sql.go") + `:3:7: the SQL is declared here
db/q.sql:4:15: parse: syntax error at or near "SELEC"
db/q.sql:9:1: ignored: unpinned: table "notes" has no tenant predicate; add it (tenantvet:ignore admin report)
`
	if b.String() != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", b.String(), want)
	}
}

// TestWriteJSON checks the one JSON shape: every key always present, paths relative to the
// working directory, message and hint apart.
func TestWriteJSON(t *testing.T) {
	t.Parallel()
	in := findings(t)
	var b bytes.Buffer
	if err := report.WriteJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	var raw []map[string]any
	if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
		t.Fatalf("WriteJSON is not a JSON array: %v\n%s", err, b.String())
	}
	keys := []string{"file", "line", "column", "end_line", "end_column", "rule", "message", "hint", "url", "related", "package", "statement", "table", "alias", "sql_fingerprint", "ignored"}
	for i, obj := range raw {
		if len(obj) != len(keys) {
			t.Errorf("finding %d has %d keys, want %d: %v", i, len(obj), len(keys), obj)
		}
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("finding %d lacks %q", i, k)
			}
		}
	}
	var got []report.Finding
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := findings(t)
	want[0].File = filepath.Join("app", "app.go")
	want[0].Related[0].File = filepath.Join("app", "sql.go")
	want[1].Related, want[2].Related = []report.Related{}, []report.Related{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WriteJSON read back =\n%+v\nwant\n%+v", got, want)
	}
	if !reflect.DeepEqual(in, findings(t)) {
		t.Errorf("WriteJSON changed its input")
	}

	b.Reset()
	if err := report.WriteJSON(&b, nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("WriteJSON(nil) = %q, %v; want []", b.String(), err)
	}
}

func TestWriteSARIFSuppression(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := report.WriteSARIF(&b, findings(t)); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct{ Kind, Justification string }
				Locations    []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 3 || res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "app/app.go" || len(res[0].Suppressions) != 0 ||
		len(res[2].Suppressions) != 1 || res[2].Suppressions[0].Kind != "inSource" || res[2].Suppressions[0].Justification != "admin report" {
		t.Errorf("SARIF results = %+v; want app/app.go first and the exempted finding suppressed in source", res)
	}
	if err := report.WriteSARIF(&b, []report.Finding{{File: "x.sql", Line: 1, Rule: "nope"}}); err == nil || !strings.Contains(err.Error(), `unknown rule "nope"`) {
		t.Errorf("WriteSARIF of an unknown rule: %v, want an error naming it", err)
	}
}

func TestWhere(t *testing.T) {
	t.Parallel()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	// A module with a nested tenantq.yaml, a folder with a tenantq.yaml only, and one with
	// neither.
	dir := t.TempDir()
	for _, name := range []string{"mod/go.mod", "mod/db/tenantq.yaml", "conf/tenantq.yaml"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    report.Finding
		want string
	}{
		{"go package", report.Finding{File: filepath.Join(wd, "a.go"), Package: "example.com/app"}, "example.com/app"},
		{"module root", report.Finding{File: filepath.Join(dir, "mod", "q.sql")}, "."},
		{"go.mod before tenantq.yaml", report.Finding{File: filepath.Join(dir, "mod", "db", "queries", "q.sql")}, "db/queries"},
		{"tenantq.yaml without go.mod", report.Finding{File: filepath.Join(dir, "conf", "x", "q.sql")}, "x"},
		// This package lies in the tenantq module: its relative paths are keyed to the
		// module root, not the working directory.
		{"relative to the working directory", report.Finding{File: filepath.Join("db", "queries", "q.sql")}, "internal/report/db/queries"},
		{"stdin", report.Finding{File: report.Stdin}, report.Stdin},
	}
	for _, tc := range tests {
		if got := tc.f.Where(); got != tc.want {
			t.Errorf("%s: Where(%q) = %q, want %q", tc.name, tc.f.File, got, tc.want)
		}
	}
}

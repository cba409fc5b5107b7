package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/report"
)

func TestBaseline(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "baseline.json")
	deals := report.Finding{File: "db/a.sql", Line: 1, Column: 15, Rule: "unpinned", Message: `table "deals" has no tenant predicate`, Hint: "add it", Fingerprint: "f1"}
	notes := report.Finding{File: "db/a.sql", Line: 2, Column: 13, Rule: "unpinned", Message: `table "notes" has no tenant predicate`, Hint: "add it", Fingerprint: "f2"}
	other := report.Finding{File: "other/b.sql", Line: 1, Column: 1, Rule: "bulk", Message: "truncate", Fingerprint: "f3"}
	ignored := report.Finding{File: "db/a.sql", Line: 5, Column: 1, Rule: "unpinned", Message: "x", Ignored: "admin"}
	if err := report.WriteBaseline(path, []report.Finding{deals, notes, other, ignored}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(data), `"key"`) != 3 {
		t.Errorf("baseline has %d entries, want 3 (the exempted finding left out):\n%s", strings.Count(string(data), `"key"`), data)
	}
	b, err := report.ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}

	// deals moved to another file of db/ and line: still known. notes fixed: gone. A new
	// finding: fresh. other/ not checked: its entry is not gone.
	moved := deals
	moved.File, moved.Line = "db/c.sql", 40
	fresh := report.Finding{File: "db/c.sql", Line: 2, Column: 1, Rule: "unpinned", Message: `table "tasks" has no tenant predicate`, Fingerprint: "f4"}
	checked := map[string]bool{deals.Where(): true}
	got, known, gone := b.Filter([]report.Finding{moved, fresh, ignored}, checked)
	if len(got) != 2 || got[0].Message != fresh.Message || got[1].Ignored == "" || known != 1 || gone != 1 {
		t.Errorf("Filter = %+v, known %d, gone %d; want the new finding and the exempted one, 1 known, 1 gone", got, known, gone)
	}
	// The same finding twice against one entry: the second is new.
	if got, known, _ := b.Filter([]report.Finding{deals, deals}, checked); len(got) != 1 || known != 1 {
		t.Errorf("Filter of a finding twice = %d new, %d known; want 1 and 1", len(got), known)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct{ name, text, want string }{
		{"other version", `{"version": 7, "tool": "tenantvet", "findings": []}`, "baseline version 7, want 1"},
		{"not a baseline", `{"runs": []}`, "not a tenantvet baseline"},
		{"not JSON", `nope`, "not a tenantvet baseline"},
	}
	for _, tc := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := report.ReadBaseline(path); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: ReadBaseline error = %v, want one naming the file and %q", tc.name, err, tc.want)
		}
	}
	if _, err := report.ReadBaseline(filepath.Join(dir, "none.json")); err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Errorf("ReadBaseline of a missing file: %v", err)
	}
}

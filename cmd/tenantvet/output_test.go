package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

// sarifLog is the part of SARIF 2.1.0 that GitHub code scanning requires of an upload, as
// its documentation lists it, plus what tenantvet promises (rule help, fingerprints).
type sarifLog struct {
	Version string `json:"version"`
	Schema  string `json:"$schema"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// checkSARIF parses a SARIF log, checks the fields code scanning needs, and returns the results
// as "uri:line:col:rule".
func checkSARIF(t *testing.T, data string) []string {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(data), &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("SARIF version %q, schema %q, %d runs; want 2.1.0 and one run", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "tenantvet" {
		t.Errorf("tool.driver.name = %q, want tenantvet", run.Tool.Driver.Name)
	}
	if len(run.Tool.Driver.Rules) != len(sqlcheck.Rules()) {
		t.Errorf("%d rules, want every rule of the registry (%d)", len(run.Tool.Driver.Rules), len(sqlcheck.Rules()))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" || !strings.HasSuffix(r.HelpURI, "#"+r.ID) {
			t.Errorf("rule %+v lacks id, name, descriptions, help or helpUri", r)
		}
	}
	var got []string
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result ruleId %q does not match ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" || res.Level != "error" || len(res.Locations) != 1 || res.PartialFingerprints["tenantvet/v1"] == "" {
			t.Errorf("result %+v lacks a message, level, location or fingerprint", res)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI == "" || strings.HasPrefix(loc.ArtifactLocation.URI, "/") || strings.Contains(loc.ArtifactLocation.URI, `\`) || loc.Region.StartLine < 1 {
			t.Errorf("result location %+v: want a relative slash-separated uri and a line", loc)
		}
		got = append(got, strings.Join([]string{loc.ArtifactLocation.URI, itoa(loc.Region.StartLine), itoa(loc.Region.StartColumn), res.RuleID}, ":"))
	}
	return got
}

func TestSQLSARIF(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runTenantvet(t, "", "sql", "-config", "testdata/tenantq.yaml", "-format", "sarif", "testdata/mixed.sql")
	if code != exitFindings {
		t.Errorf("exit code %d, want %d\n%s", code, exitFindings, stderr)
	}
	got := checkSARIF(t, stdout)
	want := []string{
		"testdata/mixed.sql:4:15:unpinned", "testdata/mixed.sql:6:1:ignore", "testdata/mixed.sql:7:13:unpinned",
		"testdata/mixed.sql:9:1:ignore", "testdata/mixed.sql:15:1:parse", "testdata/mixed.sql:17:8:unpinned",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("SARIF results = %q, want %q", got, want)
	}
}

func TestFormatFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"sql", "-format", "xml", "testdata/clean.sql"},
		{"sql", "-json", "-format", "sarif", "testdata/clean.sql"},
		{"sql", "-baseline", "a.json", "-write-baseline", "b.json", "testdata/clean.sql"},
	} {
		if code, _, stderr := runTenantvet(t, "", args...); code != exitError || stderr == "" {
			t.Errorf("tenantvet %q: exit code %d, stderr %q; want %d and a message", args, code, stderr, exitError)
		}
	}
}

// TestSQLBaseline adopts tenantvet sql on a directory with findings: the baseline hides them,
// moving a statement keeps it hidden, a new finding shows, a fixed one is counted as gone.
func TestSQLBaseline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.sql", "SELECT * FROM deals WHERE id = 1;\nDELETE FROM notes WHERE id = 2;\n")
	baseline := filepath.Join(dir, "baseline.json")
	run := func(args ...string) (int, string) {
		t.Helper()
		code, _, stderr := runTenantvet(t, "", append([]string{"sql", "-config", "testdata/tenantq.yaml"}, append(args, dir)...)...)
		return code, stderr
	}
	if code, stderr := run("-write-baseline", baseline); code != exitClean || !strings.Contains(stderr, "wrote 2 findings") {
		t.Fatalf("-write-baseline: exit code %d, stderr %q", code, stderr)
	}
	if code, stderr := run("-baseline", baseline); code != exitClean || !strings.Contains(stderr, "2 findings in the baseline") {
		t.Errorf("unchanged code with its baseline: exit code %d, stderr %q; want 0", code, stderr)
	}

	// Moved and reformatted, with other constants, in another file of the directory.
	write("a.sql", "\n\n-- moved\nselect *\n  from deals\n where id = 9;\n")
	write("b.sql", "DELETE FROM notes WHERE id = 3;\n")
	if code, stderr := run("-baseline", baseline); code != exitClean {
		t.Errorf("moved code: exit code %d, stderr %q; want 0", code, stderr)
	}

	// A new finding is reported, alone.
	write("c.sql", "UPDATE deals SET stage = 'won';\n")
	code, stderr := run("-baseline", baseline)
	if code != exitFindings || !strings.Contains(stderr, "c.sql:1:8: unpinned") || strings.Contains(stderr, "a.sql:") || strings.Contains(stderr, "b.sql:") {
		t.Errorf("a new finding: exit code %d, stderr:\n%s\nwant only c.sql's", code, stderr)
	}

	// A fixed finding is counted as gone.
	write("b.sql", "DELETE FROM notes WHERE tenant_id = $1 AND id = 3;\n")
	write("c.sql", "")
	if code, stderr := run("-baseline", baseline); code != exitClean || !strings.Contains(stderr, "1 finding in the baseline") || !strings.Contains(stderr, "1 baseline entry gone (fixed)") {
		t.Errorf("a fixed finding: exit code %d, stderr %q; want 0 and one entry gone", code, stderr)
	}

	write("bad.json", `{"version": 7, "tool": "tenantvet", "findings": []}`)
	if code, stderr := run("-baseline", filepath.Join(dir, "bad.json")); code != exitError || !strings.Contains(stderr, "baseline version 7") {
		t.Errorf("a baseline of another version: exit code %d, stderr %q", code, stderr)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestSQLNearestConfig checks that each .sql file is checked with the tenantq.yaml nearest to
// it, not the working directory's: a hook runs at the repository root.
func TestSQLNearestConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"db/tenantq.yaml":  "global_tables: [plans]\n",
		"db/q.sql":         "SELECT * FROM plans;\n",
		"other/report.sql": "SELECT * FROM plans;\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runTenantvet(t, "", "sql", filepath.Join(dir, "db")); code != exitClean {
		t.Errorf("db/ with its own tenantq.yaml: exit code %d, stderr %q; want 0", code, stderr)
	}
	// other/ has no tenantq.yaml of its own (the search stops at the module root): plans is
	// an unknown table, tenant-scoped.
	if code, _, stderr := runTenantvet(t, "", "sql", filepath.Join(dir, "other")); code != exitFindings || !strings.Contains(stderr, `table "plans"`) {
		t.Errorf("other/ without a tenantq.yaml: exit code %d, stderr %q; want a finding on plans", code, stderr)
	}
}

// TestSQLBaselinePartialRun checks that a run over some directories does not count the
// baseline entries of the others as fixed.
func TestSQLBaselinePartialRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, sub, "q.sql"), []byte("SELECT * FROM deals;\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	baseline := filepath.Join(dir, "baseline.json")
	if code, _, stderr := runTenantvet(t, "", "sql", "-config", "testdata/tenantq.yaml", "-write-baseline", baseline, dir); code != exitClean {
		t.Fatalf("-write-baseline: exit code %d, %s", code, stderr)
	}
	code, _, stderr := runTenantvet(t, "", "sql", "-config", "testdata/tenantq.yaml", "-baseline", baseline, filepath.Join(dir, "a"))
	if code != exitClean || strings.Contains(stderr, "gone") {
		t.Errorf("a run over a/ only: exit code %d, stderr %q; want 0 and no entry gone", code, stderr)
	}
}

// TestSQLBaselineFromSubfolder writes a baseline at a module's root and uses it from a
// subfolder, as a developer does who works in db/: the entries are keyed to the module root,
// not to the working directory, so every finding is known there too.
func TestSQLBaselineFromSubfolder(t *testing.T) {
	t.Parallel()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":       "module example.com/m\n\ngo 1.24\n",
		"tenantq.yaml": "global_tables: [plans]\n",
		"db/q.sql":     "SELECT * FROM deals WHERE id = 1;\n",
		"db/sub/r.sql": "DELETE FROM notes WHERE id = 2;\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := command(t, dir, bin, "sql", "-write-baseline", "tenantvet-baseline.json", "db"); code != exitClean || !strings.Contains(stderr, "wrote 2 findings") {
		t.Fatalf("-write-baseline at the root: exit code %d, stderr %q", code, stderr)
	}
	tests := []struct{ name, wd, path string }{
		{"root", ".", "db"},
		{"db", "db", "."},
		{"db/sub", "db/sub", ".."},
	}
	for _, tc := range tests {
		rel, err := filepath.Rel(filepath.Join(dir, tc.wd), filepath.Join(dir, "tenantvet-baseline.json"))
		if err != nil {
			t.Fatal(err)
		}
		code, _, stderr := command(t, filepath.Join(dir, tc.wd), bin, "sql", "-baseline", rel, tc.path)
		if code != exitClean || !strings.Contains(stderr, "2 findings in the baseline") || strings.Contains(stderr, "gone") {
			t.Errorf("from %s: exit code %d, stderr %q; want 0 with 2 findings in the baseline, none gone", tc.name, code, stderr)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// runTenantvet runs the command in-process and returns its exit code and output.
func runTenantvet(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestSQLText(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runTenantvet(t, "", "sql", "-config", "testdata/tenantq.yaml", "testdata/mixed.sql")
	if code != exitFindings {
		t.Errorf("exit code = %d, want %d", code, exitFindings)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing in text mode", stdout)
	}
	want := `testdata/mixed.sql:4:15: unpinned: table "contacts" has no tenant predicate; add "tenant_id = $2" to the WHERE clause
testdata/mixed.sql:6:1: ignore: tenantvet:ignore directive has no reason; say why the statement may cross tenants: "-- tenantvet:ignore <reason>"
testdata/mixed.sql:7:13: unpinned: table "notes" has no tenant predicate; add "tenant_id = $2" to the WHERE clause
testdata/mixed.sql:9:1: ignore: tenantvet:ignore directive exempts nothing: the statement is tenant-safe; remove the directive
testdata/mixed.sql:15:1: parse: syntax error at or near "SELEC"
testdata/mixed.sql:17:8: unpinned: table "deals" has no tenant predicate; add "tenant_id = $3" to the WHERE clause
tenantvet sql: 1 finding exempted by tenantvet:ignore directives
`
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
}

func TestSQLJSON(t *testing.T) {
	t.Parallel()
	code, stdout, _ := runTenantvet(t, "", "sql", "-json", "-config", "testdata/tenantq.yaml", "testdata/mixed.sql")
	if code != exitFindings {
		t.Errorf("exit code = %d, want %d", code, exitFindings)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not a JSON array: %v\n%s", err, stdout)
	}
	if len(got) != 6 {
		t.Fatalf("got %d findings, want 6:\n%s", len(got), stdout)
	}
	// One shape for both modes: every key of report.Finding, always present.
	keys := []string{"file", "line", "column", "end_line", "end_column", "rule", "message", "hint", "url", "related", "package", "statement", "table", "alias", "sql_fingerprint", "ignored"}
	for _, k := range keys {
		if _, ok := got[0][k]; !ok {
			t.Errorf("finding lacks key %q: %v", k, got[0])
		}
	}
	if len(got[0]) != len(keys) {
		t.Errorf("finding has keys %v, want exactly %v", got[0], keys)
	}
	first := got[0]
	if first["file"] != "testdata/mixed.sql" || first["line"] != 4.0 || first["column"] != 15.0 || first["statement"] != 2.0 ||
		first["rule"] != "unpinned" || first["table"] != "contacts" || first["alias"] != "" {
		t.Errorf("first finding = %v", first)
	}
}

func TestSQLExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "unreadable.sql"), nil, 0o000); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string // a substring of stderr
	}{
		{"clean", "", []string{"sql", "-config", "testdata/tenantq.yaml", "testdata/clean.sql"}, exitClean, ""},
		{"directory", "", []string{"sql", "-config", "testdata/tenantq.yaml", "testdata"}, exitFindings, "mixed.sql:4:15"},
		{"stdin clean", "SELECT 1;", []string{"sql", "-config", "testdata/tenantq.yaml", "-"}, exitClean, ""},
		{"stdin finding", "DELETE FROM notes;", []string{"sql", "-config", "testdata/tenantq.yaml", "-"}, exitFindings, "<stdin>:1:13: unpinned"},
		{"flags override config", "SELECT * FROM plans", []string{"sql", "-config", "testdata/tenantq.yaml", "-tenant-column", "org_id", "-"}, exitClean, ""},
		{"tenant column flag", "SELECT * FROM notes WHERE tenant_id = $1", []string{"sql", "-config", "testdata/tenantq.yaml", "-tenant-column", "org_id", "-"}, exitFindings, `add "org_id = $2"`},
		{"global flag", "SELECT * FROM notes", []string{"sql", "-config", "testdata/tenantq.yaml", "-global", "notes,audit", "-"}, exitClean, ""},
		{"no arguments", "", []string{"sql"}, exitError, "Usage: tenantvet sql"},
		{"unknown flag", "", []string{"sql", "-nope", "x.sql"}, exitError, "flag provided but not defined: -nope"},
		{"missing file", "", []string{"sql", "-config", "testdata/tenantq.yaml", "testdata/none.sql"}, exitError, "no such file"},
		{"bad config", "", []string{"sql", "-config", "testdata/bad.yaml", "testdata/clean.sql"}, exitError, `bad.yaml:2: unknown key "tenant_column"`},
		{"missing config", "", []string{"sql", "-config", "testdata/none.yaml", "testdata/clean.sql"}, exitError, "none.yaml"},
		{"missing schema", "", []string{"sql", "-config", "testdata/tenantq.yaml", "-schema", "testdata/none.sql", "testdata/clean.sql"}, exitError, "none.sql"},
		{"list rules", "", []string{"sql", "-list-rules"}, exitClean, ""},
		{"explain", "", []string{"sql", "-explain", "unpinned"}, exitClean, ""},
		{"explain unknown", "", []string{"sql", "-explain", "nope"}, exitError, `unknown rule "nope"`},
		{"no subcommand", "", nil, exitError, "Usage:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runTenantvet(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("tenantvet %v: exit code %d, want %d\n%s", tc.args, code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.err) {
				t.Errorf("tenantvet %v: stderr %q does not contain %q", tc.args, stderr, tc.err)
			}
		})
	}
}

func TestSQLExplainAndList(t *testing.T) {
	t.Parallel()
	_, stdout, _ := runTenantvet(t, "", "sql", "-list-rules")
	for _, rule := range []string{"unpinned", "multiple-tenants", "tenant-write", "insert-tenant", "upsert-conflict", "bulk", "unverifiable", "parse"} {
		if !strings.Contains(stdout, rule+" ") {
			t.Errorf("-list-rules output lacks %q:\n%s", rule, stdout)
		}
	}
	_, stdout, _ = runTenantvet(t, "", "sql", "-explain", "upsert-conflict")
	if !strings.HasPrefix(stdout, "upsert-conflict: ON CONFLICT DO UPDATE only reaches the tenant's own row\n") || !strings.Contains(stdout, "Rejected:\n\tINSERT INTO contacts") {
		t.Errorf("-explain upsert-conflict =\n%s", stdout)
	}
}

func TestSQLShowIgnored(t *testing.T) {
	t.Parallel()
	_, _, stderr := runTenantvet(t, "", "sql", "-show-ignored", "-config", "testdata/tenantq.yaml", "testdata/mixed.sql")
	if !strings.Contains(stderr, "testdata/mixed.sql:13:22: ignored: unpinned: table \"deals\"") {
		t.Errorf("-show-ignored does not list the exempted finding:\n%s", stderr)
	}
}

// TestSQLExample runs the README's quick start on the shipped example.
func TestSQLExample(t *testing.T) {
	t.Parallel()
	code, _, stderr := runTenantvet(t, "", "sql", "-config", "../../examples/sqlc/tenantq.yaml", "../../examples/sqlc")
	if code != exitFindings {
		t.Errorf("exit code = %d, want %d", code, exitFindings)
	}
	want := `../../examples/sqlc/queries.sql:18:6: unpinned: table "deals" (alias d) has no tenant predicate; add "d.tenant_id = c.tenant_id" to its JOIN ON
tenantvet sql: 1 finding exempted by tenantvet:ignore directives
`
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
}

// TestSQLDirectivesCannotHideStatements covers files where a statement that does not parse, or
// a psql meta-command, once let a directive exempt the statements after it.
func TestSQLDirectivesCannotHideStatements(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"meta-command":            "-- tenantvet:ignore psql meta-command for the migration runner\n\\set ON_ERROR_STOP on\nDELETE FROM notes;\nSELECT * FROM contacts WHERE tenant_id = $1;\n",
		"dollar in an identifier": "-- tenantvet:ignore nightly admin count across tenants\nSELECT count(*) AS total$x$ FROM contacts;\nDELETE FROM notes;\nSELECT 1 AS done$x$;\nSELEC broken;\n",
		"ignored parse error":     "-- tenantvet:ignore it does not parse anyway\nSELEC * FROM contacts\nDELETE FROM notes;\n",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runTenantvet(t, text, "sql", "-config", "testdata/tenantq.yaml", "-")
			if code != exitFindings {
				t.Errorf("exit code = %d, want %d\n%s", code, exitFindings, stderr)
			}
			if !strings.Contains(stderr, "unpinned: table \"notes\"") && !strings.Contains(stderr, "parse:") {
				t.Errorf("stderr hides the DELETE:\n%s", stderr)
			}
		})
	}
}

// TestSQLBinaryFile checks that a file that is not text is refused with a message naming it,
// and that nothing of it reaches the terminal: its control bytes could move the cursor, clear
// the screen or change the terminal's title.
func TestSQLBinaryFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct{ name, data, want string }{
		{"nul.sql", "SELECT 1;\x00\x01\x02\x1b[2J", "a NUL byte at line 1, column 10"},
		{"escape.sql", "SELECT * FROM deals\x1b]0;pwned\x07;\n", "control byte 0x1b at line 1, column 20"},
		{"latin1.sql", "SELECT * FROM deals WHERE name = 'caf\xe9';\n", "invalid UTF-8 at line 1, column 38"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runTenantvet(t, "", "sql", "-config", "testdata/tenantq.yaml", path)
			if code != exitError || !strings.Contains(stderr, path) || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit code %d, stderr %q; want %d and a message naming %s and %q", code, stderr, exitError, path, tc.want)
			}
			if i := strings.IndexFunc(stdout+stderr, func(r rune) bool { return r < 0x20 && r != '\n' || r == utf8.RuneError }); i >= 0 {
				t.Errorf("output holds a control or invalid byte: %q", stdout+stderr)
			}
		})
	}
	code, _, stderr := runTenantvet(t, "\x00\x00", "sql", "-config", "testdata/tenantq.yaml", "-")
	if code != exitError || !strings.Contains(stderr, "<stdin>: ") {
		t.Errorf("binary standard input: exit code %d, stderr %q; want %d naming <stdin>", code, stderr, exitError)
	}
}

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/testdb"
)

// literalLeak is a psql script whose second line starts with a backslash inside a string
// literal: psql reads it as part of the literal, which ends at the quote after the backslash
// (standard_conforming_strings on), so OR true is SQL and the SELECT reads every tenant's rows.
// A reader that blanked every line starting with a backslash saw a pinned statement.
const literalLeak = "SELECT name FROM deals WHERE tenant_id = 1 AND name <> 'x\n\\' OR true; --\n';\n"

// TestSQLPsqlScripts checks psql scripts: meta-commands are read only outside literals, the
// SQL after a \\ separator and before a \g is checked, and what psql runs that the checker
// cannot see is reported.
func TestSQLPsqlScripts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		script string
		want   []string // substrings of the findings, in order; none for a clean script
	}{
		{"a backslash line inside a literal", literalLeak, []string{`1:18: unpinned: table "deals"`, `3:1: parse: unterminated quoted string`}},
		{"SQL after the \\\\ separator", "\\set ON_ERROR_STOP on \\\\ DELETE FROM deals;\n", []string{`1:38: unpinned: table "deals"`}},
		{"\\g ends a statement", "SELECT 1 FROM plans \\g\nDELETE FROM deals WHERE id = 1;\n", []string{`2:13: unpinned`}},
		{"\\i runs another file", "\\i other.sql\n", []string{`1:1: unverifiable: \i runs the SQL of another file (other.sql)`}},
		{"\\gexec", "SELECT format('DELETE FROM %I', 'deals') FROM plans \\gexec\n", []string{`1:8: unverifiable: format() is given SQL as text`, `1:53: unverifiable: \gexec runs each value`}},
		{"\\copy into a tenant table", "\\copy deals FROM 'deals.csv' CSV\n", []string{`1:1: bulk: \copy: COPY on table "deals" crosses every tenant`}},
		{"\\copy of a pinned query", "\\copy (SELECT * FROM deals WHERE tenant_id = 7) TO 'out.csv' CSV\n", nil},
		{"\\encoding", "\\encoding SJIS\n", []string{`1:1: unverifiable: \encoding SJIS changes how the server splits`}},
		{"\\! runs a shell", "\\! psql -c 'DELETE FROM deals'\n", []string{`1:1: unverifiable: \! runs a shell command`}},
		{"a variable psql substitutes", "\\set cond 'true'\nSELECT * FROM deals WHERE tenant_id = 1 AND :cond;\n", []string{`2:45: unverifiable: psql replaces :cond`}},
		{"a quoted variable is a value", "\\set t 1\nSELECT * FROM deals WHERE tenant_id = :'t';\n", nil},
		{"goose sections without semicolons", "-- +goose Up\nCREATE TABLE x (id int)\n-- +goose Down\nDELETE FROM deals\n", []string{`4:13: unpinned: table "deals"`}},
		{"dbmate sections", "-- migrate:up\nALTER TABLE x ADD COLUMN y int\n-- migrate:down\nALTER TABLE x DROP COLUMN y\n", nil},
		{"jsonb ? beside @name, in a file whose other query uses ?", "-- name: Tagged :many\nSELECT * FROM deals WHERE tenant_id = @tenant_id AND tags ? 'vip';\n\n-- name: ByID :one\nSELECT * FROM deals WHERE tenant_id = ? AND id = ?;\n", nil},
		{"jsonb ?| and ? beside sqlc.narg", "-- name: Search :many\nSELECT * FROM deals WHERE tenant_id = sqlc.arg(tenant) AND (sqlc.narg(tag)::text IS NULL OR tags ? sqlc.narg(tag));\n", nil},
		{"a directive above a meta-command", "-- tenantvet:ignore loads the seed data, every tenant's\n\\i seed.sql\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runTenantvet(t, tc.script, "sql", "-config", "testdata/tenantq.yaml", "-")
			var lines []string
			for l := range strings.Lines(stderr) {
				if strings.HasPrefix(l, "<stdin>:") {
					lines = append(lines, strings.TrimPrefix(strings.TrimSpace(l), "<stdin>:"))
				}
			}
			if len(lines) != len(tc.want) {
				t.Fatalf("tenantvet sql (exit %d) reported\n%s\nwant %d findings: %q", code, stderr, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("finding %d = %q, want it to start with %q", i+1, lines[i], w)
				}
			}
		})
	}
}

// TestSQLPsqlLiteralLeak runs literalLeak with psql against a real PostgreSQL holding two
// tenants: it returns tenant 2's row there, and tenantvet sql reports the statement.
func TestSQLPsqlLiteralLeak(t *testing.T) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Skip("psql is not installed")
	}
	pool := testdb.OpenSchema(t, "CREATE TABLE deals (tenant_id bigint, name text); INSERT INTO deals VALUES (1, 'mine'), (2, 'secret');")
	var schema string
	if err := pool.QueryRow(context.Background(), "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "leak.sql")
	if err := os.WriteFile(file, []byte(literalLeak), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(psql, "-X", "-A", "-t", "-f", file, pool.Config().ConnString())
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c search_path="+schema)
	out, _ := cmd.CombinedOutput() // the trailing unterminated literal is an error after the leak
	if !strings.Contains(string(out), "secret") {
		t.Fatalf("psql did not return tenant 2's row, so the script proves nothing:\n%s", out)
	}
	code, _, stderr := runTenantvet(t, "", "sql", "-config", "testdata/tenantq.yaml", file)
	if code != exitFindings || !strings.Contains(stderr, `leak.sql:1:18: unpinned: table "deals"`) {
		t.Errorf("tenantvet sql = %d\n%s\nwant the statement reported unpinned", code, stderr)
	}
}

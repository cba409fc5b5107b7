package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/sqltext"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// rlsProject writes a project with goose migrations and tenantq.yaml, and returns its
// directory.
func rlsProject(t *testing.T, yaml string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"tenantq.yaml": yaml,
		"db/migrations/00001_init.sql": `-- +goose Up
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
-- +goose Down
DROP TABLE line_items, orders, plans;
`,
		"db/migrations/00002_users.sql": `-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE memberships (tenant_id bigint NOT NULL, user_id bigint NOT NULL REFERENCES users (id), PRIMARY KEY (tenant_id, user_id));
-- +goose Down
DROP TABLE memberships, users;
`,
		"db/queries/orders.sql": "-- name: Order :one\nSELECT * FROM orders WHERE tenant_id = $1 AND id = $2;\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const rlsYAML = `schema: db/migrations
global_tables: [plans]
reached_through:
  users: memberships.user_id
shared_tenants: [0]
`

func TestRLSCommand(t *testing.T) {
	t.Parallel()
	dir := rlsProject(t, rlsYAML)
	before, err := config.ReadSchema(filepath.Join(dir, "db", "migrations"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"rls", dir}, nil, &out, &errb); code != exitClean {
		t.Fatalf("tenantvet rls = %d\n%s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{
		"wrote " + filepath.Join(dir, "db", "migrations", "00003_tenantq_rls.sql"),
		"goose migration: row-level security on 4 tables (2 tenant, 1 owned-through, 1 reached-through); 1 global table left alone",
		`next: add "row_level_security: true" to`,
		"superuser",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("tenantvet rls output lacks %q:\n%s", want, out.String())
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "db", "migrations", "00003_tenantq_rls.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-- +goose Up\n", "-- +goose StatementBegin\nDO $tenantq$", "ON public.line_items", "-- +goose Down\n", "DISABLE ROW LEVEL SECURITY"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the migration lacks %q:\n%s", want, data)
		}
	}

	// The schema reader reads the migrations with the new one as before: policies, roles
	// and grants change no table.
	after, err := config.ReadSchema(filepath.Join(dir, "db", "migrations"))
	if err != nil {
		t.Fatalf("reading the migrations with the rls migration: %v", err)
	}
	if !reflect.DeepEqual(withoutWhere(after), withoutWhere(before)) {
		t.Errorf("the rls migration changed the schema read:\n%+v\nwant\n%+v", after, before)
	}
	// And the project still checks clean: the policies' SQL is no query.
	out.Reset()
	errb.Reset()
	if code := run([]string{"sql", dir}, nil, &out, &errb); code != exitClean {
		t.Errorf("tenantvet sql after rls = %d\n%s%s", code, out.String(), errb.String())
	}
	// A second run writes the next migration, and never overwrites one.
	out.Reset()
	if code := run([]string{"rls", dir}, nil, &out, &errb); code != exitClean || !strings.Contains(out.String(), "00004_tenantq_rls.sql") {
		t.Errorf("second tenantvet rls = %d, %s%s; want 00004_tenantq_rls.sql", code, out.String(), errb.String())
	}
}

// withoutWhere drops the positions of keys, which name the files.
func withoutWhere(ts []sqlcheck.Table) []sqlcheck.Table {
	out := make([]sqlcheck.Table, len(ts))
	for i, t := range ts {
		t.ForeignKeys = append(t.ForeignKeys[:0:0], t.ForeignKeys...)
		for j := range t.ForeignKeys {
			t.ForeignKeys[j].Where = ""
		}
		out[i] = t
	}
	return out
}

func TestRLSCommandRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml string
		extra      map[string]string
		args       []string
		want       string
	}{
		{"no schema", "global_tables: [plans]\n", nil, nil, "names no schema"},
		{"an unowned table", "schema: db/migrations\nglobal_tables: [plans]\n",
			map[string]string{"db/migrations/00003_tags.sql": "-- +goose Up\nCREATE TABLE order_tags (order_id bigint, tag text);\n"}, nil,
			"order_tags: no tenant column and no owning foreign key"},
		{"a schema file, not a directory", "schema: db/migrations/00001_init.sql\nglobal_tables: [plans]\n", nil, nil, "pass -dir"},
	}
	for _, tt := range tests {
		dir := rlsProject(t, tt.yaml)
		for name, text := range tt.extra {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var out, errb bytes.Buffer
		code := run(append([]string{"rls"}, append(tt.args, dir)...), nil, &out, &errb)
		if code != exitError || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%s: tenantvet rls = %d, %q; want exit %d and %q", tt.name, code, errb.String(), exitError, tt.want)
		}
		if entries, _ := os.ReadDir(filepath.Join(dir, "db", "migrations")); len(entries) != 2+len(tt.extra) {
			t.Errorf("%s: %d migrations after a refusal, want no new one", tt.name, len(entries))
		}
	}
}

// TestRLSMigrationApplies runs the goose file tenantvet rls writes, as goose would, on
// PostgreSQL.
func TestRLSMigrationApplies(t *testing.T) {
	t.Parallel()
	dir := rlsProject(t, rlsYAML+"row_level_security:\n  unscoped_role: tenantq_unscoped_cli_test\n")
	var out, errb bytes.Buffer
	if code := run([]string{"rls", dir}, nil, &out, &errb); code != exitClean {
		t.Fatalf("tenantvet rls = %d\n%s%s", code, out.String(), errb.String())
	}
	if strings.Contains(out.String(), "next: add") {
		t.Errorf("tenantvet rls asks for row_level_security, which tenantq.yaml has:\n%s", out.String())
	}
	admin := testdb.Open(t)
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP ROLE IF EXISTS tenantq_unscoped_cli_test")
	})
	conn := testdb.Database(t, "")
	for _, f := range []string{"00001_init.sql", "00002_users.sql", "00003_tenantq_rls.sql"} {
		data, err := os.ReadFile(filepath.Join(dir, "db", "migrations", f))
		if err != nil {
			t.Fatal(err)
		}
		up, _ := sqltext.UpSections(string(data))
		//tenantvet:ignore migrations under test
		if _, err := conn.Exec(context.Background(), up, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_class WHERE relrowsecurity AND relforcerowsecurity AND relname IN ('orders', 'line_items', 'users', 'memberships')").Scan(&n); err != nil || n != 4 {
		t.Errorf("%d tables with row-level security enabled and forced (%v), want 4", n, err)
	}
}

package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// writeTree writes files (slash-separated relative path -> content) under a new directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// columnsOf returns the columns of table name in ts, or nil.
func columnsOf(ts []sqlcheck.Table, name string) []string {
	for _, t := range ts {
		if t.Name == name {
			return t.Columns
		}
	}
	return nil
}

// TestMigrationLayouts reads each supported migration layout and checks that deals ends with
// its tenant column: the up migrations add it, and the down migrations, which a wrong reader
// would apply, drop it.
func TestMigrationLayouts(t *testing.T) {
	t.Parallel()
	const create = "CREATE TABLE deals (id bigint, name text);\n"
	const add = "ALTER TABLE deals ADD COLUMN tenant_id bigint;\n"
	const drop = "ALTER TABLE deals DROP COLUMN tenant_id;\n"
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"goose", map[string]string{
			"00001_create.sql": "-- +goose Up\n" + create + "-- +goose Down\nDROP TABLE deals;\n",
			"00002_tenant.sql": "-- +goose Up\n-- +goose StatementBegin\n" + add + "-- +goose StatementEnd\n-- +goose Down\n" + drop,
		}},
		{"golang-migrate, versions compared as numbers", map[string]string{
			"2_create.up.sql":    create,
			"2_create.down.sql":  "DROP TABLE deals;",
			"10_tenant.up.sql":   add,
			"10_tenant.down.sql": drop,
		}},
		{"tern", map[string]string{
			"001_create.sql": create + "---- create above / drop below ----\nDROP TABLE deals;\n",
			"002_tenant.sql": add + "\n---- create above / drop below ----\n\n" + drop,
		}},
		{"sql-migrate", map[string]string{
			"1_create.sql": "-- +migrate Up\n" + create + "-- +migrate Down\nDROP TABLE deals;\n",
			"2_tenant.sql": "-- +migrate Up\n" + add + "\n-- +migrate Down\n" + drop,
		}},
		{"dbmate", map[string]string{
			"20240101000000_create.sql": "-- migrate:up\n" + create + "\n-- migrate:down\nDROP TABLE deals;\n",
			"20240201000000_tenant.sql": "-- migrate:up\n" + add + "\n-- migrate:down\n" + drop,
		}},
		{"atlas", map[string]string{
			"20240101000000_create.sql": create,
			"20240201000000_tenant.sql": add,
			"atlas.sum":                 "h1:...\n",
		}},
		{"prisma, a directory per migration", map[string]string{
			"20240101000000_create/migration.sql": create,
			"20240201000000_tenant/migration.sql": add,
		}},
		{"flyway, with undo migrations", map[string]string{
			"V1__create.sql":   create,
			"V1_10__drop.sql":  "ALTER TABLE deals ADD COLUMN note text;\n",
			"V1_9__tenant.sql": add,
			"U1_9__tenant.sql": drop,
		}},
		{"sqitch, in plan order, without revert and verify", map[string]string{
			"sqitch.plan":          "%syntax-version=1.0.0\n%project=app\n\ncreate 2024-01-01T00:00:00Z A <a@x> # create\nzz_tenant [create] 2024-02-01T00:00:00Z A <a@x>\n@v1 2024-02-02T00:00:00Z A <a@x>\n",
			"deploy/create.sql":    create,
			"deploy/zz_tenant.sql": add,
			"revert/zz_tenant.sql": drop,
			"verify/create.sql":    "SELECT id FROM deals WHERE false;\n",
		}},
		{"a DO block that adds the column if it is missing", map[string]string{
			"001_create.sql": create,
			"002_tenant.sql": "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'deals' AND column_name = 'tenant_id') THEN\n    ALTER TABLE deals ADD COLUMN tenant_id bigint;\n  END IF;\nEND $$;\n",
		}},
		{"a DO block that catches duplicate_column", map[string]string{
			"001_create.sql": create,
			"002_tenant.sql": "DO $$ BEGIN " + add + " EXCEPTION WHEN duplicate_column THEN NULL; END $$;\n",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := config.ReadSchema(writeTree(t, tc.files))
			if err != nil {
				t.Fatalf("ReadSchema: %v", err)
			}
			if cols := columnsOf(got, "deals"); !slices.Contains(cols, "tenant_id") {
				t.Errorf("deals has columns %v, want tenant_id among them (tables %v)", cols, got)
			}
		})
	}
}

// TestMigrationsRefused checks that what the schema reader cannot know is an error naming the
// file and line, never a guess.
func TestMigrationsRefused(t *testing.T) {
	t.Parallel()
	const create = "CREATE TABLE deals (id bigint, tenant_id bigint);\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string // the error's text
	}{
		{"a DO block that drops a column", map[string]string{
			"1_a.sql": create + "DO $$ BEGIN ALTER TABLE deals DROP COLUMN tenant_id; END $$;\n"},
			"1_a.sql:2:1: the DO block removes or moves a table or column inside procedural code"},
		{"a DO block with dynamic SQL", map[string]string{
			"1_a.sql": create + "\nDO $$ BEGIN EXECUTE format('ALTER TABLE %I DROP COLUMN tenant_id', 'deals'); END $$;\n"},
			"1_a.sql:3:1: the DO block runs dynamic SQL (EXECUTE)"},
		{"a DO block in another language", map[string]string{
			"1_a.sql": create + "DO LANGUAGE plperl $$ 1 $$;\n"},
			"1_a.sql:2:1: the DO block is in language plperl"},
		{"a function with DDL, then called", map[string]string{
			"1_a.sql": create + "CREATE FUNCTION strip() RETURNS void LANGUAGE plpgsql AS $$ BEGIN ALTER TABLE deals DROP COLUMN tenant_id; END $$;\n",
			"2_b.sql": "SELECT strip();\n"},
			"2_b.sql:1:1: the statement calls strip(), whose body holds DDL"},
		{"a procedure with DDL, then called", map[string]string{
			"1_a.sql": create + "CREATE PROCEDURE strip() LANGUAGE sql AS $$ ALTER TABLE deals RENAME COLUMN tenant_id TO t $$;\nCALL strip();\n"},
			"1_a.sql:3:1: the statement calls strip()"},
		{"a down section of a tool tenantq does not know", map[string]string{
			"1_a.sql": create + "-- +micrate Down\nALTER TABLE deals DROP COLUMN tenant_id;\n"},
			`1_a.sql:2: "-- +micrate Down" reads like the start of a down migration of a tool tenantq does not know`},
		{"a psql include", map[string]string{
			"1_a.sql": create + "\\ir 2_more.sql\n"},
			"1_a.sql:2:1: \\ir runs SQL the schema reader does not read"},
		{"a sqitch change without its deploy script", map[string]string{
			"sqitch.plan": "%project=app\ncreate 2024-01-01T00:00:00Z A <a@x>\n"},
			`sqitch.plan:2: change "create" has no deploy script`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := writeTree(t, tc.files)
			got, err := config.ReadSchema(dir)
			if err == nil {
				t.Fatalf("ReadSchema = %v, want an error", got)
			}
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("ReadSchema error %v is not a *config.Error", err)
			}
			if msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""); !strings.Contains(msg, tc.want) {
				t.Errorf("ReadSchema error =\n%s\nwant it to contain\n%s", msg, tc.want)
			}
		})
	}
}

// TestMigrationsIgnoreDirective checks that a team can vouch for procedural DDL the reader
// cannot follow, with a reason, and that a directive without one does not count.
func TestMigrationsIgnoreDirective(t *testing.T) {
	t.Parallel()
	const do = "DO $$ BEGIN EXECUTE 'CREATE TABLE dyn (id int)'; END $$;\n"
	dir := writeTree(t, map[string]string{"1_a.sql": "CREATE TABLE deals (id bigint);\n-- partitions: listed in tenantq.yaml\n-- tenantvet:ignore creates partitions of deals only\n" + do})
	if _, err := config.ReadSchema(dir); err != nil {
		t.Errorf("ReadSchema with a directive = %v, want no error", err)
	}
	dir = writeTree(t, map[string]string{"1_a.sql": "CREATE TABLE deals (id bigint);\n-- tenantvet:ignore\n" + do})
	if _, err := config.ReadSchema(dir); err == nil {
		t.Error("ReadSchema with a directive without a reason = nil error, want the DO block refused")
	}
}

// TestDroppedTenantColumn checks that a table whose tenant column a later migration drops or
// renames is refused by the policy, unless tenantq.yaml says what the table is.
func TestDroppedTenantColumn(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"1_create.sql": "CREATE TABLE deals (id bigint, tenant_id bigint);\nCREATE TABLE notes (id bigint, tenant_id bigint);\n",
		"2_drop.sql":   "ALTER TABLE deals DROP COLUMN tenant_id;\nALTER TABLE notes RENAME COLUMN tenant_id TO owner;\n",
	})
	tables, err := config.ReadSchema(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = sqlcheck.New(sqlcheck.Policy{Schema: tables})
	if !errors.Is(err, sqlcheck.ErrPolicy) || !strings.Contains(err.Error(), `table "deals" lost its tenant column "tenant_id" (`+filepath.Join(dir, "2_drop.sql")+`:1)`) {
		t.Errorf("New = %v, want deals refused with where it lost its tenant column", err)
	}
	if _, err := sqlcheck.New(sqlcheck.Policy{Schema: tables, GlobalTables: []string{"deals"}, Tables: map[string]string{"notes": "owner"}}); err != nil {
		t.Errorf("New with deals global and notes' column named = %v, want no error", err)
	}
	_, err = sqlcheck.New(sqlcheck.Policy{Schema: tables, GlobalTables: []string{"deals"}})
	if err == nil || !strings.Contains(err.Error(), `table "notes" lost its tenant column "tenant_id"`) {
		t.Errorf("New = %v, want notes refused (renamed away)", err)
	}
}

// TestCreateTableAsNamesLikePostgreSQL checks a sibling of the schema reader's leaks: CREATE
// TABLE AS names an unaliased scalar subquery after its inner column, as PostgreSQL does, so a
// tenant column that reaches the new table that way keeps it tenant-scoped.
func TestCreateTableAsNamesLikePostgreSQL(t *testing.T) {
	t.Parallel()
	got, err := config.ParseSchema("s.sql", "CREATE TABLE t (tenant_id int, a int);\nCREATE TABLE x AS SELECT (SELECT tenant_id FROM t LIMIT 1), CURRENT_DATE, max(a) FROM t;\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cols := columnsOf(got, "x"); !slices.Equal(cols, []string{"tenant_id", "current_date", "max"}) {
		t.Errorf("x has columns %v, want [tenant_id current_date max] as PostgreSQL names them", cols)
	}
}

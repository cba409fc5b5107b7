package config_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// TestMigrationLeaksRefused applies the up migrations of each layout to a real PostgreSQL as
// the migration tool would, seeds two tenants, and shows that the statement below reads both
// tenants' rows there, so a schema reader that believed deals global would let a leak pass;
// then that the policy read from the migrations refuses the statement.
func TestMigrationLeaksRefused(t *testing.T) {
	const leak = "SELECT name FROM deals"
	tests := []struct {
		name  string
		files map[string]string
		up    string // what the tool runs going up, in order
	}{
		{"tern's down section", map[string]string{
			"001_create.sql": "CREATE TABLE deals (id bigint, name text);\n---- create above / drop below ----\nDROP TABLE deals;\n",
			"002_tenant.sql": "ALTER TABLE deals ADD COLUMN tenant_id bigint;\n---- create above / drop below ----\nALTER TABLE deals DROP COLUMN tenant_id;\n",
		}, "CREATE TABLE deals (id bigint, name text); ALTER TABLE deals ADD COLUMN tenant_id bigint;"},
		{"sql-migrate's down section", map[string]string{
			"1_create.sql": "-- +migrate Up\nCREATE TABLE deals (id bigint, name text, tenant_id bigint);\n-- +migrate Down\nALTER TABLE deals DROP COLUMN tenant_id;\n",
		}, "CREATE TABLE deals (id bigint, name text, tenant_id bigint);"},
		{"golang-migrate versions 2 and 10", map[string]string{
			"2_create.up.sql":  "CREATE TABLE deals (id bigint, name text);",
			"10_tenant.up.sql": "ALTER TABLE deals ADD COLUMN tenant_id bigint;",
		}, "CREATE TABLE deals (id bigint, name text); ALTER TABLE deals ADD COLUMN tenant_id bigint;"},
		{"a DO block that adds the tenant column", map[string]string{
			"1_create.sql": "CREATE TABLE deals (id bigint, name text);\nDO $$ BEGIN ALTER TABLE deals ADD COLUMN IF NOT EXISTS tenant_id bigint; END $$;\n",
		}, "CREATE TABLE deals (id bigint, name text); DO $$ BEGIN ALTER TABLE deals ADD COLUMN IF NOT EXISTS tenant_id bigint; END $$;"},
	}
	pool := testdb.Open(t)
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tables, err := config.ReadSchema(writeTree(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			checker, err := sqlcheck.New(sqlcheck.Policy{Schema: tables})
			if err != nil {
				t.Fatal(err)
			}
			if r := checker.Check(leak); r.Safe() {
				t.Errorf("Check(%q) accepted it: the policy read from the migrations thinks deals is global", leak)
			}
			tx, err := pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			schema := "mig_" + strings.NewReplacer(" ", "_", "'", "", "-", "_").Replace(tc.name)
			//tenantvet:ignore applies the test's migrations in a schema of its own, rolled back
			if _, err := tx.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()+"; SET LOCAL search_path TO "+pgx.Identifier{schema}.Sanitize()+"; "+tc.up+
				" INSERT INTO deals (tenant_id, id, name) VALUES (1, 1, 'mine'), (2, 2, 'secret');", pgx.QueryExecModeSimpleProtocol); err != nil {
				t.Fatal(err)
			}
			var names []string
			//tenantvet:ignore shows on the server that the statement reads every tenant's rows
			rows, err := tx.Query(ctx, leak)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					t.Fatal(err)
				}
				names = append(names, n)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(names, ","), "secret") {
				t.Errorf("the statement read %v on the server, not tenant 2's row: the case proves nothing", names)
			}
		})
	}
}

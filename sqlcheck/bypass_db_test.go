package sqlcheck_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// bypassSchema holds two tenants. Tenant 2's rows carry the word "secret", which no statement
// run as tenant 1 may return.
const bypassSchema = `
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE deals (tenant_id bigint NOT NULL, id bigint NOT NULL, parent_name text, name text NOT NULL);
CREATE TABLE notes (tenant_id bigint NOT NULL, id bigint NOT NULL, body text NOT NULL);
INSERT INTO plans VALUES (1, 'free');
INSERT INTO deals VALUES (1, 1, NULL, 'mine'), (2, 2, 'top', 'secret');
INSERT INTO notes VALUES (1, 1, 'note'), (2, 2, 'secret note');
`

// bypassPolicy is bypassSchema's policy: plans global, deals and notes tenant tables.
var bypassPolicy = sqlcheck.Policy{Schema: []sqlcheck.Table{
	{Name: "plans", Columns: []string{"id", "name"}},
	{Name: "deals", Columns: []string{"tenant_id", "id", "parent_name", "name"}},
	{Name: "notes", Columns: []string{"tenant_id", "id", "body"}},
}}

// A bypass is a way around the checker found by attack. Its statements run in order, as tenant
// 1, in one transaction that is rolled back: the door is the statement the checker must refuse
// and the probe, which the checker accepts, then shows tenant 2's data (or, for a write, the
// check query does).
type bypass struct {
	name       string
	extensions []string // created first, as an administrator would; the case skips without them
	setup      []string // run before the door, not checked (an administrator's or a test's doing)
	door       string   // the statement the checker must refuse
	probe      string   // a statement the checker accepts, which then crosses tenants
	check      string   // for writes: a query whose result must then contain "secret"
}

// scsProbe is read by the checker with standard_conforming_strings on, as the server reads it
// by default: every condition is ANDed with the pin. With it off, the backslash escapes the
// quote, the pin is inside a string literal, and OR true returns every tenant's rows.
const scsProbe = `SELECT name FROM deals WHERE name <> 'x\' AND tenant_id = 1 AND name <> ' OR true --'`

var bypasses = []bypass{
	// Class 3: functions that run SQL text or read a relation by name.
	{name: "crosstab runs its SQL argument", extensions: []string{"tablefunc"},
		door: `SELECT * FROM crosstab('SELECT name, name, name FROM deals') AS t(row_name text, v text)`},
	{name: "crosstab in another schema", extensions: []string{"tablefunc"},
		setup: []string{`CREATE SCHEMA ext`, `ALTER EXTENSION tablefunc SET SCHEMA ext`},
		door:  `SELECT * FROM ext.crosstab('SELECT name, name, name FROM deals') AS t(row_name text, v text)`},
	{name: "connectby reads a relation by name", extensions: []string{"tablefunc"},
		door: `SELECT * FROM connectby('deals', 'name', 'parent_name', 'top', 0) AS t(k text, p text, level int)`},
	{name: "raw pages of a relation", extensions: []string{"pageinspect"},
		door: `SELECT encode(t_data, 'escape') FROM heap_page_items(get_raw_page('deals', 0))`},
	{name: "an application function that runs its argument",
		setup: []string{`CREATE FUNCTION run_sql(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY EXECUTE q; END $$`},
		door:  `SELECT * FROM run_sql('SELECT name FROM deals')`},
	{name: "table_to_xml qualified with pg_catalog",
		door: `SELECT pg_catalog.table_to_xml('deals', true, false, '')::text`},
	// Class 4: settings that change how the server reads SQL text.
	{name: "SET standard_conforming_strings", door: `SET standard_conforming_strings = off`, probe: scsProbe},
	{name: "SET LOCAL standard_conforming_strings", door: `SET LOCAL standard_conforming_strings TO false`, probe: scsProbe},
	{name: "set_config of standard_conforming_strings", door: `SELECT set_config('standard_conforming_strings', 'off', true)`, probe: scsProbe},
	{name: "SET of the setting's name quoted in mixed case (the server matches names in any case)",
		door: `SET "Standard_Conforming_Strings" = off`, probe: scsProbe},
	{name: "SET LOCAL of the setting's name quoted in upper case", door: `SET LOCAL "STANDARD_CONFORMING_STRINGS" TO false`, probe: scsProbe},
	{name: "UPDATE pg_settings", door: `UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'`, probe: scsProbe},
	// Class 7: a relation that comes to shadow a known table on the search path.
	{name: "CREATE SCHEMA with a view element, in the $user schema",
		door:  `CREATE SCHEMA "$USER" CREATE VIEW plans AS SELECT id, name FROM deals`,
		probe: `SELECT name FROM plans`},
	{name: "a view renamed elsewhere, then moved into the $user schema",
		setup: []string{`CREATE SCHEMA "$USER"`, `CREATE SCHEMA stash`, `CREATE VIEW stash.leak AS SELECT id, name FROM deals`,
			`ALTER VIEW stash.leak RENAME TO plans`},
		door:  `ALTER VIEW stash.plans SET SCHEMA "$USER"`,
		probe: `SELECT name FROM plans`},
	{name: "a view renamed into the $user schema",
		setup: []string{`CREATE SCHEMA "$USER"`, `CREATE VIEW "$USER".leak AS SELECT id, name FROM deals`},
		door:  `ALTER VIEW "$USER".leak RENAME TO plans`,
		probe: `SELECT name FROM plans`},
	{name: "a temporary view renamed like a global table",
		setup: []string{`CREATE TEMP VIEW leak AS SELECT id, name FROM deals`},
		door:  `ALTER VIEW leak RENAME TO plans`,
		probe: `SELECT name FROM plans`},
	{name: "a tenant table made a child of a global table",
		door:  `ALTER TABLE deals INHERIT plans`,
		probe: `SELECT name FROM plans`},
	{name: "a rule that makes a pinned write change another tenant's rows",
		door:  `CREATE RULE touch AS ON UPDATE TO notes DO ALSO UPDATE deals SET name = name || ' secret'`,
		probe: `UPDATE notes SET body = 'x' WHERE tenant_id = 1`,
		check: `SELECT name FROM deals WHERE tenant_id = 2`},
	// Class 8: a cursor declared for one tenant, read in another tenant's request.
	{name: "FETCH from another tenant's cursor",
		setup: []string{`DECLARE c CURSOR WITH HOLD FOR SELECT name FROM deals WHERE tenant_id = 2`},
		door:  `FETCH ALL FROM c`},
}

// TestBypassesRefused runs each attack on a real PostgreSQL, shows that it reaches tenant 2's
// data, and that the checker refuses its door (and so every layer built on the checker does).
func TestBypassesRefused(t *testing.T) {
	checker, err := sqlcheck.New(bypassPolicy)
	if err != nil {
		t.Fatal(err)
	}
	conn := bypassDatabase(t)
	ctx := context.Background()
	var user string
	if err := conn.QueryRow(ctx, "SELECT current_user").Scan(&user); err != nil {
		t.Fatal(err)
	}
	for _, tc := range bypasses {
		t.Run(tc.name, func(t *testing.T) {
			sub := func(s string) string { return strings.ReplaceAll(s, "$USER", user) }
			door := sub(tc.door)
			if r := checker.Check(door); r.Safe() {
				t.Errorf("Check(%q) accepted the door", door)
			} else {
				for _, v := range r.Violations {
					t.Logf("%s: %s; %s", v.Rule, v.Message, v.Hint)
				}
			}
			if tc.probe != "" {
				if r := checker.Check(sub(tc.probe)); !r.Safe() {
					t.Fatalf("Check(%q) = %v: the probe must be one the checker accepts", tc.probe, r.Err())
				}
			}
			leaked := runBypass(t, conn, tc, sub)
			if !strings.Contains(leaked, "secret") {
				t.Errorf("the attack did not reach tenant 2 on the server (got %q): it proves nothing", leaked)
			}
		})
	}
}

// runBypass runs tc in a transaction that it rolls back and returns what the last statement
// returned, as text.
func runBypass(t *testing.T, conn *pgx.Conn, tc bypass, sub func(string) string) string {
	t.Helper()
	ctx := context.Background()
	for _, ext := range tc.extensions {
		var ok bool
		err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = $1)
			AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)`, ext).Scan(&ok)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Skipf("extension %s is not available to this role on the test server", ext)
		}
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	// DECLARE ... WITH HOLD and the other statements run inside the transaction, and are all
	// undone by the rollback. Setup and extensions are an administrator's doing: not checked.
	var stmts []string
	for _, ext := range tc.extensions {
		stmts = append(stmts, "CREATE EXTENSION "+ext)
	}
	stmts = append(stmts, tc.setup...)
	stmts = append(stmts, tc.door)
	last := tc.door
	if tc.probe != "" {
		stmts, last = append(stmts, tc.probe), tc.probe
	}
	if tc.check != "" {
		stmts, last = append(stmts, tc.check), tc.check
	}
	var out strings.Builder
	for _, s := range stmts {
		s = sub(s)
		// The extended protocol sends the text as it is: pgx refuses its simple protocol once
		// standard_conforming_strings is off, but other drivers do not.
		//tenantvet:ignore runs attacks found by review, to prove on the server that they cross tenants
		rows, err := tx.Query(ctx, s, pgx.QueryExecModeExec)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		for rows.Next() {
			if s == sub(last) {
				vals, err := rows.Values()
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(&out, vals...)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return out.String()
}

// bypassDatabase creates a database of its own for the attacks, whose search_path is the
// server's default ("$user", public), holding bypassSchema, and returns a connection to it.
func bypassDatabase(t *testing.T) *pgx.Conn {
	t.Helper()
	return testdb.Database(t, bypassSchema)
}

package config_test

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// FuzzLoad parses arbitrary bytes as a configuration file. It must never panic, every error
// must be a *config.Error for the file, and a configuration it accepts must be valid.
func FuzzLoad(f *testing.F) {
	// Valid files.
	f.Add([]byte(""))
	f.Add([]byte("# only a comment\n"))
	f.Add([]byte("tenant_columns: [tenant_id, account_id]\nschema: db/schema.sql\nglobal_tables: [plans]\n" +
		"tables: {teams: id}\nunknown_tables: global\nshared_tenants: [0, shared]\nsearch_path: [app, public]\n"))
	f.Add([]byte("tenant_columns:\n  - tenant_id\nglobal_tables:\n  - plans\n  - public.countries\n"))
	f.Add([]byte("tables:\n  audit.events: org_id\n  \"Quoted\": tenant_id\n"))
	// Each kind of error.
	f.Add([]byte("tenant_column: [tenant_id]\n"))
	f.Add([]byte("tenant_columns: tenant_id\n"))
	f.Add([]byte("schema: [a.sql]\n"))
	f.Add([]byte("unknown_tables: maybe\n"))
	f.Add([]byte("tenant_columns: ['']\n"))
	f.Add([]byte("schema: a\nschema: b\n"))
	f.Add([]byte("tables: {a: [b]}\n"))
	f.Add([]byte("tables: {a: b, a: c}\n"))
	f.Add([]byte("tables: {plans: id}\nglobal_tables: [plans]\n"))
	// Shared tenant values: quotes, huge and odd numbers.
	f.Add([]byte("shared_tenants: [\"it's\", '''', 0x7fffffffffffffff, 18446744073709551615, 99999999999999999999, -0, +1, 0o17, 1_000]\n"))
	f.Add([]byte("shared_tenants: [1.5, .inf, true, ~, 2001-12-14, !!binary aGVsbG8=]\n"))
	// YAML features: anchors, aliases, merge keys, tags, documents, flow style.
	f.Add([]byte("tenant_columns: &c [a]\nsearch_path: *c\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("tenant_columns: &x [*x]\n"))
	f.Add([]byte("<<: {schema: x}\n"))
	f.Add([]byte("schema: !custom x\n"))
	f.Add([]byte("? [complex, key]\n: value\n"))
	f.Add([]byte("schema: a\n---\nschema: b\n"))
	f.Add([]byte("---\n...\n"))
	f.Add([]byte("{tenant_columns: [a], schema: b}"))
	// Syntax errors, control characters, invalid UTF-8, a byte order mark, tabs.
	f.Add([]byte("schema: a\n  b: c\n"))
	f.Add([]byte("schema: \"\x01\"\n"))
	f.Add([]byte("schema: \xff\xfe\n"))
	f.Add([]byte("\xef\xbb\xbfschema: a.sql\n"))
	f.Add([]byte("\tschema: a\n"))
	f.Add([]byte("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["))

	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			t.Skip("larger than any configuration file")
		}
		const name = "dir/tenantq.yaml"
		c, err := config.Parse(name, data)
		if err != nil {
			var e *config.Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse error %T %q is not a *config.Error", err, err)
			}
			if e.File != name || e.Line < 0 || e.Err == nil {
				t.Fatalf("Parse error %#v: want file %q, a line >= 0 and a cause", e, name)
			}
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("Parse error %q does not start with %q", err, name+":")
			}
			return
		}
		again, err := config.Parse(name, data)
		if err != nil || !reflect.DeepEqual(c, again) {
			t.Fatalf("Parse is not deterministic: %+v, then %+v, %v", c, again, err)
		}
		if c.Path != name {
			t.Errorf("Path = %q, want %q", c.Path, name)
		}
		checkNames(t, "TenantColumns", c.TenantColumns, false)
		checkNames(t, "SearchPath", c.SearchPath, false)
		checkNames(t, "GlobalTables", c.GlobalTables, true)
		for table, col := range c.Tables {
			if table == "" || col == "" {
				t.Errorf("Tables has an empty name: %q: %q", table, col)
			}
			if slices.Contains(c.GlobalTables, table) {
				t.Errorf("table %q is both global and tenant-scoped", table)
			}
		}
		if c.UnknownTables != sqlcheck.UnknownTenant && c.UnknownTables != sqlcheck.UnknownGlobal {
			t.Errorf("UnknownTables = %d", c.UnknownTables)
		}
		for _, s := range c.SharedTenants {
			if !isLiteral(s) {
				t.Errorf("shared tenant %q is not SQL literal text", s)
			}
		}
		c.Schema = nil // do not read files named by fuzz input
		if _, err := c.Policy(); err != nil {
			t.Errorf("Policy() without a schema: %v", err)
		}
	})
}

func checkNames(t *testing.T, field string, names []string, emptyOK bool) {
	t.Helper()
	if len(names) == 0 && !emptyOK {
		t.Errorf("%s is empty", field)
	}
	if slices.Contains(names, "") {
		t.Errorf("%s = %q has an empty name", field, names)
	}
}

// isLiteral reports whether s is an integer or a single-quoted SQL string with its quotes doubled.
func isLiteral(s string) bool {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(s, 10, 64); err == nil {
		return true
	}
	if len(s) < 3 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return false
	}
	return !strings.Contains(strings.ReplaceAll(s[1:len(s)-1], "''", ""), "'")
}

// FuzzSchema parses arbitrary text as a schema file. It must never panic (nor crash the C
// parser), every error must be a *config.Error with a position inside the text, and the
// tables must be sorted, named and free of duplicate columns.
func FuzzSchema(f *testing.F) {
	// Table DDL.
	f.Add("CREATE TABLE contacts (id int, tenant_id int NOT NULL, name text);")
	f.Add("CREATE TABLE a (x int); ALTER TABLE a ADD COLUMN y int, DROP COLUMN x; ALTER TABLE a RENAME COLUMN y TO z; ALTER TABLE a RENAME TO b; DROP TABLE b;")
	f.Add("CREATE TABLE p (id int) PARTITION BY LIST (id); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE TABLE c () INHERITS (p1); DROP TABLE p CASCADE;")
	f.Add("CREATE TABLE a (id int); CREATE TABLE b (LIKE a, z int); CREATE TABLE c AS SELECT *, 1 AS one FROM a JOIN b USING (id);")
	f.Add("CREATE TABLE a (id int); CREATE TABLE b () INHERITS (a); ALTER TABLE a INHERIT b; ALTER TABLE a ADD COLUMN x int; DROP TABLE b;")
	f.Add("WITH RECURSIVE r AS (SELECT 1 AS n UNION SELECT n + 1 FROM r) SELECT * INTO t FROM r;")
	f.Add("CREATE TABLE t (a, a) AS VALUES (1, 2); ALTER TABLE t RENAME COLUMN a TO b; ALTER TABLE t RENAME COLUMN b TO a;")
	// Keys: constraints, unique indexes, foreign keys, through renames, drops and partitions.
	f.Add("CREATE TABLE p (id int PRIMARY KEY, c text UNIQUE); CREATE TABLE c (p int REFERENCES p ON DELETE CASCADE, q int, FOREIGN KEY (q) REFERENCES p (id)); ALTER TABLE p RENAME COLUMN id TO pid; ALTER TABLE p RENAME TO pp; ALTER TABLE c DROP COLUMN q; DROP TABLE pp CASCADE;")
	f.Add("CREATE TABLE t (a int NOT NULL, b int); CREATE UNIQUE INDEX i ON t (a) INCLUDE (b); ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY USING INDEX i; ALTER INDEX k RENAME TO k2; ALTER TABLE t RENAME CONSTRAINT k2 TO k3; ALTER TABLE t DROP CONSTRAINT k3; DROP INDEX IF EXISTS i;")
	f.Add("CREATE TABLE e (t int, at date, PRIMARY KEY (t, at), FOREIGN KEY (t) REFERENCES e) PARTITION BY RANGE (at); CREATE TABLE e1 PARTITION OF e DEFAULT; ALTER TABLE e1 ATTACH PARTITION e FOR VALUES IN (1); ALTER TABLE e DETACH PARTITION e1; CREATE TABLE l (LIKE e INCLUDING ALL);")
	f.Add("CREATE TABLE t (a int REFERENCES t); ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN a DROP NOT NULL; DO $$ BEGIN ALTER TABLE t ADD UNIQUE (a); END $$;")
	// Quoted identifiers and strings, E-strings, dollar quotes, comments.
	f.Add(`CREATE TABLE "We""ird" ("Tenant_Id" int, "" int);`)
	f.Add(`CREATE TABLE t (a text DEFAULT E'it\'s', b text DEFAULT $tag$ ) $$ $tag$);`)
	f.Add("CREATE TABLE t (a int /* nested /* comment */ still */, -- line comment\n b int);")
	// Migration markers and psql meta-commands.
	f.Add("-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n")
	f.Add("-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n")
	f.Add("\\set x 1\nCREATE TABLE t (id int);\n\\.\n")
	// Syntax errors, invalid UTF-8, NUL, multi-byte characters before an error.
	f.Add("CREATE TABLE t (id int,, x int);")
	f.Add("SELECT 'é' FORM t; \xff\xfe")
	f.Add("CREATE TABLE t (id int);\x00")
	f.Add("CREATE TABLE t (id int DEFAULT 'unterminated")
	f.Add("\uFEFFCREATE TABLE t (id int);\r\n")
	// Deep nesting.
	f.Add("SELECT " + strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000))
	f.Add("SELECT 1" + strings.Repeat("+1", 3000))
	f.Add("SELECT " + strings.Repeat("NOT ", 3000) + "true")
	f.Add("SELECT a" + strings.Repeat("::int", 3000))
	f.Add(strings.Repeat("SELECT 1, 2 UNION ", 1500) + "SELECT 1")
	f.Add("SELECT 1 FROM a" + strings.Repeat(" JOIN b ON x AND y", 1500))
	f.Add("SELECT 1" + strings.Repeat(" + CASE WHEN x THEN 1 END", 1500))

	f.Fuzz(func(t *testing.T, sql string) {
		if len(sql) > 1<<16 {
			t.Skip("too large to parse quickly")
		}
		got, err := config.ParseSchema("f.sql", sql, nil)
		if err != nil {
			var e *config.Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseSchema error %T %q is not a *config.Error", err, err)
			}
			if e.File != "f.sql" || e.Err == nil {
				t.Fatalf("ParseSchema error %#v: want file f.sql and a cause", e)
			}
			lines := strings.Count(sql, "\n") + 1
			if e.Line < 0 || e.Line > lines || e.Column < 0 || e.Column > len(sql)+1 {
				t.Fatalf("ParseSchema error %q: position %d:%d outside the text (%d lines)", err, e.Line, e.Column, lines)
			}
			return
		}
		again, err := config.ParseSchema("f.sql", sql, nil)
		if err != nil || !reflect.DeepEqual(got, again) {
			t.Fatalf("ParseSchema is not deterministic: %v, then %v, %v", got, again, err)
		}
		for i, tb := range got {
			if tb.Name == "" {
				t.Errorf("table %d has no name: %+v", i, tb)
			}
			if i > 0 {
				prev := got[i-1]
				if prev.Schema > tb.Schema || prev.Schema == tb.Schema && prev.Name >= tb.Name {
					t.Errorf("tables not sorted or not unique: %+v before %+v", prev, tb)
				}
			}
			cols := slices.Clone(tb.Columns)
			slices.Sort(cols)
			if len(slices.Compact(cols)) != len(tb.Columns) {
				t.Errorf("table %+v has duplicate columns", tb)
			}
			// Keys name columns the table has; a foreign key pairs its columns with as many
			// referenced ones, which the referenced table has when the schema has it.
			for _, c := range tb.NotNull {
				if !slices.Contains(tb.Columns, c) {
					t.Errorf("table %+v: NOT NULL column %q is not a column", tb, c)
				}
			}
			for _, k := range tb.Unique {
				for _, c := range k {
					if !slices.Contains(tb.Columns, c) {
						t.Errorf("table %+v: key %q holds %q, not a column", tb, k, c)
					}
				}
			}
			for _, fk := range tb.ForeignKeys {
				if fk.Name == "" || fk.RefTable == "" || len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
					t.Errorf("table %+v: malformed foreign key %+v", tb, fk)
				}
				for _, c := range fk.Columns {
					if !slices.Contains(tb.Columns, c) {
						t.Errorf("table %+v: foreign key %q holds %q, not a column", tb, fk.Name, c)
					}
				}
				for _, r := range got {
					if r.Schema == fk.RefSchema && r.Name == fk.RefTable {
						for _, c := range fk.RefColumns {
							if !slices.Contains(r.Columns, c) {
								t.Errorf("table %+v: foreign key %q references %q, not a column of %q", tb, fk.Name, c, r.Name)
							}
						}
					}
				}
			}
		}
		// Applying the result as a starting point changes nothing.
		same, err := config.ParseSchema("g.sql", "", got)
		if err != nil || !reflect.DeepEqual(same, got) {
			t.Errorf("ParseSchema of an empty file changed the tables: %v -> %v, %v", got, same, err)
		}
	})
}

package config_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// tables is a compact way to write a schema: "schema.name: col, col" or "name: col, col".
// withoutHistory returns the tables without their column types (TestColumnTypes checks
// them) and without the columns they lost, which
// TestDroppedColumns checks.
func withoutHistory(ts []sqlcheck.Table) []sqlcheck.Table {
	out := slices.Clone(ts)
	for i := range out {
		out[i].Dropped, out[i].Types = nil, nil
	}
	return out
}

// withKeys sets the NOT NULL columns and unique keys of the table named name in ts.
func withKeys(ts []sqlcheck.Table, name string, notNull []string, unique ...[]string) []sqlcheck.Table {
	for i := range ts {
		if ts[i].Name == name {
			ts[i].NotNull, ts[i].Unique = notNull, unique
		}
	}
	return ts
}

func tables(specs ...string) []sqlcheck.Table {
	var out []sqlcheck.Table
	for _, spec := range specs {
		name, cols, _ := strings.Cut(spec, ":")
		t := sqlcheck.Table{Name: name}
		if s, n, ok := strings.Cut(name, "."); ok {
			t.Schema, t.Name = s, n
		}
		for c := range strings.SplitSeq(cols, ",") {
			if c = strings.TrimSpace(c); c != "" {
				t.Columns = append(t.Columns, c)
			}
		}
		out = append(out, t)
	}
	return out
}

func TestParseSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sql  string
		want []sqlcheck.Table
	}{
		{
			name: "create table",
			sql:  `CREATE TABLE contacts (id int PRIMARY KEY, tenant_id int NOT NULL, "Name" text, CONSTRAINT c CHECK (id > 0));`,
			want: withKeys(tables("contacts: id, tenant_id, Name"), "contacts", []string{"id", "tenant_id"}, []string{"id"}),
		},
		{
			name: "names fold, quoted names are exact, schemas kept",
			sql:  `CREATE TABLE Contacts (ID int); CREATE TABLE "Deals" (x int); CREATE TABLE audit.Events (y int);`,
			want: tables("Deals: x", "contacts: id", "audit.events: y"),
		},
		{
			name: "sorted by schema then name",
			sql:  `CREATE TABLE z.a (); CREATE TABLE b (); CREATE TABLE a.z (); CREATE TABLE a ();`,
			want: tables("a:", "b:", "a.z:", "z.a:"),
		},
		{
			name: "alter table add, drop and rename columns",
			sql: `CREATE TABLE t (id int, name text, phone text);
				ALTER TABLE t ADD COLUMN tenant_id int, ADD email text, DROP COLUMN phone;
				ALTER TABLE IF EXISTS t RENAME COLUMN name TO full_name;
				ALTER TABLE t ADD COLUMN IF NOT EXISTS email text;
				ALTER TABLE t DROP COLUMN IF EXISTS missing;`,
			want: tables("t: id, full_name, tenant_id, email"),
		},
		{
			name: "rename table and set schema",
			sql: `CREATE TABLE old (id int); ALTER TABLE old RENAME TO new;
				CREATE TABLE moved (id int); ALTER TABLE moved SET SCHEMA archive;`,
			want: tables("new: id", "archive.moved: id"),
		},
		{
			name: "drop table with several names",
			sql: `CREATE TABLE a (); CREATE TABLE b (); CREATE TABLE s.c (); CREATE TABLE keep ();
				DROP TABLE a, s.c; DROP TABLE IF EXISTS b, nope CASCADE;`,
			want: tables("keep:"),
		},
		{
			name: "dropped and re-created",
			sql:  `CREATE TABLE t (a int); DROP TABLE t; CREATE TABLE t (b int, tenant_id int);`,
			want: tables("t: b, tenant_id"),
		},
		{
			name: "re-created without drop takes the latest columns",
			sql:  `CREATE TABLE t (a int); CREATE TABLE t (b int);`,
			want: tables("t: b"),
		},
		{
			name: "if not exists keeps the existing table",
			sql:  `CREATE TABLE t (a int, tenant_id int); CREATE TABLE IF NOT EXISTS t (b int);`,
			want: tables("t: a, tenant_id"),
		},
		{
			name: "public and unqualified are the same table",
			sql: `CREATE TABLE public.t (a int); ALTER TABLE t ADD COLUMN tenant_id int;
				CREATE TABLE u (a int); DROP TABLE public.u;`,
			want: tables("public.t: a, tenant_id"),
		},
		{
			name: "like copies known columns",
			sql:  `CREATE TABLE a (x int, tenant_id int); CREATE TABLE b (id int, LIKE a INCLUDING ALL, y int);`,
			want: tables("a: x, tenant_id", "b: id, x, tenant_id, y"),
		},
		{
			name: "like of an unknown table leaves the table out",
			sql:  `CREATE TABLE b (LIKE elsewhere, y int);`,
			want: nil,
		},
		{
			name: "partition of inherits the parent's columns",
			sql: `CREATE TABLE events (id int, tenant_id int, at date) PARTITION BY RANGE (at);
				CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
				CREATE TABLE events_rest PARTITION OF events (at WITH OPTIONS NOT NULL) DEFAULT;`,
			want: withKeys(tables("events: id, tenant_id, at", "events_2024: id, tenant_id, at", "events_rest: id, tenant_id, at"), "events_rest", []string{"at"}),
		},
		{
			name: "inherits puts the parents' columns first",
			sql:  `CREATE TABLE base (id int, tenant_id int); CREATE TABLE child (extra text, id int) INHERITS (base);`,
			want: tables("base: id, tenant_id", "child: id, tenant_id, extra"),
		},
		{
			name: "partition of an unknown table is left out",
			sql:  `CREATE TABLE events_2024 PARTITION OF events FOR VALUES IN (2024);`,
			want: nil,
		},
		{
			name: "column changes reach children unless ONLY",
			sql: `CREATE TABLE p (id int) PARTITION BY LIST (id);
				CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);
				CREATE TABLE p2 (c int) INHERITS (p1);
				ALTER TABLE p ADD COLUMN tenant_id int;
				ALTER TABLE ONLY p2 ADD COLUMN only_p2 int;
				ALTER TABLE p RENAME COLUMN id TO pid;
				ALTER TABLE ONLY p DROP COLUMN only_p2;`,
			want: tables("p: pid, tenant_id", "p1: pid, tenant_id", "p2: pid, c, tenant_id, only_p2"),
		},
		{
			name: "attach and detach partitions",
			sql: `CREATE TABLE p (id int) PARTITION BY LIST (id);
				CREATE TABLE a (id int); CREATE TABLE b (id int);
				ALTER TABLE p ATTACH PARTITION a FOR VALUES IN (1);
				ALTER TABLE p ATTACH PARTITION b FOR VALUES IN (2);
				ALTER TABLE p DETACH PARTITION b;
				ALTER TABLE p ADD COLUMN tenant_id int;`,
			want: tables("a: id, tenant_id", "b: id", "p: id, tenant_id"),
		},
		{
			name: "dropping a partitioned table drops its partitions",
			sql: `CREATE TABLE p (id int) PARTITION BY LIST (id);
				CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);
				CREATE TABLE kid () INHERITS (p1);
				DROP TABLE p;`,
			want: tables("kid: id"),
		},
		{
			name: "drop cascade drops inheritance children",
			sql:  `CREATE TABLE a (id int); CREATE TABLE b () INHERITS (a); CREATE TABLE c () INHERITS (b); DROP TABLE a CASCADE;`,
			want: nil,
		},
		{
			name: "inherit and no inherit",
			sql: `CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int);
				ALTER TABLE b INHERIT a; ALTER TABLE c INHERIT a; ALTER TABLE c NO INHERIT a;
				ALTER TABLE a ADD COLUMN tenant_id int;`,
			want: tables("a: id, tenant_id", "b: id, tenant_id", "c: id"),
		},
		{
			name: "inheritance cycle terminates",
			sql: `CREATE TABLE a (id int); CREATE TABLE b () INHERITS (a);
				ALTER TABLE a INHERIT b; ALTER TABLE a ADD COLUMN x int; DROP TABLE a;`,
			want: tables("b: id, x"),
		},
		{
			name: "create table as names plain and aliased columns",
			sql: `CREATE TABLE src (id int, tenant_id int, body text);
				CREATE TABLE copy AS SELECT id, s.tenant_id, body AS text_body, 1, 1 AS one, count(*), tenant_id::text,
					NULL::int, CASE WHEN true THEN 1 END, coalesce(body, ''), (SELECT 1 AS sub) FROM src s;`,
			want: tables("copy: id, tenant_id, text_body, one, count, int4, case, coalesce, sub", "src: id, tenant_id, body"),
		},
		{
			name: "create table as expands stars of known tables",
			sql: `CREATE TABLE a (id int, tenant_id int); CREATE TABLE b (id int, note text);
				CREATE TABLE j AS SELECT * FROM a JOIN b USING (id);
				CREATE TABLE q AS SELECT b.*, x.tenant_id FROM b, a AS x;
				CREATE TABLE w AS WITH c AS (SELECT id AS cid FROM a) SELECT * FROM c;
				CREATE TABLE v (m, n) AS VALUES (1, 2);
				CREATE TABLE u AS SELECT * FROM (SELECT tenant_id FROM a) sub UNION SELECT 1;
				CREATE TABLE t AS TABLE a;`,
			want: tables("a: id, tenant_id", "b: id, note", "j: id, tenant_id, note", "q: id, note, tenant_id",
				"t: id, tenant_id", "u: tenant_id", "v: m, n", "w: cid"),
		},
		{
			name: "create table as with a star that cannot be expanded is left out",
			sql: `CREATE TABLE t (a int); CREATE TABLE t AS SELECT * FROM unknown_table;
				CREATE TABLE f AS SELECT * FROM generate_series(1, 3);`,
			want: nil,
		},
		{
			name: "select into and column list",
			sql:  `CREATE TABLE a (id int, tenant_id int); SELECT id, tenant_id INTO b FROM a; CREATE TABLE c (x, y) AS SELECT id, tenant_id FROM a;`,
			want: tables("a: id, tenant_id", "b: id, tenant_id", "c: x, y"),
		},
		{
			name: "temporary tables, views and matviews are ignored",
			sql: `CREATE TEMP TABLE tmp (id int); CREATE TABLE t (id int);
				CREATE VIEW v AS SELECT * FROM t; CREATE MATERIALIZED VIEW mv AS SELECT * FROM t;
				ALTER TABLE v ADD COLUMN x int;`,
			want: tables("t: id"),
		},
		{
			name: "foreign tables count",
			sql:  `CREATE FOREIGN TABLE remote (id int, tenant_id int) SERVER s;`,
			want: tables("remote: id, tenant_id"),
		},
		{
			name: "alter of an unknown table creates nothing",
			sql:  `ALTER TABLE elsewhere ADD COLUMN tenant_id int; ALTER TABLE elsewhere RENAME TO here;`,
			want: nil,
		},
		{
			name: "everything else is ignored",
			sql: `CREATE SCHEMA app; CREATE EXTENSION IF NOT EXISTS pgcrypto;
				CREATE TABLE t (id int);
				CREATE INDEX t_id ON t (id);
				CREATE UNIQUE INDEX CONCURRENTLY t_id2 ON t (id);
				COMMENT ON TABLE t IS 'x';
				CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
				CREATE PROCEDURE p() LANGUAGE sql AS $$ CREATE TABLE inner_t (id int) $$;
				INSERT INTO t VALUES (1);
				GRANT SELECT ON t TO app;
				BEGIN; COMMIT;
				ALTER INDEX t_id RENAME TO t_idx;
				DROP INDEX t_idx; DROP VIEW IF EXISTS t;`,
			// The unique index is a key (see TestParseSchemaKeys); the plain one is ignored.
			want: withKeys(tables("t: id"), "t", nil, []string{"id"}),
		},
		{
			name: "psql meta-commands are skipped",
			sql:  "\\set ON_ERROR_STOP on\n  \\connect app\nCREATE TABLE t (id int);\n\\echo done\n",
			want: tables("t: id"),
		},
		{
			name: "a line that starts with a backslash inside a literal is SQL",
			sql:  "CREATE TABLE deals (id int);\nCOMMENT ON TABLE deals IS 'a\n\\'; ALTER TABLE deals ADD COLUMN tenant_id int; COMMENT ON TABLE deals IS '\n';\n",
			want: tables("deals: id, tenant_id"),
		},
		{
			name: "goose up section only",
			sql:  "CREATE TABLE before_up (id int);\n-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n",
			want: tables("t: id"),
		},
		{
			name: "dbmate up section only",
			sql:  "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n",
			want: tables("t: id"),
		},
		{
			name: "windows line endings and a byte order mark",
			sql:  "\uFEFF-- +goose Up\r\nCREATE TABLE t (id int);\r\n-- +goose Down\r\nDROP TABLE t;\r\n",
			want: tables("t: id"),
		},
		{
			name: "empty",
			sql:  "-- nothing here\n",
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := config.ParseSchema("schema.sql", tc.sql, nil)
			if err != nil {
				t.Fatalf("ParseSchema(%q): %v", tc.sql, err)
			}
			if got := withoutHistory(got); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseSchema(%q) =\n%v\nwant\n%v", tc.sql, got, tc.want)
			}
		})
	}
}

func TestParseSchemaExistingTables(t *testing.T) {
	t.Parallel()
	in := tables("contacts: id", "notes: id, tenant_id")
	got, err := config.ParseSchema("002.sql", "ALTER TABLE contacts ADD COLUMN tenant_id int; DROP TABLE notes;", in)
	if err != nil {
		t.Fatal(err)
	}
	if want := tables("contacts: id, tenant_id"); !reflect.DeepEqual(withoutHistory(got), want) {
		t.Errorf("ParseSchema = %v, want %v", got, want)
	}
	if want := tables("contacts: id", "notes: id, tenant_id"); !reflect.DeepEqual(in, want) {
		t.Errorf("ParseSchema modified its input: %v", in)
	}
}

func TestParseSchemaErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		sql       string
		want      string
		line, col int
		pgError   bool
	}{
		{
			name: "syntax error",
			sql:  "CREATE TABLE t (id int);\n\nCREATE TABLE u (id int,, x int);\n",
			want: `f.sql:3:24: syntax error at or near ","`,
			line: 3, col: 24, pgError: true,
		},
		{
			name: "column counts bytes after multi-byte characters",
			sql:  "SELECT 'héllo', 'wörld' FORM t;",
			want: `f.sql:1:32: syntax error at or near "t"`,
			line: 1, col: 32, pgError: true,
		},
		{
			name: "positions stay those of the original file",
			sql:  "\\set x 1\n-- +goose Up\nCREATE TABLE t (id int);\nCREAT TABLE u ();\n-- +goose Down\nDROP TABLE t;\n",
			want: `f.sql:4:1: syntax error at or near "CREAT"`,
			line: 4, col: 1, pgError: true,
		},
		{
			name: "syntax error in a down section is not seen",
			sql:  "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t,,;\n",
		},
		{
			name: "unterminated string",
			sql:  "CREATE TABLE t (id int DEFAULT 'x);\n",
			want: `f.sql:1:32: unterminated quoted string at or near "'x);` + "\n" + `"`,
			line: 1, col: 32, pgError: true,
		},
		{
			name: "error at end of input",
			sql:  "CREATE TABLE t (id int",
			want: `f.sql:1:23: syntax error at end of input`,
			line: 1, col: 23, pgError: true,
		},
		{
			name: "nul byte",
			sql:  "CREATE TABLE t (id int);\nCREATE\x00 TABLE u ();",
			want: `f.sql:2:7: NUL byte in SQL text`,
			line: 2, col: 7,
		},
		{
			name: "nested too deeply",
			sql:  "CREATE TABLE t (id int);\nSELECT 1" + strings.Repeat(" + 1", 100000) + ";",
			want: `f.sql:2:4010: statement nests too deeply to parse safely`,
			line: 2, col: 4010,
		},
		{
			name: "set operations nest across commas",
			sql:  strings.Repeat("SELECT 1, 2 UNION ", 100000) + "SELECT 1, 2",
			want: `f.sql:1:18013: statement nests too deeply to parse safely`,
			line: 1, col: 18013,
		},
		{
			name: "joins nest across AND",
			sql:  "SELECT 1 FROM a" + strings.Repeat(" JOIN b ON x AND y", 100000),
			want: `f.sql:1:18017: statement nests too deeply to parse safely`,
			line: 1, col: 18017,
		},
		{
			name: "CASE expressions chained by operators",
			sql:  "SELECT 1" + strings.Repeat(" + CASE WHEN x THEN 1 END", 100000),
			want: `f.sql:1:24987: statement nests too deeply to parse safely`,
			line: 1, col: 24987,
		},
		{
			name: "parentheses nested too deeply",
			sql:  "SELECT " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000),
			want: `f.sql:1:1008: statement nests too deeply to parse safely`,
			line: 1, col: 1008,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := config.ParseSchema("f.sql", tc.sql, nil)
			if tc.want == "" {
				if err != nil {
					t.Errorf("ParseSchema: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseSchema = %v, want error %s", got, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("ParseSchema error:\n got %s\nwant %s", err, tc.want)
			}
			var e *config.Error
			if !errors.As(err, &e) || e.File != "f.sql" || e.Line != tc.line || e.Column != tc.col {
				t.Errorf("ParseSchema error = %#v, want a *config.Error at f.sql:%d:%d", err, tc.line, tc.col)
			}
			var pe *pgparser.Error
			if got := errors.As(err, &pe); got != tc.pgError {
				t.Errorf("errors.As(err, *parser.Error) = %v, want %v", got, tc.pgError)
			}
		})
	}
}

func TestParseSchemaLongFlatStatements(t *testing.T) {
	t.Parallel()
	// Long but shallow statements stay below the nesting limit.
	var cols, checks []string
	for i := range 3000 {
		cols = append(cols, fmt.Sprintf("c%d int", i))
		checks = append(checks, fmt.Sprintf("c%d > 0", i))
	}
	sql := "CREATE TABLE wide (" + strings.Join(cols, ", ") + ", CHECK (" + strings.Join(checks, " AND ") + "));\n" +
		"CREATE VIEW v AS SELECT CASE" + strings.Repeat(" WHEN c1 = 1 THEN 'a'", 2000) + " END FROM wide;\n" +
		"INSERT INTO wide (c0) VALUES " + strings.Repeat("(1), ", 5000) + "(1);\n"
	got, err := config.ParseSchema("wide.sql", sql, nil)
	if err != nil {
		t.Fatalf("ParseSchema: %v", err)
	}
	if len(got) != 1 || len(got[0].Columns) != 3000 {
		t.Errorf("ParseSchema gave %d tables, want 1 with 3000 columns", len(got))
	}
}

func TestReadSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		path string
		want []sqlcheck.Table
	}{
		{
			name: "one file",
			path: "project/db/schema.sql",
			want: withKeys(withKeys(withKeys(tables("app.contacts: id, tenant_id, email", "app.deals: id, account_id, contact_id", "public.plans: id, name"),
				"contacts", []string{"id", "tenant_id"}), "deals", []string{"id", "account_id"}), "plans", []string{"id"}),
		},
		{
			name: "plain migrations",
			path: "migrations/plain",
			want: withKeys(withKeys(tables("contacts: id, tenant_id, full_name", "deals: id, tenant_id, amount", "plans: id, name"),
				"contacts", []string{"id", "tenant_id"}, []string{"id"}), "deals", []string{"tenant_id"}),
		},
		{
			name: "golang-migrate skips down files",
			path: "migrations/golang-migrate",
			want: tables("contacts: id, tenant_id, email", "notes: id, tenant_id, body"),
		},
		{
			name: "goose applies up sections",
			path: "migrations/goose",
			want: tables("contacts: id, tenant_id, email", "notes: id, tenant_id, body"),
		},
		{
			name: "dbmate applies up sections",
			path: "migrations/dbmate",
			want: tables("contacts: id, tenant_id", "notes: id, tenant_id, body", "plans: id"),
		},
		{
			name: "nested directories in lexical path order",
			path: "migrations/nested",
			want: tables("contacts: id, tenant_id", "notes: id, tenant_id"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := config.ReadSchema(filepath.Join("testdata", filepath.FromSlash(tc.path)))
			if err != nil {
				t.Fatalf("ReadSchema(%q): %v", tc.path, err)
			}
			if got := withoutHistory(got); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ReadSchema(%q) =\n%v\nwant\n%v", tc.path, got, tc.want)
			}
		})
	}
}

func TestReadSchemaErrors(t *testing.T) {
	t.Parallel()
	bad := filepath.Join("testdata", "bad", "syntax.sql")
	_, err := config.ReadSchema(bad)
	if want := bad + `:5:19: syntax error at or near ","`; err == nil || err.Error() != want {
		t.Errorf("ReadSchema(%q) error = %v, want %s", bad, err, want)
	}

	empty := filepath.Join("testdata", "migrations", "empty-dir")
	_, err = config.ReadSchema(empty)
	if want := empty + ": no .sql files in the schema directory"; err == nil || err.Error() != want {
		t.Errorf("ReadSchema(%q) error = %v, want %s", empty, err, want)
	}

	missing := filepath.Join("testdata", "nope")
	if _, err := config.ReadSchema(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadSchema(%q) error = %v, want one matching fs.ErrNotExist", missing, err)
	}

	// An error in a later migration names that file.
	dir := t.TempDir()
	for name, sql := range map[string]string{
		"001_init.sql":  "CREATE TABLE t (id int);\n",
		"002_break.sql": "ALTER TABLE t ADD COLUMN;\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sql), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = config.ReadSchema(dir)
	if want := filepath.Join(dir, "002_break.sql") + `:1:25: syntax error at or near ";"`; err == nil || err.Error() != want {
		t.Errorf("ReadSchema(%q) error = %v, want %s", dir, err, want)
	}
}

// TestColumnTypes checks the column types the reader records, which tenantvet rls casts the
// tenant to: without modifiers, through serials, renames, ALTER TYPE, LIKE and partitions.
func TestColumnTypes(t *testing.T) {
	t.Parallel()
	const ddl = `
CREATE DOMAIN tenant_key AS text;
CREATE TABLE a (id bigserial PRIMARY KEY, tenant_id int NOT NULL, code varchar(8), org "Org"."Key", k tenant_key, tags text[], c char(2));
ALTER TABLE a RENAME COLUMN code TO label;
ALTER TABLE a ALTER COLUMN tenant_id TYPE bigint;
ALTER TABLE a ADD COLUMN ts timestamp with time zone, ADD COLUMN u uuid;
CREATE TABLE b (LIKE a);
CREATE TABLE p (tenant_id uuid, n numeric(10,2)) PARTITION BY LIST (tenant_id);
CREATE TABLE p1 PARTITION OF p FOR VALUES IN ('00000000-0000-0000-0000-000000000001');
CREATE TABLE v AS SELECT id, tenant_id FROM a;
`
	got, err := config.ParseSchema("schema.sql", ddl, nil)
	if err != nil {
		t.Fatal(err)
	}
	aTypes := map[string]string{"id": "bigint", "tenant_id": "bigint", "label": "varchar", "org": `"Org"."Key"`, "k": "tenant_key", "c": "bpchar", "ts": "timestamptz", "u": "uuid"}
	want := map[string]map[string]string{
		"a":  aTypes,
		"b":  aTypes,
		"p":  {"tenant_id": "uuid", "n": "numeric"},
		"p1": {"tenant_id": "uuid", "n": "numeric"},
		"v":  nil, // CREATE TABLE AS: the types are the query's, which the reader does not know
	}
	for _, tb := range got {
		if w, ok := want[tb.Name]; !ok {
			t.Errorf("unexpected table %q", tb.Name)
		} else if !reflect.DeepEqual(tb.Types, w) {
			t.Errorf("%s: Types = %v, want %v", tb.Name, tb.Types, w)
		}
	}
}

package config_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// catalogSchemas are schema files that run as they are in a fresh database: the keys
// corpus's and the public projects' (testdata/schemas).
func catalogSchemas(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../testdata/schemas/*/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{"../testdata/sqlcheck/keys/schema.sql"}, files...)
}

// TestReadCatalogMatchesReadSchema applies each schema file to a real PostgreSQL and checks
// that ReadCatalog reads from the catalog what ReadSchema reads from the file.
func TestReadCatalogMatchesReadSchema(t *testing.T) {
	for _, path := range catalogSchemas(t) {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			ddl, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			conn := testdb.Database(t, string(ddl))
			catalog, err := config.ReadCatalog(context.Background(), conn)
			if err != nil {
				t.Fatal(err)
			}
			compareSchemas(t, path, catalog)
		})
	}
}

// TestDumpCatalogRoundTrip checks that the DDL DumpCatalog writes reads back with ReadSchema
// into exactly what ReadCatalog reads, for keysSchema (two schemas, partitions, renamed and
// dropped keys, generated names) and each schema file.
func TestDumpCatalogRoundTrip(t *testing.T) {
	type source struct {
		name    string
		stmts   []string
		schemas []string
	}
	sources := []source{{name: "keysSchema", stmts: keysSchema, schemas: []string{"public", "app"}}}
	for _, path := range catalogSchemas(t) {
		ddl, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source{name: filepath.Base(filepath.Dir(path)), stmts: []string{string(ddl)}})
	}
	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			ctx := context.Background()
			conn := testdb.Database(t, "")
			for _, stmt := range src.stmts {
				//tenantvet:ignore DDL in a database of the test's own
				if _, err := conn.Exec(ctx, stmt, pgx.QueryExecModeSimpleProtocol); err != nil {
					t.Fatalf("%.60s: %v", stmt, err)
				}
			}
			want, err := config.ReadCatalog(ctx, conn, src.schemas...)
			if err != nil {
				t.Fatal(err)
			}
			dump, err := config.DumpCatalog(ctx, conn, src.schemas...)
			if err != nil {
				t.Fatal(err)
			}
			if dump.Tables != len(want) {
				t.Errorf("DumpCatalog: Tables = %d, want %d", dump.Tables, len(want))
			}
			if wantPath := src.schemas; len(wantPath) > 0 && !reflect.DeepEqual(dump.SearchPath, wantPath) {
				t.Errorf("DumpCatalog: SearchPath = %q, want %q", dump.SearchPath, wantPath)
			}
			got, err := config.ParseSchema("dump.sql", string(dump.SQL), nil)
			if err != nil {
				t.Fatalf("the dump does not read back: %v\n%s", err, dump.SQL)
			}
			compareExact(t, got, want)
		})
	}
}

// compareExact compares tables read from a dump with those read from the catalog, in order,
// apart from the foreign keys' Where.
func compareExact(t *testing.T, got, want []sqlcheck.Table) {
	t.Helper()
	clear := func(tables []sqlcheck.Table) map[string]sqlcheck.Table {
		out := map[string]sqlcheck.Table{}
		for _, tb := range tables {
			tb.ForeignKeys = append([]sqlcheck.ForeignKey(nil), tb.ForeignKeys...)
			for i := range tb.ForeignKeys {
				tb.ForeignKeys[i].Where = ""
			}
			out[qualified(tb.Schema, tb.Name)] = tb
		}
		return out
	}
	g, w := clear(got), clear(want)
	for name, wt := range w {
		if gt, ok := g[name]; !ok {
			t.Errorf("the dump has no table %q", name)
		} else if !reflect.DeepEqual(gt, wt) {
			t.Errorf("table %q:\ndump    %+v\ncatalog %+v", name, gt, wt)
		}
	}
	if len(g) != len(w) {
		t.Errorf("the dump has %d tables, the catalog %d", len(g), len(w))
	}
}

// TestReadCatalogSearchPath checks that the connection's search_path decides which schemas
// are read, and that when it does not start with public every table is qualified, so that
// the dump does not confuse app.users with public.users.
func TestReadCatalogSearchPath(t *testing.T) {
	ctx := context.Background()
	conn := testdb.Database(t, `CREATE SCHEMA app;
		CREATE TABLE public.users (id int PRIMARY KEY);
		CREATE TABLE app.users (id int PRIMARY KEY, tenant_id int NOT NULL);
		CREATE TABLE app.notes (id int, user_id int REFERENCES app.users, author int REFERENCES public.users);
		CREATE TABLE public.plans (id int);
		CREATE SCHEMA other;
		CREATE TABLE other.hidden (id int);
		CREATE VIEW app.v AS SELECT 1 AS one;
		SET search_path = nope, app, public, pg_catalog`)
	tables, err := config.ReadCatalog(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	var schemas []string
	for _, tb := range tables {
		schemas = append(schemas, tb.Schema+"."+tb.Name)
	}
	if want := []string{"app.notes", "app.users", "public.plans", "public.users"}; !reflect.DeepEqual(schemas, want) {
		t.Errorf("ReadCatalog under search_path nope, app, public, pg_catalog read %q, want %q", schemas, want)
	}
	fks := tables[0].ForeignKeys
	if len(fks) != 2 || fks[0].RefSchema != "app" || fks[0].RefTable != "users" || fks[1].RefSchema != "public" {
		t.Errorf("notes' foreign keys = %+v, want one to app.users and one to public.users", fks)
	}
	dump, err := config.DumpCatalog(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"app", "public"}; !reflect.DeepEqual(dump.SearchPath, want) {
		t.Errorf("DumpCatalog: SearchPath = %q, want %q", dump.SearchPath, want)
	}
	got, err := config.ParseSchema("dump.sql", string(dump.SQL), nil)
	if err != nil {
		t.Fatalf("the dump does not read back: %v\n%s", err, dump.SQL)
	}
	compareExact(t, got, tables)
}

// TestReadCatalogErrors checks that what ReadCatalog cannot read is an error that says what
// to do.
func TestReadCatalogErrors(t *testing.T) {
	ctx := context.Background()
	conn := testdb.Database(t, `CREATE SCHEMA empty; CREATE TABLE public.t (id int)`)
	tests := []struct {
		name    string
		setup   string
		schemas []string
		want    []string
	}{
		{"no such schema", "", []string{"public", "nope"}, []string{`has no schema "nope"`, `\dn`}},
		{"system schema", "", []string{"pg_catalog"}, []string{`schema "pg_catalog" is a system schema`}},
		{"no tables", "", []string{"empty"}, []string{`has no tables in schema "empty"`, "search_path=app"}},
		{"search_path names nothing", "SET search_path = nope", nil, []string{"search_path names no schema", "search_path=app"}},
		{"search_path with no tables", "SET search_path = empty", nil, []string{`no tables in schema "empty"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != "" {
				//tenantvet:ignore session setting in a database of the test's own
				if _, err := conn.Exec(ctx, tc.setup); err != nil {
					t.Fatal(err)
				}
				defer conn.Exec(ctx, "RESET search_path")
			}
			_, err := config.ReadCatalog(ctx, conn, tc.schemas...)
			if err == nil {
				t.Fatalf("ReadCatalog(%q) = nil error, want one saying %q", tc.schemas, tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ReadCatalog(%q) = %v, want it to say %q", tc.schemas, err, w)
				}
			}
		})
	}
	t.Run("no permission", func(t *testing.T) {
		// A role that may not read pg_class; only a superuser can set that up.
		if _, err := conn.Exec(ctx, `DROP ROLE IF EXISTS tenantq_nocatalog; CREATE ROLE tenantq_nocatalog; REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC`); err != nil {
			t.Skipf("cannot make a role that may not read the catalog: %v", err)
		}
		t.Cleanup(func() {
			conn.Exec(ctx, `RESET ROLE; GRANT SELECT ON pg_catalog.pg_class TO PUBLIC; DROP ROLE tenantq_nocatalog`)
		})
		//tenantvet:ignore session setting in a database of the test's own
		if _, err := conn.Exec(ctx, `SET ROLE tenantq_nocatalog`); err != nil {
			t.Fatal(err)
		}
		_, err := config.ReadCatalog(ctx, conn)
		if err == nil || !strings.Contains(err.Error(), "may not read the catalog") || !strings.Contains(err.Error(), "connect as the role that runs the migrations") {
			t.Errorf("ReadCatalog as a role that may not read pg_class = %v, want an error saying to connect as the migration role", err)
		}
	})
}

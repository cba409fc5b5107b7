package sqlcheck_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/sqlcheck"
)

// catalogQuery lists the functions of the server and of the contrib extensions created in the
// database that may reach rows past a statement's predicates: those that take a relation
// (regclass) or a cursor (refcursor), those with an argument named like SQL text, a relation,
// a table, a cursor or a schema, and every function of the contrib extensions whose purpose is
// running SQL or reading relations and files by name (their arguments have no names).
const catalogQuery = `
SELECT DISTINCT p.proname, coalesce(e.extname, 'core')
FROM pg_proc p
LEFT JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
LEFT JOIN pg_extension e ON e.oid = d.refobjid
WHERE p.prokind IN ('f', 'p')
  AND p.pronamespace <> 'information_schema'::regnamespace
  AND (EXISTS (SELECT 1 FROM unnest(p.proargtypes) t WHERE t IN ('regclass'::regtype, 'refcursor'::regtype))
    OR EXISTS (SELECT 1 FROM unnest(p.proargnames, coalesce(p.proargmodes, array_fill('i'::"char", ARRAY[coalesce(cardinality(p.proargnames), 0)]))) AS a(n, m)
      WHERE m IN ('i', 'b', 'v') AND n ~* '(query|sql|rel|tab|cursor|stmt|statement|source|schema)')
    OR e.extname IN ('dblink', 'tablefunc', 'xml2', 'adminpack', 'pageinspect', 'pgrowlocks', 'pgstattuple', 'pg_surgery', 'pg_visibility', 'amcheck'))
ORDER BY 1`

// catalogExtensions are the contrib extensions whose functions catalogQuery lists. Those the
// server does not have are skipped, with a log line.
var catalogExtensions = []string{
	"dblink", "tablefunc", "xml2", "adminpack", "pageinspect", "pgrowlocks", "pgstattuple",
	"pg_surgery", "pg_visibility", "amcheck", "pg_freespacemap", "pg_prewarm", "pg_stat_statements",
	"postgres_fdw", "file_fdw",
}

// TestCatalogFunctionsClassified derives the list of functions that run SQL text or read a
// relation by name from a real server's catalog, with the contrib extensions created, and
// checks that the checker classifies every one (refused, or harmless with a reason in
// functions.go). A new PostgreSQL release that adds such a function fails here until it is
// classified.
func TestCatalogFunctionsClassified(t *testing.T) {
	conn := bypassDatabase(t)
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, ext := range catalogExtensions {
		if _, err := tx.Exec(ctx, "SAVEPOINT ext"); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS "+pgx.Identifier{ext}.Sanitize()+" CASCADE"); err != nil {
			t.Logf("extension %s not checked: %v", ext, err)
			if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT ext"); err != nil {
				t.Fatal(err)
			}
		}
	}
	rows, err := tx.Query(ctx, catalogQuery)
	if err != nil {
		t.Fatal(err)
	}
	var n, refused int
	for rows.Next() {
		var name, ext string
		if err := rows.Scan(&name, &ext); err != nil {
			t.Fatal(err)
		}
		n++
		classified, refuses := sqlcheck.ClassifiedFunction(name)
		if !classified {
			t.Errorf("%s() of %s takes SQL text, a relation, a cursor or a schema, and the checker does not classify it: add it to catalogFuncs in functions.go", name, ext)
		}
		if refuses {
			refused++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("the catalog listed %d functions; the query is broken", n)
	}
	t.Logf("%d catalog functions classified, %d of them refused", n, refused)
}

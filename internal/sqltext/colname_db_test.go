package sqltext_test

import (
	"context"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/internal/sqltext"
	"github.com/tenantq/tenantq/internal/testdb"
)

// TestFigureColnameAgreesWithPostgreSQL names each expression with FigureColname and with a
// real server (the column name of SELECT expr): where FigureColname is sure, they agree.
func TestFigureColnameAgreesWithPostgreSQL(t *testing.T) {
	conn := testdb.Database(t, "CREATE TABLE t (tenant_id bigint, a int, tags jsonb, x xml, arr int[], name text)")
	exprs := []string{
		"a", "t.a", "tenant_id", "arr[1]", "(t.arr)[1]", "count(*)", "lower(name)", "a + 1", "-a",
		"nullif(a, 1)", "a::text", "CAST(a AS bigint)", "'x'::text", "'x'", "1", "$1::int", "a IS NULL",
		"NOT true", "(a > 0) IS TRUE", "name COLLATE \"C\"", "CASE WHEN true THEN 1 END", "CASE WHEN true THEN 1 ELSE a END",
		"CASE WHEN true THEN a END::text", "ARRAY[1]", "ROW(1, 2)", "COALESCE(a, 1)", "GREATEST(a, 1)",
		"LEAST(a, 1)", "CURRENT_DATE", "CURRENT_TIMESTAMP", "current_timestamp(2)", "LOCALTIME", "current_user",
		"session_user", "user", "current_schema", "current_catalog", "EXISTS (SELECT 1)", "ARRAY(SELECT 1)",
		"(SELECT 1)", "(SELECT max(a) FROM t)", "(SELECT tenant_id FROM t LIMIT 1)", "(SELECT a AS b FROM t LIMIT 1)",
		"(SELECT tenant_id FROM t UNION SELECT 1 LIMIT 1)", "a IN (SELECT 1)", "xmlelement(name e)", "xmlconcat(x, x)",
		"XMLSERIALIZE(CONTENT x AS text)", "xmlforest(a)", "tags -> 'k'", "tags ? 'k'", "(a, 1) = (1, a)",
	}
	ctx := context.Background()
	for _, e := range exprs {
		tree, err := pg.Parse("SELECT " + e + " FROM t")
		if err != nil {
			t.Fatalf("parse %q: %v", e, err)
		}
		val := tree.Stmts[0].Stmt.GetSelectStmt().GetTargetList()[0].GetResTarget().GetVal()
		name, strength, sure := sqltext.FigureColname(val)
		if strength == 0 {
			name = "?column?"
		}
		//tenantvet:ignore reads only the result's column names, of an empty table
		rows, err := conn.Query(ctx, "SELECT "+e+" FROM t WHERE false", 1)
		if err != nil { // no placeholder to bind
			//tenantvet:ignore reads only the result's column names, of an empty table
			rows, err = conn.Query(ctx, "SELECT "+e+" FROM t WHERE false")
		}
		if err != nil {
			t.Errorf("%s: %v", e, err)
			continue
		}
		got := string(rows.FieldDescriptions()[0].Name)
		rows.Close()
		switch {
		case !sure:
			t.Logf("%-50s unsure (PostgreSQL: %s)", e, got)
		case got != name:
			t.Errorf("FigureColname(%s) = %q, PostgreSQL names it %q", e, name, got)
		}
	}
}

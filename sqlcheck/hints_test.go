package sqlcheck_test

import (
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

// hintDDL creates the tables of the hint cases that testdata/sqlcheck/schema.sql lacks: tables
// of a camelCase tenant column, and tables of two tenant columns.
const hintDDL = `
CREATE TABLE "Workflow" (id bigint PRIMARY KEY, "tenantId" bigint NOT NULL, name text UNIQUE);
CREATE TABLE "Step" (id bigint PRIMARY KEY, "workflowId" bigint, "tenantId" bigint NOT NULL);
CREATE TABLE orgs (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
CREATE TABLE ptasks (id bigint PRIMARY KEY, project_id bigint NOT NULL, org bigint);
CREATE TABLE projects (id bigint PRIMARY KEY, organization_id bigint NOT NULL, name text);
`

// hintCheckers returns the checkers the hint cases name: "camel" (tenant column tenantId),
// "nested" (tenant columns project_id and organization_id), "override" (organization_id, and
// project_id for ptasks) and "plain" (tenant_id, plans global).
func hintCheckers(t *testing.T) map[string]*sqlcheck.Checker {
	t.Helper()
	policies := map[string]sqlcheck.Policy{
		"camel": {TenantColumns: []string{"tenantId"}},
		"nested": {TenantColumns: []string{"project_id", "organization_id"}, Schema: []sqlcheck.Table{
			{Name: "orgs", Columns: []string{"id", "organization_id"}},
			{Name: "ptasks", Columns: []string{"id", "project_id", "org"}},
			{Name: "projects", Columns: []string{"id", "organization_id", "name"}},
		}},
		"plain":    {GlobalTables: []string{"plans"}},
		"override": {TenantColumns: []string{"organization_id"}, Tables: map[string]string{"ptasks": "project_id"}},
	}
	checkers := map[string]*sqlcheck.Checker{}
	for name, p := range policies {
		c, err := sqlcheck.New(p)
		if err != nil {
			t.Fatal(err)
		}
		checkers[name] = c
	}
	return checkers
}

// hintCases are statements whose hint must be usable as written. Every table they name is in
// testdata/sqlcheck/schema.sql or hintDDL.
var hintCases = []struct {
	name    string
	checker string // a key of hintCheckers
	sql     string
	hint    string // the hint of the first violation (of alias, when set), in full
	alias   string
	fixed   string // the SQL with that violation's Fix applied; "" to skip, "-" for no Fix
}{
	{"camelCase column, unaliased", "camel", `SELECT * FROM "Workflow" WHERE id = @id`,
		"add `\"tenantId\" = @tenant_id` to the WHERE clause", "",
		`SELECT * FROM "Workflow" WHERE id = @id AND "tenantId" = @tenant_id`},
	{"camelCase column in a join", "camel", `SELECT * FROM "Workflow" w JOIN "Step" s ON s."workflowId" = w.id WHERE w."tenantId" = $1`,
		"add `s.\"tenantId\" = w.\"tenantId\"` to its JOIN ON", "",
		`SELECT * FROM "Workflow" w JOIN "Step" s ON s."workflowId" = w.id AND s."tenantId" = w."tenantId" WHERE w."tenantId" = $1`},
	{"camelCase column in an upsert hint", "camel", `INSERT INTO "Workflow" ("tenantId", name) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = excluded.name`,
		`add "tenantId" to the conflict target, or pin the existing row: DO UPDATE ... WHERE "Workflow"."tenantId" = excluded."tenantId"`, "", "-"},
	{"camelCase column in a WHERE CURRENT OF hint", "camel", `UPDATE "Workflow" SET name = $1 WHERE CURRENT OF c`,
		`write by key with the tenant pinned: WHERE "tenantId" = <tenant> AND id = ...`, "", "-"},
	{"a keyword alias is quoted", "plain", `SELECT * FROM deals "user" WHERE "user".id = $1`,
		"add `\"user\".tenant_id = $2` to the WHERE clause", "",
		`SELECT * FROM deals "user" WHERE "user".id = $1 AND "user".tenant_id = $2`},
	{"the statement's @name style", "plain", `SELECT * FROM deals WHERE id = @id`,
		`add "tenant_id = @tenant_id" to the WHERE clause`, "", `SELECT * FROM deals WHERE id = @id AND tenant_id = @tenant_id`},
	{"the statement's sqlc.arg style", "plain", `SELECT * FROM deals WHERE id = sqlc.arg(id)`,
		`add "tenant_id = sqlc.arg(tenant_id)" to the WHERE clause`, "", `SELECT * FROM deals WHERE id = sqlc.arg(id) AND tenant_id = sqlc.arg(tenant_id)`},
	{"the next free $n of the statement", "plain", `SELECT * FROM deals WHERE id = $1 AND stage = $2`,
		`add "tenant_id = $3" to the WHERE clause`, "", `SELECT * FROM deals WHERE id = $1 AND stage = $2 AND tenant_id = $3`},
	{"a ? already used for the tenant is passed again", "plain", `SELECT * FROM deals WHERE tenant_id IN (?, ?)`,
		`add "tenant_id = ?" to the WHERE clause, passing the tenant for it as for argument 1`, "",
		`SELECT * FROM deals WHERE tenant_id IN (?, ?) AND tenant_id = ?`},
	{"a join between tables of different tenant columns", "nested", `SELECT * FROM orgs o JOIN ptasks t ON t.org = o.id WHERE o.organization_id = $1`,
		`add "t.project_id = $1" to its JOIN ON`, "",
		`SELECT * FROM orgs o JOIN ptasks t ON t.org = o.id AND t.project_id = $1 WHERE o.organization_id = $1`},
	{"a per-table tenant column that differs from the joined table's", "override", `SELECT * FROM projects pr JOIN ptasks p ON p.id = pr.id WHERE pr.organization_id = $1`,
		`add "p.project_id = $1" to its JOIN ON`, "",
		`SELECT * FROM projects pr JOIN ptasks p ON p.id = pr.id AND p.project_id = $1 WHERE pr.organization_id = $1`},
	{"a join between tables of the same tenant column", "nested", `SELECT * FROM orgs o JOIN projects p ON p.id = o.id WHERE o.organization_id = $1`,
		`add "p.organization_id = o.organization_id" to its JOIN ON`, "", ""},
	{"UPDATE ... FROM a JOIN b: a pinned FROM item may be named in the JOIN ON", "plain", `UPDATE deals d SET stage = 'won' FROM contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1 AND c.tenant_id = d.tenant_id`,
		`add "n.tenant_id = c.tenant_id" to its JOIN ON`, "", ""},
	{"UPDATE ... FROM a JOIN b: the target cannot be named in the JOIN ON", "plain", `UPDATE deals d SET stage = 'won' FROM notes n JOIN tasks k ON k.deal_id = n.deal_id WHERE n.deal_id = d.id AND d.tenant_id = $1 AND n.tenant_id = d.tenant_id AND k.id > 0`,
		`add "k.tenant_id = n.tenant_id" to its JOIN ON`, "", ""},
	{"UPDATE ... FROM a JOIN b with only the target pinned: WHERE, not the JOIN ON", "plain", `UPDATE deals d SET stage = 'won' FROM contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1`,
		`add "n.tenant_id = d.tenant_id" to the WHERE clause`, "n",
		`UPDATE deals d SET stage = 'won' FROM contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1 AND n.tenant_id = d.tenant_id`},
	{"DELETE ... USING a JOIN b with only the target pinned", "plain", `DELETE FROM deals d USING contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1`,
		`add "n.tenant_id = d.tenant_id" to the WHERE clause`, "n", ""},
	{"a JOIN ON in parentheses names only its own inputs", "plain", `SELECT * FROM contacts c JOIN (deals d JOIN notes n ON n.deal_id = d.id) ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1`,
		`add "n.tenant_id = d.tenant_id" to its JOIN ON`, "",
		`SELECT * FROM contacts c JOIN (deals d JOIN notes n ON n.deal_id = d.id AND n.tenant_id = d.tenant_id) ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1`},
	{"the nullable side of a RIGHT JOIN is pinned in its ON", "plain", `SELECT * FROM deals d RIGHT JOIN contacts c ON d.contact_id = c.id WHERE c.tenant_id = $1`,
		`add "d.tenant_id = c.tenant_id" to its JOIN ON`, "", ""},
	{"a side of a FULL JOIN is read through a pinned subquery", "plain", `SELECT * FROM contacts c FULL JOIN deals d ON d.contact_id = c.id AND d.tenant_id = $1 WHERE c.tenant_id = $1`,
		`read it through a pinned subquery: "(SELECT * FROM deals WHERE tenant_id = $1) d"`, "d",
		`SELECT * FROM contacts c FULL JOIN (SELECT * FROM deals WHERE tenant_id = $1) d ON d.contact_id = c.id AND d.tenant_id = $1 WHERE c.tenant_id = $1`},
	{"a table a join alias hides is read through a pinned subquery", "plain", `SELECT j.stage FROM (deals CROSS JOIN plans p) AS j WHERE j.amount > $1`,
		`read it through a pinned subquery: "(SELECT * FROM deals WHERE tenant_id = $2) deals"`, "",
		`SELECT j.stage FROM ((SELECT * FROM deals WHERE tenant_id = $2) deals CROSS JOIN plans p) AS j WHERE j.amount > $1`},
	{"a MERGE source pinned only in ON", "plain", `MERGE INTO deals d USING contacts c ON d.contact_id = c.id AND d.tenant_id = $1 AND c.tenant_id = $1 WHEN NOT MATCHED THEN INSERT (tenant_id, contact_id) VALUES ($1, c.id)`,
		`read it through a pinned subquery: "(SELECT * FROM contacts WHERE tenant_id = $1) c"`, "c", ""},
	{"an OR is parenthesised before the predicate is ANDed", "plain", `SELECT * FROM deals WHERE tenant_id = $1 OR id = $2`,
		`AND "tenant_id = $1" with the whole OR in the WHERE clause`, "",
		`SELECT * FROM deals WHERE (tenant_id = $1 OR id = $2) AND tenant_id = $1`},
	{"a new WHERE goes before GROUP BY", "plain", `SELECT stage, count(*) FROM deals -- all of them
GROUP BY stage`,
		`add "tenant_id = $1" to the WHERE clause`, "", `SELECT stage, count(*) FROM deals WHERE tenant_id = $1 -- all of them
GROUP BY stage`},
	{"a subquery's WHERE, not the outer one", "plain", `SELECT * FROM contacts c WHERE c.tenant_id = $1 AND c.id IN (SELECT contact_id FROM deals WHERE stage = 'won') ORDER BY c.id`,
		`add "tenant_id = $1" to the WHERE clause of the subquery`, "",
		`SELECT * FROM contacts c WHERE c.tenant_id = $1 AND c.id IN (SELECT contact_id FROM deals WHERE stage = 'won' AND tenant_id = $1) ORDER BY c.id`},
	{"TABLE stands for SELECT * FROM", "plain", `TABLE deals`,
		`write it as "SELECT * FROM deals WHERE tenant_id = $1"`, "", `SELECT * FROM deals WHERE tenant_id = $1`},
	{"a materialized view takes no placeholder", "plain", `CREATE MATERIALIZED VIEW won AS SELECT * FROM deals WHERE stage = 'won'`,
		`a materialized view's query takes no parameters, so it cannot be pinned to the tenant of a request: create it from unscoped admin code, or query the table with its tenant pinned`, "", "-"},
}

// TestHints checks hints a user can apply as they are: the statement's own placeholder style
// and numbering, identifiers quoted as PostgreSQL needs, joins that equate the same tenant
// identity, and predicates where PostgreSQL accepts them. A violation's Fix must say what its
// hint says, and, applied, remove the violation.
func TestHints(t *testing.T) {
	t.Parallel()
	checkers := hintCheckers(t)
	for _, tc := range hintCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := checkers[tc.checker]
			r := c.Check(tc.sql)
			if len(r.Violations) == 0 {
				t.Fatalf("Check(%q) found nothing", tc.sql)
			}
			v := r.Violations[0]
			for _, w := range r.Violations {
				if tc.alias != "" && w.Alias == tc.alias {
					v = w
					break
				}
			}
			if got := v.Hint; got != tc.hint {
				var all []string
				for _, v := range r.Violations {
					all = append(all, v.String())
				}
				t.Errorf("Check(%q) hint =\n%s\nwant\n%s\n(all: %s)", tc.sql, got, tc.hint, strings.Join(all, "; "))
			}
			switch {
			case tc.fixed == "-" && v.Fix != nil:
				t.Errorf("Check(%q): the violation has Fix %+v, want none", tc.sql, *v.Fix)
			case tc.fixed == "-":
			case v.Fix == nil:
				t.Errorf("Check(%q): the violation has no Fix", tc.sql)
			default:
				checkFix(t, c, tc.sql, v, tc.fixed)
			}
		})
	}
}

// checkFix applies v's Fix to sql, compares the result with want (unless want is ""), and
// checks that the fixed SQL no longer has the violation. It returns the fixed SQL.
func checkFix(t *testing.T, c *sqlcheck.Checker, sql string, v sqlcheck.Violation, want string) string {
	t.Helper()
	if strings.HasPrefix(v.Hint, "add ") && !strings.Contains(v.Hint, v.Fix.Predicate) {
		t.Errorf("Check(%q): hint %q does not say the Fix's predicate %q", sql, v.Hint, v.Fix.Predicate)
	}
	fixed, err := v.Fix.Apply(sql)
	if err != nil {
		t.Fatalf("Check(%q): Fix.Apply: %v", sql, err)
	}
	if want != "" && fixed != want {
		t.Errorf("Check(%q): the Fix gives\n%s\nwant\n%s", sql, fixed, want)
	}
	for _, w := range c.Check(fixed).Violations {
		if w.Rule == v.Rule && w.Table == v.Table && w.Alias == v.Alias && w.Statement == v.Statement {
			t.Errorf("Check(%q): the fixed SQL still has the violation:\n%s\n%s", sql, fixed, w)
		}
	}
	return fixed
}

// TestHintsPerStatement checks that a hint's placeholder follows its own statement, not the
// rest of the text: in a sqlc file each query starts at $1 or uses @name, sqlc.arg(name) or ?
// on its own, and one name may be spelled @id in one query and sqlc.arg(id) in another.
func TestHintsPerStatement(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		sql   string
		hints []string // the hint of each violation, in order
	}{
		{"a sqlc file of several queries",
			"-- name: GetA :one\nSELECT * FROM deals WHERE id = @id;\n" +
				"-- name: ListB :many\nSELECT * FROM deals WHERE id = $1 AND stage = $2;\n" +
				"-- name: GetC :one\nSELECT * FROM deals WHERE id = sqlc.arg(id);\n" +
				"-- name: GetD :one\nSELECT * FROM deals WHERE id = $1;\n" +
				"-- name: GetE :one\nSELECT * FROM deals WHERE id = :id;\n",
			[]string{
				`add "tenant_id = @tenant_id" to the WHERE clause`,
				`add "tenant_id = $3" to the WHERE clause`,
				`add "tenant_id = sqlc.arg(tenant_id)" to the WHERE clause`,
				`add "tenant_id = $2" to the WHERE clause`,
				`add "tenant_id = :tenant_id" to the WHERE clause`,
			}},
		{"$n counted in the statement, not the file",
			"SELECT * FROM deals WHERE id = $1 AND stage = $2 AND amount > $3 AND title = $4;\nSELECT * FROM notes WHERE id = $1;",
			[]string{`add "tenant_id = $5" to the WHERE clause`, `add "tenant_id = $2" to the WHERE clause`}},
		{"a tenant value spelled as its own statement spells it",
			"SELECT * FROM deals WHERE tenant_id = @tenant_id;\n" +
				"SELECT * FROM deals d JOIN notes n ON n.deal_id = d.id WHERE d.tenant_id = sqlc.arg(tenant_id);",
			[]string{`add "n.tenant_id = d.tenant_id" to its JOIN ON`}},
		{"question marks, statement by statement",
			"SELECT * FROM deals WHERE id = ?;\nSELECT * FROM notes WHERE id = ? AND body = ?;",
			[]string{`add "tenant_id = ?" to the WHERE clause`, `add "tenant_id = ?" to the WHERE clause`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := c.Check(tc.sql)
			var got []string
			for _, v := range r.Violations {
				got = append(got, v.Hint)
			}
			if strings.Join(got, "\n") != strings.Join(tc.hints, "\n") {
				t.Errorf("Check(%q) hints =\n%s\nwant\n%s", tc.sql, strings.Join(got, "\n"), strings.Join(tc.hints, "\n"))
			}
			for _, v := range r.Violations {
				if v.Fix == nil {
					t.Errorf("Check(%q): %s has no Fix", tc.sql, v)
					continue
				}
				checkFix(t, c, tc.sql, v, "")
			}
		})
	}
}

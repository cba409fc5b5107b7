package sqlcheck_test

import (
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

// TestHints checks hints a user can apply as they are: the statement's own placeholder style
// and numbering, identifiers quoted as PostgreSQL needs, joins that equate the same tenant
// identity, and predicates where PostgreSQL accepts them.
func TestHints(t *testing.T) {
	t.Parallel()
	camel, err := sqlcheck.New(sqlcheck.Policy{TenantColumns: []string{"tenantId"}})
	if err != nil {
		t.Fatal(err)
	}
	nested, err := sqlcheck.New(sqlcheck.Policy{TenantColumns: []string{"project_id", "organization_id"}, Schema: []sqlcheck.Table{
		{Name: "orgs", Columns: []string{"id", "organization_id"}},
		{Name: "tasks", Columns: []string{"id", "project_id", "org"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		checker *sqlcheck.Checker
		sql     string
		hint    string // the hint of the first violation (of alias, when set), in full
		alias   string
	}{
		{"camelCase column, unaliased", camel, `SELECT * FROM "Workflow" WHERE id = @id`,
			"add `\"tenantId\" = @tenant_id` to the WHERE clause", ""},
		{"camelCase column in a join", camel, `SELECT * FROM "Workflow" w JOIN "Step" s ON s."workflowId" = w.id WHERE w."tenantId" = $1`,
			"add `s.\"tenantId\" = w.\"tenantId\"` to its JOIN ON", ""},
		{"camelCase column in an upsert hint", camel, `INSERT INTO "Workflow" ("tenantId", name) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = excluded.name`,
			`add "tenantId" to the conflict target, or pin the existing row: DO UPDATE ... WHERE "Workflow"."tenantId" = excluded."tenantId"`, ""},
		{"camelCase column in a WHERE CURRENT OF hint", camel, `UPDATE "Workflow" SET name = $1 WHERE CURRENT OF c`,
			`write by key with the tenant pinned: WHERE "tenantId" = <tenant> AND id = ...`, ""},
		{"a keyword alias is quoted", plain, `SELECT * FROM deals "user" WHERE "user".id = $1`,
			"add `\"user\".tenant_id = $2` to the WHERE clause", ""},
		{"the statement's @name style", plain, `SELECT * FROM deals WHERE id = @id`,
			`add "tenant_id = @tenant_id" to the WHERE clause`, ""},
		{"the statement's sqlc.arg style", plain, `SELECT * FROM deals WHERE id = sqlc.arg(id)`,
			`add "tenant_id = sqlc.arg(tenant_id)" to the WHERE clause`, ""},
		{"the next free $n of the statement", plain, `SELECT * FROM deals WHERE id = $1 AND stage = $2`,
			`add "tenant_id = $3" to the WHERE clause`, ""},
		{"a join between tables of different tenant columns", nested, `SELECT * FROM orgs o JOIN tasks t ON t.org = o.id WHERE o.organization_id = $1`,
			`add "t.project_id = $1" to its JOIN ON`, ""},
		{"UPDATE ... FROM a JOIN b: a pinned FROM item may be named in the JOIN ON", plain, `UPDATE deals d SET stage = 'won' FROM contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1 AND c.tenant_id = d.tenant_id`,
			`add "n.tenant_id = c.tenant_id" to its JOIN ON`, ""},
		{"UPDATE ... FROM a JOIN b: the target cannot be named in the JOIN ON", plain, `UPDATE deals d SET stage = 'won' FROM notes n JOIN tasks k ON k.deal_id = n.deal_id WHERE n.deal_id = d.id AND d.tenant_id = $1 AND n.tenant_id = d.tenant_id AND k.id > 0`,
			`add "k.tenant_id = n.tenant_id" to its JOIN ON`, ""},
		{"UPDATE ... FROM a JOIN b with only the target pinned: WHERE, not the JOIN ON", plain, `UPDATE deals d SET stage = 'won' FROM contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1`,
			`add "n.tenant_id = d.tenant_id" to the WHERE clause`, "n"},
		{"DELETE ... USING a JOIN b with only the target pinned", plain, `DELETE FROM deals d USING contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1`,
			`add "n.tenant_id = d.tenant_id" to the WHERE clause`, "n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := tc.checker.Check(tc.sql)
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
		})
	}
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
		})
	}
}

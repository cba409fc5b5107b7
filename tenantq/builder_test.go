package tenantq_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"slices"
	"strings"
	"testing"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

const tenant = int64(7)

// testScope returns a scope for tenant 7 under the test policy: plans and countries global,
// every other table tenant-scoped with tenant_id.
func testScope(t testing.TB, opts ...tenantq.Option) (*tenantq.Tenancy, tenantq.Scope) {
	t.Helper()
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans", "countries"}}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tq.Scope(tenant)
	if err != nil {
		t.Fatal(err)
	}
	return tq, s
}

type sqlizer interface {
	ToSql() (string, []any, error)
}

func TestBuilders(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	tests := []struct {
		name string
		b    sqlizer
		sql  string
		args []any
	}{
		{
			"select with joins",
			s.Select("c.name", "d.amount").From("contacts c").
				Join("deals d ON d.contact_id = c.id").
				LeftJoin("plans p ON p.id = c.plan_id").
				Where(sq.Eq{"d.stage": "won"}),
			"SELECT c.name, d.amount FROM contacts c JOIN deals d ON (d.contact_id = c.id) AND d.tenant_id = c.tenant_id LEFT JOIN plans p ON p.id = c.plan_id WHERE d.stage = $1 AND c.tenant_id = $2",
			[]any{"won", tenant},
		},
		{
			"select unaliased",
			s.Select("*").From("contacts").Where("id = ?", 3),
			"SELECT * FROM contacts WHERE (id = $1) AND contacts.tenant_id = $2",
			[]any{3, tenant},
		},
		{
			"global table gets nothing",
			s.Select("*").From("plans").Where(sq.Eq{"id": 1}),
			"SELECT * FROM plans WHERE id = $1",
			[]any{1},
		},
		{
			"schema-qualified and quoted",
			s.Select("*").From(`public."Invoices" AS i`),
			`SELECT * FROM public."Invoices" AS i WHERE i.tenant_id = $1`,
			[]any{tenant},
		},
		{
			"left join pins the nullable side in ON",
			s.Select("c.id", "n.body").From("contacts c").LeftJoin("notes n ON n.contact_id = c.id"),
			"SELECT c.id, n.body FROM contacts c LEFT JOIN notes n ON (n.contact_id = c.id) AND n.tenant_id = c.tenant_id WHERE c.tenant_id = $1",
			[]any{tenant},
		},
		{
			"right join pins the preserved side in WHERE",
			s.Select("*").From("contacts c").RightJoin("deals d ON d.contact_id = c.id"),
			"SELECT * FROM contacts c RIGHT JOIN deals d ON (d.contact_id = c.id) AND c.tenant_id = $1 WHERE d.tenant_id = $2",
			[]any{tenant, tenant},
		},
		{
			"cross join",
			s.Select("*").From("contacts c").CrossJoin("tags t"),
			"SELECT * FROM contacts c CROSS JOIN tags t WHERE c.tenant_id = $1 AND t.tenant_id = $2",
			[]any{tenant, tenant},
		},
		{
			"join with USING",
			s.Select("*").From("notes n").Join("tasks t USING (deal_id)"),
			"SELECT * FROM notes n JOIN tasks t USING (deal_id) WHERE n.tenant_id = $1 AND t.tenant_id = $2",
			[]any{tenant, tenant},
		},
		{
			"join clause with a join keyword",
			s.Select("*").From("contacts c").JoinClause("LEFT OUTER JOIN deals d ON d.contact_id = c.id"),
			"SELECT * FROM contacts c LEFT JOIN deals d ON (d.contact_id = c.id) AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1",
			[]any{tenant},
		},
		{
			"group by having order limit offset suffix",
			s.Select("contact_id", "count(*)").From("deals").GroupBy("contact_id").Having("count(*) > ?", 2).
				OrderBy("contact_id").Limit(10).Offset(20).Suffix("FOR UPDATE"),
			"SELECT contact_id, count(*) FROM deals WHERE deals.tenant_id = $1 GROUP BY contact_id HAVING (count(*) > $2) ORDER BY contact_id LIMIT 10 OFFSET 20 FOR UPDATE",
			[]any{tenant, 2},
		},
		{
			"subquery in FROM",
			s.Select("x.id").FromSelect(s.Select("id").From("deals").Where(sq.Gt{"amount": 100}), "x"),
			"SELECT x.id FROM (SELECT id FROM deals WHERE amount > $1 AND deals.tenant_id = $2) AS x",
			[]any{100, tenant},
		},
		{
			"scalar subquery column",
			s.Select("c.id").Column(tenantq.Alias(s.Select("count(*)").From("notes n").Where("n.contact_id = c.id"), "notes")).From("contacts c"),
			"SELECT c.id, (SELECT count(*) FROM notes n WHERE (n.contact_id = c.id) AND n.tenant_id = $1) AS notes FROM contacts c WHERE c.tenant_id = $2",
			[]any{tenant, tenant},
		},
		{
			"CTE",
			s.Select("*").With("big", s.Select("*").From("deals").Where(sq.Gt{"amount": 5})).From("big"),
			"WITH big AS (SELECT * FROM deals WHERE amount > $1 AND deals.tenant_id = $2) SELECT * FROM big",
			[]any{5, tenant},
		},
		{
			"union",
			s.Select("id").From("contacts").UnionAll(s.Select("id").From("deals")),
			"(SELECT id FROM contacts WHERE contacts.tenant_id = $1) UNION ALL (SELECT id FROM deals WHERE deals.tenant_id = $2)",
			[]any{tenant, tenant},
		},
		{
			"insert adds the tenant column",
			s.Insert("notes").Columns("contact_id", "body").Values(1, "a").Values(2, "b").Suffix("RETURNING id"),
			"INSERT INTO notes (tenant_id,contact_id,body) VALUES ($1,$2,$3),($4,$5,$6) RETURNING id",
			[]any{tenant, 1, "a", tenant, 2, "b"},
		},
		{
			"insert SetMap",
			s.Insert("notes").SetMap(map[string]any{"body": "x", "contact_id": 3}),
			"INSERT INTO notes (tenant_id,body,contact_id) VALUES ($1,$2,$3)",
			[]any{tenant, "x", 3},
		},
		{
			"insert with the tenant given",
			s.Insert("notes").Columns("tenant_id", "body").Values(tenant, "x"),
			"INSERT INTO notes (tenant_id,body) VALUES ($1,$2)",
			[]any{tenant, "x"},
		},
		{
			"insert select",
			s.Insert("notes").Columns("contact_id", "body").Select(s.Select("id", "name").From("contacts").Where(sq.Eq{"plan_id": 1})),
			"INSERT INTO notes (tenant_id,contact_id,body) SELECT $1, id, name FROM contacts WHERE plan_id = $2 AND contacts.tenant_id = $3",
			[]any{tenant, 1, tenant},
		},
		{
			"upsert",
			s.Insert("contacts").Columns("email", "name").Values("a@x", "A").Suffix("ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name"),
			"INSERT INTO contacts (tenant_id,email,name) VALUES ($1,$2,$3) ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name",
			[]any{tenant, "a@x", "A"},
		},
		{
			"update",
			s.Update("deals").Set("stage", "won").Where(sq.Eq{"id": 3}).Suffix("RETURNING id"),
			"UPDATE deals SET stage = $1 WHERE id = $2 AND deals.tenant_id = $3 RETURNING id",
			[]any{"won", 3, tenant},
		},
		{
			"update from",
			s.Update("deals d").Set("stage", "lost").From("contacts c").Where("d.contact_id = c.id AND c.email = ?", "a@x"),
			"UPDATE deals d SET stage = $1 FROM contacts c WHERE (d.contact_id = c.id AND c.email = $2) AND d.tenant_id = $3 AND c.tenant_id = $4",
			[]any{"lost", "a@x", tenant, tenant},
		},
		{
			"delete",
			s.Delete("notes").Where(sq.Lt{"id": 10}),
			"DELETE FROM notes WHERE id < $1 AND notes.tenant_id = $2",
			[]any{10, tenant},
		},
		{
			"delete with CTE",
			s.Delete("notes").With("old", s.Select("id").From("notes").Where("created_at < now() - interval '1 year'")).Where("id IN (SELECT id FROM old)"),
			"WITH old AS (SELECT id FROM notes WHERE (created_at < now() - interval '1 year') AND notes.tenant_id = $1) DELETE FROM notes WHERE (id IN (SELECT id FROM old)) AND notes.tenant_id = $2",
			[]any{tenant, tenant},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sql, args, err := tc.b.ToSql()
			if err != nil {
				t.Fatalf("ToSql() error: %v", err)
			}
			if sql != tc.sql {
				t.Errorf("ToSql() =\n%s\nwant\n%s", sql, tc.sql)
			}
			if !slices.Equal(args, tc.args) {
				t.Errorf("ToSql() args = %v, want %v", args, tc.args)
			}
		})
	}
}

func TestRejected(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	other, err := tenantqScope(s, 8)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		b    sqlizer
		rule sqlcheck.Rule
		msg  string
	}{
		{"sq.Alias numbers its own placeholders", s.Select("c.id").Column(sq.Alias(s.Select("count(*)").From("notes"), "n")).From("contacts c"),
			"", ""},
		{"raw join clause unpinned", s.Select("*").From("contacts c").JoinClause("JOIN LATERAL (SELECT * FROM deals d WHERE d.contact_id = c.id) x ON true"),
			sqlcheck.RuleUnpinned, `table "deals" (alias d) has no tenant predicate`},
		{"another tenant in Where", s.Select("*").From("contacts").Where(sq.Eq{"tenant_id": 8}),
			sqlcheck.RuleMultipleTenants, "a tenant predicate is bound to argument 1 (8), not to the scope's tenant (7)"},
		{"another tenant inserted", s.Insert("notes").Columns("tenant_id", "body").Values(8, "x"),
			sqlcheck.RuleMultipleTenants, "a tenant predicate is bound to argument 1 (8)"},
		{"another scope's subquery", s.Select("*").From("contacts c").Where(sq.Expr("c.id IN (SELECT contact_id FROM deals WHERE tenant_id = ?)", 8)),
			sqlcheck.RuleMultipleTenants, "bound to argument 1 (8)"},
		{"union with another scope", s.Select("id").From("contacts").Union(other.Select("id").From("contacts")),
			sqlcheck.RuleMultipleTenants, "bound to argument 2 (8)"},
		{"moving a row", s.Update("deals").Set("tenant_id", 8).Where(sq.Eq{"id": 1}),
			sqlcheck.RuleTenantWrite, `UPDATE sets the tenant column "tenant_id" of table "deals"`},
		{"upsert on a key without the tenant", s.Insert("contacts").Columns("email").Values("a").Suffix("ON CONFLICT (email) DO UPDATE SET name = excluded.name"),
			sqlcheck.RuleUpsertConflict, "can overwrite another tenant's row"},
		{"constant tenant", s.Select("*").From("plans p").Join("contacts c ON c.plan_id = p.id AND c.tenant_id = 9").Where("c.tenant_id = 9"),
			sqlcheck.RuleMultipleTenants, "bound to the constant 9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sql, args, err := tc.b.ToSql()
			if sql != "" || args != nil {
				t.Errorf("ToSql() = %q, %v; want no SQL with the error", sql, args)
			}
			if tc.rule == "" {
				if err == nil || !strings.Contains(err.Error(), "placeholders but 2 arguments") {
					t.Errorf("ToSql() error = %v, want the placeholder-count error", err)
				}
				return
			}
			var ve *tenantq.ViolationError
			if !errors.As(err, &ve) {
				t.Fatalf("ToSql() error = %v, want a *ViolationError", err)
			}
			if !errors.Is(err, tenantq.ErrUnsafe) {
				t.Errorf("errors.Is(%v, ErrUnsafe) = false", err)
			}
			if !slices.ContainsFunc(ve.Violations, func(v sqlcheck.Violation) bool {
				return v.Rule == tc.rule && strings.Contains(v.Message, tc.msg)
			}) {
				t.Errorf("ToSql() error = %v, want a %s violation containing %q", err, tc.rule, tc.msg)
			}
		})
	}
}

// tenantqScope makes another tenant's scope of the same Tenancy, through Unscoped's sibling.
func tenantqScope(s tenantq.Scope, tenant any) (tenantq.Scope, error) {
	return s.Tenancy().Scope(tenant)
}

func TestBranchesAreIndependent(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	base := s.Select("c.id").From("contacts c").Join("deals d ON d.contact_id = c.id")
	a := base.Join("notes n ON n.deal_id = d.id").Where("n.body LIKE ?", "%a%")
	b := base.LeftJoin("tasks t ON t.deal_id = d.id").Where("t.done")
	for _, q := range []tenantq.SelectBuilder{base, a, b, base} {
		if _, _, err := q.ToSql(); err != nil {
			t.Fatal(err)
		}
	}
	sa, _, _ := a.ToSql()
	sb, _, _ := b.ToSql()
	sbase, _, _ := base.ToSql()
	if strings.Contains(sa, "tasks") || strings.Contains(sb, "notes") || strings.Contains(sbase, "notes") || strings.Contains(sbase, "tasks") {
		t.Errorf("branches share state:\nbase %s\na    %s\nb    %s", sbase, sa, sb)
	}
	ins := s.Insert("notes").Columns("body")
	i1, i2 := ins.Values("one"), ins.Values("two")
	s1, a1, _ := i1.ToSql()
	s2, a2, _ := i2.ToSql()
	if s1 != s2 || a1[1] != "one" || a2[1] != "two" || len(a1) != 2 {
		t.Errorf("insert branches share rows: %s %v / %s %v", s1, a1, s2, a2)
	}
	// UPDATE and DELETE keep their own parts: branches appended to one base stay apart.
	up := s.Update("deals").Set("stage", "won").Where("id = ?", 1)
	u1 := up.Set("amount", 10).Where("stage <> ?", "lost").Suffix("RETURNING id")
	u2 := up.Set("owner_id", 7)
	su1, au1, err1 := u1.ToSql()
	su2, au2, err2 := u2.ToSql()
	if err1 != nil || err2 != nil || strings.Contains(su2, "amount") || strings.Contains(su2, "RETURNING") || strings.Contains(su1, "owner_id") || len(au1) != 5 || len(au2) != 4 {
		t.Errorf("update branches share state: %s %v / %s %v (%v, %v)", su1, au1, su2, au2, err1, err2)
	}
	del := s.Delete("notes").Where("deal_id = ?", 1)
	d1, d2 := del.Where("body = ?", "x"), del.Suffix("RETURNING id")
	sd1, _, _ := d1.ToSql()
	sd2, _, _ := d2.ToSql()
	if strings.Contains(sd1, "RETURNING") || strings.Contains(sd2, "body") {
		t.Errorf("delete branches share state: %s / %s", sd1, sd2)
	}
}

func TestScopeRefusesBadTenants(t *testing.T) {
	t.Parallel()
	tq, _ := testScope(t)
	var nilPtr *int64
	type uuid [16]byte
	tests := []struct {
		name   string
		tenant any
		ok     bool
	}{
		{"nil", nil, false},
		{"typed nil", nilPtr, false},
		{"empty string", "", false},
		{"slice", []int64{1, 2}, false},
		{"byte slice", []byte("abc"), false},
		{"empty array", [0]byte{}, false},
		{"int64", int64(1), true},
		{"int", 1, true},
		{"string", "acme", true},
		{"uuid", uuid{1, 2, 3}, true},
		{"zero int", 0, true},
		{"blank string", "  ", false},
		{"whitespace string", "\t\n", false},
		{"negative int", -1, false},
		{"negative int32", int32(-7), false},
		{"negative Valuer", valuerOf(int64(-3)), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := tq.Scope(tc.tenant)
			if (err == nil) != tc.ok || !tc.ok && !errors.Is(err, tenantq.ErrBadTenant) {
				t.Errorf("Scope(%#v) error = %v, want ok=%v (ErrBadTenant otherwise)", tc.tenant, err, tc.ok)
			}
		})
	}
}

func TestUnscoped(t *testing.T) {
	t.Parallel()
	var events []tenantq.AuditEvent
	tq, _ := testScope(t, tenantq.WithAudit(func(_ context.Context, e tenantq.AuditEvent) { events = append(events, e) }))
	if _, err := tq.Unscoped(""); !errors.Is(err, tenantq.ErrNoReason) {
		t.Errorf("Unscoped(\"\") error = %v, want ErrNoReason", err)
	}
	u, err := tq.Unscoped("nightly billing across tenants")
	if err != nil {
		t.Fatal(err)
	}
	sql, args, err := u.Select("tenant_id", "count(*)").From("contacts").GroupBy("tenant_id").ToSql()
	if err != nil || sql != "SELECT tenant_id, count(*) FROM contacts GROUP BY tenant_id" || len(args) != 0 {
		t.Errorf("unscoped ToSql() = %q, %v, %v", sql, args, err)
	}
	if len(events) != 1 || events[0].Reason != "nightly billing across tenants" || events[0].SQL != sql {
		t.Errorf("audit events = %+v, want one with the reason and SQL", events)
	}
}

// valuerOf is a driver.Valuer yielding v.
type valuerOf int64

func (v valuerOf) Value() (driver.Value, error) { return int64(v), nil }

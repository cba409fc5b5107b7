package tenantq_test

import (
	"context"
	"fmt"
	"testing"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/tenantq"
)

const integrationDDL = `
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE contacts (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, name text NOT NULL,
	email text NOT NULL, plan_id bigint, UNIQUE (tenant_id, email));
CREATE TABLE deals (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, contact_id bigint NOT NULL,
	stage text NOT NULL, amount numeric NOT NULL);
CREATE TABLE notes (id bigserial PRIMARY KEY, tenant_id bigint NOT NULL, contact_id bigint,
	deal_id bigint, body text NOT NULL);
INSERT INTO plans VALUES (1, 'free'), (2, 'pro');
-- Three tenants with the same shape and overlapping emails and names.
INSERT INTO contacts SELECT t * 100 + c, t, 'contact ' || c, 'c' || c || '@x', 1 + c % 2
	FROM generate_series(1, 3) t, generate_series(1, 4) c;
INSERT INTO deals SELECT t * 1000 + c * 10 + d, t, t * 100 + c, CASE WHEN d = 1 THEN 'open' ELSE 'won' END, c * d * 10
	FROM generate_series(1, 3) t, generate_series(1, 4) c, generate_series(1, 2) d;
INSERT INTO notes (tenant_id, contact_id, deal_id, body) SELECT tenant_id, contact_id, id, 'note on ' || id FROM deals;
`

// integrationDB returns a pool on a fresh schema holding three tenants' data (1, 2, 3).
func integrationDB(t *testing.T) *pgxpool.Pool {
	t.Helper()
	return testdb.OpenSchema(t, integrationDDL)
}

// tenantColumnsOf runs a query whose result columns are all tenant ids and returns them.
func tenantIDs(t *testing.T, ctx context.Context, r tenantq.Runner, b tenantq.SelectBuilder) [][]int64 {
	t.Helper()
	rows, err := b.Query(ctx, r)
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	defer rows.Close()
	var out [][]int64
	for rows.Next() {
		var a, c *int64
		if err := rows.Scan(&a, &c); err != nil {
			t.Fatal(err)
		}
		row := []int64{}
		for _, v := range []*int64{a, c} {
			if v != nil {
				row = append(row, *v)
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSelectReturnsOnlyTheScopesRows runs SELECTs of every shape as tenant 2 and checks that
// every tenant column of every row is 2, and that the row counts are those of tenant 2's data.
func TestSelectReturnsOnlyTheScopesRows(t *testing.T) {
	pool := integrationDB(t)
	ctx := context.Background()
	tq, _ := testScope(t)
	s, err := tq.Scope(int64(2))
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDBFromPool(pool)
	t.Cleanup(func() { db.Close() })
	runners := map[string]tenantq.Runner{"pgx": tenantq.Pgx(pool), "database/sql": tenantq.SQL(db)}
	tests := []struct {
		name string
		b    tenantq.SelectBuilder
		rows int
	}{
		{"one table", s.Select("tenant_id", "NULL::bigint").From("contacts"), 4},
		{"join", s.Select("c.tenant_id", "d.tenant_id").From("contacts c").Join("deals d ON d.contact_id = c.id"), 8},
		{"join on a shared key", s.Select("c.tenant_id", "d.tenant_id").From("contacts c").Join("deals d ON d.stage = 'won'"), 16},
		{"left join", s.Select("c.tenant_id", "n.tenant_id").From("contacts c").LeftJoin("notes n ON n.contact_id = c.id"), 8},
		{"right join", s.Select("c.tenant_id", "d.tenant_id").From("contacts c").RightJoin("deals d ON d.contact_id = c.id"), 8},
		{"cross join", s.Select("c.tenant_id", "d.tenant_id").From("contacts c").CrossJoin("deals d"), 32},
		// 4 contacts each with one won deal, and 4 open deals with no contact row: 8 rows.
		{"full join", s.Select("c.tenant_id", "d.tenant_id").From("contacts c").FullJoin("deals d ON d.contact_id = c.id AND d.stage = 'won'"), 8},
		{"global join", s.Select("c.tenant_id", "NULL::bigint").From("contacts c").Join("plans p ON p.id = c.plan_id").Where("p.name = ?", "pro"), 2},
		{"subquery", s.Select("x.tenant_id", "NULL::bigint").FromSelect(s.Select("*").From("deals").Where(sq.Gt{"amount": 0}), "x"), 8},
		{"scalar subquery", s.Select("c.tenant_id").Column(tenantq.Alias(s.Select("max(d.tenant_id)").From("deals d").Where("d.contact_id = c.id"), "d")).From("contacts c"), 4},
		{"CTE", s.Select("w.tenant_id", "NULL::bigint").With("w", s.Select("*").From("deals").Where(sq.Eq{"stage": "won"})).From("w"), 4},
		{"union", s.Select("tenant_id", "NULL::bigint").From("contacts").UnionAll(s.Select("tenant_id", "NULL::bigint").From("deals")), 12},
		{"or in a raw predicate", s.Select("tenant_id", "NULL::bigint").From("contacts").Where("email = ? OR name = ?", "c1@x", "contact 2"), 2},
		{"exists", s.Select("c.tenant_id", "NULL::bigint").From("contacts c").Where(sq.Expr("EXISTS (SELECT 1 FROM notes n WHERE n.contact_id = c.id AND n.tenant_id = c.tenant_id)")), 4},
	}
	for rname, r := range runners {
		for _, tc := range tests {
			t.Run(rname+"/"+tc.name, func(t *testing.T) {
				rows := tenantIDs(t, ctx, r, tc.b)
				if len(rows) != tc.rows {
					t.Errorf("got %d rows, want %d", len(rows), tc.rows)
				}
				for _, row := range rows {
					for _, id := range row {
						if id != 2 {
							t.Fatalf("row %v carries tenant %d, want only tenant 2", row, id)
						}
					}
				}
			})
		}
	}
}

// checksums returns, per table, a digest of the rows of every tenant but one.
func checksums(t *testing.T, ctx context.Context, pool *pgxpool.Pool, except int64) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range []string{"contacts", "deals", "notes"} {
		var sum, n string
		q := fmt.Sprintf("SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), ''), count(*)::text FROM %s x WHERE tenant_id <> $1", table)
		//tenantvet:ignore checksums the other tenants' rows to prove a statement left them unchanged
		if err := pool.QueryRow(ctx, q, except).Scan(&sum, &n); err != nil {
			t.Fatal(err)
		}
		out[table] = n + ":" + sum
	}
	return out
}

// TestWritesChangeOnlyTheScopesRows runs UPDATE, DELETE and INSERT statements as tenant 2, none
// of them with a tenant predicate of its own, and checks the other tenants' rows are unchanged.
func TestWritesChangeOnlyTheScopesRows(t *testing.T) {
	pool := integrationDB(t)
	ctx := context.Background()
	tq, _ := testScope(t)
	s, err := tq.Scope(int64(2))
	if err != nil {
		t.Fatal(err)
	}
	r := tenantq.Pgx(pool)
	before := checksums(t, ctx, pool, 2)
	steps := []struct {
		name     string
		run      func() (int64, error)
		affected int64
	}{
		{"update every row", func() (int64, error) { return s.Update("deals").Set("stage", "lost").Exec(ctx, r) }, 8},
		{"update by a key all tenants share", func() (int64, error) {
			return s.Update("contacts").Set("name", "renamed").Where(sq.Eq{"email": "c1@x"}).Exec(ctx, r)
		}, 1},
		{"update from a join", func() (int64, error) {
			return s.Update("deals d").Set("amount", 0).From("contacts c").Where("d.contact_id = c.id AND c.email = ?", "c2@x").Exec(ctx, r)
		}, 2},
		{"update with a subquery (squirrel #326)", func() (int64, error) {
			return s.Update("contacts").Set("name", s.Select("max(stage)").From("deals d").Where("d.contact_id = contacts.id")).Where(sq.Eq{"email": "c3@x"}).Exec(ctx, r)
		}, 1},
		{"insert", func() (int64, error) {
			return s.Insert("notes").Columns("contact_id", "body").Values(201, "a").Values(202, "b").Exec(ctx, r)
		}, 2},
		{"insert select", func() (int64, error) {
			return s.Insert("notes").Columns("contact_id", "body").Select(s.Select("id", "name").From("contacts")).Exec(ctx, r)
		}, 4},
		{"upsert", func() (int64, error) {
			return s.Insert("contacts").Columns("id", "name", "email").Values(299, "new", "c1@x").
				Suffix("ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name").Exec(ctx, r)
		}, 1},
		{"delete every row", func() (int64, error) { return s.Delete("notes").Exec(ctx, r) }, 14},
		{"delete by a shared key", func() (int64, error) { return s.Delete("deals").Where(sq.Eq{"stage": "lost"}).Exec(ctx, r) }, 8},
	}
	for _, st := range steps {
		n, err := st.run()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if n != st.affected {
			t.Errorf("%s: %d rows affected, want %d (tenant 2's rows only)", st.name, n, st.affected)
		}
		if after := checksums(t, ctx, pool, 2); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Fatalf("%s changed other tenants' rows:\nbefore %v\nafter  %v", st.name, before, after)
		}
	}
	var name string
	if err := pool.QueryRow(ctx, "SELECT name FROM contacts WHERE tenant_id = 2 AND email = 'c1@x'").Scan(&name); err != nil || name != "new" {
		t.Errorf("upsert left name %q (%v), want %q", name, err, "new")
	}
}

// TestRefusedStatementsNeverRun checks that a statement that fails verification does not reach
// the database through any execution helper.
func TestRefusedStatementsNeverRun(t *testing.T) {
	pool := integrationDB(t)
	ctx := context.Background()
	tq, _ := testScope(t)
	s, _ := tq.Scope(int64(2))
	r := tenantq.Pgx(pool)
	before := checksums(t, ctx, pool, -1)
	if _, err := s.Update("deals").Set("tenant_id", 3).Exec(ctx, r); err == nil {
		t.Error("an UPDATE moving rows to tenant 3 ran")
	}
	if _, err := s.Delete("notes").Where(sq.Eq{"tenant_id": 3}).Exec(ctx, r); err == nil {
		t.Error("a DELETE bound to tenant 3 ran")
	}
	var n int
	if err := s.Select("count(*)").From("contacts c").JoinClause("JOIN LATERAL (SELECT * FROM deals) d ON true").QueryRow(ctx, r).Scan(&n); err == nil {
		t.Error("an unpinned lateral join ran")
	}
	if after := checksums(t, ctx, pool, -1); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("refused statements changed rows:\nbefore %v\nafter  %v", before, after)
	}
}

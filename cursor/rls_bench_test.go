package cursor_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/internal/rlstest"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// BenchmarkRLS reads a keyset page of 50 rows at depth 100,000 of one tenant's 300,000 rows (in
// a table of 500,000), as BenchmarkDepth does, without and with row-level security:
//
//   - plain: the policy has no row_level_security; one statement.
//   - setting: row_level_security on, as a superuser, whom the policies do not hold: the cost
//     of telling the database the tenant with each statement (pgx: one batch of two).
//   - rls: row_level_security on, as the application's role, under the policies tenantvet rls
//     writes: the setting and the policies.
//
// The sql- variants do the same through database/sql (pgx's stdlib driver), where the setting
// needs a transaction of its own: BEGIN, the setting, the page, COMMIT.
func BenchmarkRLS(b *testing.B) {
	db := rlstest.OpenSchema(b, `CREATE TABLE big (id bigint PRIMARY KEY, tenant_id bigint NOT NULL,
		created_at timestamptz NOT NULL, name text NOT NULL);
	INSERT INTO big SELECT g, CASE WHEN g % 10 < 6 THEN 1 ELSE 2 + g % 4 END,
		timestamptz '2026-01-01' + (g / 3) * interval '1 second', 'name ' || g
		FROM generate_series(1, 500000) g;
	CREATE INDEX big_page ON big (tenant_id, created_at, id);
	ANALYZE big;`, "big")
	ctx := context.Background()
	plainPolicy := db.Policy
	plainPolicy.RowLevelSecurity = nil
	plain, err := tenantq.New(plainPolicy)
	if err != nil {
		b.Fatal(err)
	}
	walled, err := tenantq.New(db.Policy)
	if err != nil {
		b.Fatal(err)
	}
	p, err := cursor.NewPager(keyring(b, newKey), cursor.Spec{Name: "big", Keys: []cursor.Key{{Column: "created_at"}, {Column: "id"}}})
	if err != nil {
		b.Fatal(err)
	}
	query := func(tq *tenantq.Tenancy) tenantq.SelectBuilder {
		scope, err := tq.Scope(int64(1))
		if err != nil {
			b.Fatal(err)
		}
		return scope.Select("id", "name").From("big")
	}
	// The cursor of the row just before depth 100,000, read without row-level security.
	const depth = 100000
	var at time.Time
	var id int64
	if err := query(plain).Columns("created_at", "id").OrderBy("created_at", "id").Offset(depth-1).Limit(1).
		QueryRow(ctx, tenantq.Pgx(db.Admin)).Scan(new(int64), new(string), &at, &id); err != nil {
		b.Fatal(err)
	}
	after, err := p.Cursor(query(plain), at, id)
	if err != nil {
		b.Fatal(err)
	}
	req := cursor.Request{First: 50, After: after}
	explain(b, db, p, query(walled), at, id)

	adminStd, appStd := stdlib.OpenDBFromPool(db.Admin), stdlib.OpenDBFromPool(db.App)
	b.Cleanup(func() { adminStd.Close(); appStd.Close() })
	for _, bc := range []struct {
		name string
		tq   *tenantq.Tenancy
		r    tenantq.Runner
	}{
		{"plain", plain, tenantq.Pgx(db.Admin)},
		{"setting", walled, tenantq.Pgx(db.Admin)},
		{"rls", walled, tenantq.Pgx(db.App)},
		{"sql-plain", plain, tenantq.SQL(adminStd)},
		{"sql-rls", walled, tenantq.SQL(appStd)},
	} {
		q := query(bc.tq)
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				items, _, err := cursor.Page(ctx, p, bc.r, q, req, scanBenchRow)
				if err != nil || len(items) != 50 {
					b.Fatalf("page: %d rows, %v", len(items), err)
				}
			}
		})
	}
}

// explain prints the plan of the page query as the application's role sees it under the
// policies: the index condition must still be on (tenant_id, created_at, id).
func explain(b *testing.B, db *rlstest.DB, p *cursor.Pager, q tenantq.SelectBuilder, at time.Time, id int64) {
	b.Helper()
	ctx := context.Background()
	text, _ := p.SQL(q, []any{at, id}, 50, false)
	tx, err := db.App.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback(ctx)
	//tenantvet:ignore the benchmark sets the tenant as tenantq's runtime does, to EXPLAIN under the policies
	if _, err := tx.Exec(ctx, "SELECT set_config('"+sqlcheck.DefaultTenantSetting+"', '1', true)"); err != nil {
		b.Fatal(err)
	}
	//tenantvet:ignore EXPLAIN of the pager's own verified page query, with typed placeholders
	rows, err := tx.Query(ctx, "EXPLAIN "+strings.NewReplacer("$1", "$1::timestamptz", "$2", "$2::bigint", "$3", "$3::bigint").Replace(text), at, id, int64(1))
	if err != nil {
		b.Fatal(err)
	}
	plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("page query under row-level security:\n%s\n", strings.Join(plan, "\n"))
}

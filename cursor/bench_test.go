package cursor_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// benchRow is a row of the benchmarks' page query, and scanBenchRow reads one.
type benchRow struct {
	id   int64
	name string
}

func scanBenchRow(rw cursor.Row) (benchRow, error) {
	var x benchRow
	return x, rw.Scan(&x.id, &x.name)
}

// BenchmarkDepth reads a page of 50 rows at increasing depths of one tenant's 600,000 rows (in
// a table of 1,000,000), with OFFSET and with a keyset cursor. It prints the EXPLAIN of the
// deepest keyset query, which shows the index condition.
func BenchmarkDepth(b *testing.B) {
	pool := testdb.OpenSchema(b, `CREATE TABLE big (id bigint PRIMARY KEY, tenant_id bigint NOT NULL,
		created_at timestamptz NOT NULL, name text NOT NULL);
	INSERT INTO big SELECT g, CASE WHEN g % 10 < 6 THEN 1 ELSE 2 + g % 4 END,
		timestamptz '2026-01-01' + (g / 3) * interval '1 second', 'name ' || g
		FROM generate_series(1, 1000000) g;
	CREATE INDEX big_page ON big (tenant_id, created_at, id);
	ANALYZE big;`)
	ctx := context.Background()
	tq, err := tenantq.New(sqlcheck.Policy{})
	if err != nil {
		b.Fatal(err)
	}
	scope, _ := tq.Scope(int64(1))
	r := tenantq.Pgx(pool)
	p, err := cursor.NewPager(keyring(b, newKey), cursor.Spec{Name: "big", Keys: []cursor.Key{{Column: "created_at"}, {Column: "id"}}})
	if err != nil {
		b.Fatal(err)
	}
	q := scope.Select("id", "name").From("big")
	readOffset := func(depth int) int {
		rows, err := q.OrderBy("created_at", "id").Offset(uint64(depth)).Limit(50).Query(ctx, r)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var x benchRow
			if err := rows.Scan(&x.id, &x.name); err != nil {
				b.Fatal(err)
			}
			n++
		}
		return n
	}
	for _, depth := range []int{0, 10000, 100000, 500000} {
		b.Run(fmt.Sprintf("offset/depth=%d", depth), func(b *testing.B) {
			for b.Loop() {
				if readOffset(depth) != 50 {
					b.Fatal("short page")
				}
			}
		})
		req := cursor.Request{First: 50}
		if depth > 0 {
			// The cursor of the row just before the depth.
			var at time.Time
			var id int64
			err := scope.Select("created_at", "id").From("big").OrderBy("created_at", "id").Offset(uint64(depth-1)).Limit(1).
				QueryRow(ctx, r).Scan(&at, &id)
			if err != nil {
				b.Fatal(err)
			}
			if req.After, err = p.Cursor(q, at, id); err != nil {
				b.Fatal(err)
			}
			if depth == 500000 {
				sql, _ := p.SQL(q, []any{at, id}, 50, false)
				var plan []string
				//tenantvet:ignore EXPLAIN of the pager's own verified page query, with typed placeholders
				rows, err := pool.Query(ctx, "EXPLAIN "+strings.NewReplacer("$1", "$1::timestamptz", "$2", "$2::bigint", "$3", "$3::bigint").Replace(sql), at, id, int64(1))
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					var line string
					rows.Scan(&line)
					plan = append(plan, line)
				}
				rows.Close()
				// Printed, not logged: readers of make bench see it without -v.
				fmt.Printf("keyset query at depth %d:\n%s\n%s\n", depth, sql, strings.Join(plan, "\n"))
			}
		}
		b.Run(fmt.Sprintf("keyset/depth=%d", depth), func(b *testing.B) {
			for b.Loop() {
				items, _, err := cursor.Page(ctx, p, r, q, req, scanBenchRow)
				if err != nil || len(items) != 50 {
					b.Fatalf("page: %d rows, %v", len(items), err)
				}
			}
		})
	}
}

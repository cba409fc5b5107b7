package cursor_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

func TestPageRefusesWhatItCannotHonour(t *testing.T) {
	t.Parallel()
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(int64(1))
	p, err := cursor.NewPager(keyring(t, newKey), cursor.Spec{Name: "x", Keys: []cursor.Key{{Column: "id"}}})
	if err != nil {
		t.Fatal(err)
	}
	scan := func(row cursor.Row) (int64, error) { var id int64; return id, row.Scan(&id) }
	base := scope.Select("id").From("items")
	cur, err := p.Cursor(base, int64(3))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		q   tenantq.SelectBuilder
		req cursor.Request
	}{
		"own ORDER BY":     {base.OrderBy("name"), cursor.Request{First: 2}},
		"own OFFSET":       {base.Offset(2), cursor.Request{First: 2}},
		"own LIMIT":        {base.Limit(2), cursor.Request{First: 2}},
		"Last after":       {base, cursor.Request{Last: 2, After: cur}},
		"First before":     {base, cursor.Request{First: 2, Before: cur}},
		"another filter's": {scope.Select("id").From("items").Where("owner = ?", 2), cursor.Request{First: 2, After: cur}},
	}
	for name, tc := range tests {
		// A nil runner: each must fail before running anything.
		if _, _, err := cursor.Page(context.Background(), p, nil, tc.q, tc.req, scan); err == nil {
			t.Errorf("%s: Page accepted it", name)
		}
	}
	f, _ := cursor.NewPager(keyring(t, newKey), cursor.Spec{Name: "y", Keys: []cursor.Key{{Column: "u"}}})
	if _, err := f.Cursor(base, strings.Repeat("x", 4000)); err == nil {
		t.Error("a cursor longer than Decode accepts was made")
	}
}

// TestKeyTypes pages by keys of several SQL types, infinite timestamps included.
func TestKeyTypes(t *testing.T) {
	pool := testdb.OpenSchema(t, `CREATE TABLE typed (id bigint PRIMARY KEY, tenant_id bigint NOT NULL,
		s smallint, r real, ts timestamptz, ip inet);
	INSERT INTO typed SELECT g, 1, (g % 4)::smallint, (g % 3) / 2.0, CASE g % 5 WHEN 0 THEN 'infinity' WHEN 1 THEN '-infinity' ELSE now() END,
		('10.0.0.' || (g % 6))::inet FROM generate_series(1, 40) g;`)
	ctx := context.Background()
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(int64(1))
	for _, col := range []string{"s", "r", "ts", "ip"} {
		p, err := cursor.NewPager(keyring(t, newKey), cursor.Spec{Name: col, Keys: []cursor.Key{{Column: col, Desc: true, Nullable: true}, {Column: "id"}}})
		if err != nil {
			t.Fatal(err)
		}
		//tenantvet:ignore ground truth for the pager over a one-tenant table, ORDER BY from the test's column list
		truth := ids(t, ctx, pool, "SELECT id FROM typed ORDER BY "+col+" DESC, id")
		var got []int64
		req := cursor.Request{First: 3}
		for {
			items, info, err := cursor.Page(ctx, p, tenantq.Pgx(pool), scope.Select("id").From("typed"), req,
				func(row cursor.Row) (int64, error) { var id int64; return id, row.Scan(&id) })
			if err != nil {
				t.Fatalf("%s: %v", col, err)
			}
			got = append(got, items...)
			if !info.HasNextPage {
				break
			}
			req.After = info.EndCursor
		}
		if !slices.Equal(got, truth) {
			t.Errorf("%s: pages = %v, want %v", col, got, truth)
		}
	}
}

// TestFeedStampsInsertedRows checks that a row inserted with its own xid value, as a copy or a
// restore would, is stamped by the trigger and reaches a follower.
func TestFeedStampsInsertedRows(t *testing.T) {
	// A mixed-case name: ChangeTrackingDDL quotes what it writes.
	pool := testdb.OpenSchema(t, `CREATE TABLE "Events" (id bigserial PRIMARY KEY, tenant_id bigint NOT NULL, body text);`+
		cursor.ChangeTrackingDDL(`Events`, "changed_xid", "id", "tenant_id"))
	ctx := context.Background()
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(int64(1))
	r := tenantq.Pgx(pool)
	feed, _ := cursor.NewFeed(keyring(t, newKey), "events", "changed_xid", "id")
	q := scope.Select("id").From(`"Events"`)
	scan := func(row cursor.Row) (int64, error) { var id int64; return id, row.Scan(&id) }
	if _, err := scope.Insert(`"Events"`).Columns("body").Values("a").Exec(ctx, r); err != nil {
		t.Fatal(err)
	}
	first, cur, err := cursor.Poll(ctx, feed, r, q, "", 10, scan)
	if err != nil || len(first) != 1 {
		t.Fatalf("first poll = %v, %v", first, err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO "Events" (tenant_id, body, changed_xid) VALUES (1, 'copied', '3'), (1, 'future', '999999999')`); err != nil {
		t.Fatal(err)
	}
	next, _, err := cursor.Poll(ctx, feed, r, q, cur, 10, scan)
	if err != nil || len(next) != 2 {
		t.Errorf("after copied rows: poll = %v, %v; want both rows", next, err)
	}
	if _, _, err := cursor.Poll(ctx, feed, r, q, "AQ", 10, scan); !errors.Is(err, cursor.ErrMalformed) {
		t.Errorf("a garbled feed cursor: %v", err)
	}
}

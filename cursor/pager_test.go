package cursor_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

const itemsDDL = `CREATE TABLE items (
	id         bigint PRIMARY KEY,
	tenant_id  bigint NOT NULL,
	score      int,
	name       text NOT NULL,
	created_at timestamptz NOT NULL
)`

// seedItems fills items with three tenants' rows: ties in every key, NULL scores, and
// timestamps with microseconds.
func seedItems(t *testing.T, ctx context.Context, pool *pgxpool.Pool, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	id := int64(0)
	for tenant, n := range map[int64]int{1: 80, 2: 257, 3: 60} {
		for range n {
			id++
			var score any
			if rng.IntN(5) > 0 {
				score = rng.IntN(10)
			}
			created := base.Add(time.Duration(rng.IntN(50)) * 1500 * time.Microsecond)
			name := fmt.Sprintf("n%d", rng.IntN(20))
			if _, err := pool.Exec(ctx, "INSERT INTO items (id, tenant_id, score, name, created_at) VALUES ($1, $2, $3, $4, $5)", id*7%1000+id*1000, tenant, score, name, created); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestPagesMatchOffsetOrder pages random data sets (ties in every key, NULLs, microsecond
// timestamps) forward and backward with several specs and page sizes, and compares the rows with
// the ground truth of one ORDER BY over the tenant's rows.
func TestPagesMatchOffsetOrder(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { testPagesMatch(t, seed) })
	}
}

func testPagesMatch(t *testing.T, seed uint64) {
	pool := testdb.OpenSchema(t, itemsDDL)
	ctx := context.Background()
	seedItems(t, ctx, pool, seed)
	tq, err := tenantq.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	scope, _ := tq.Scope(int64(2))
	r := tenantq.Pgx(pool)
	kr := keyring(t, newKey)
	specs := map[string][]cursor.Key{
		"uniform":            {{Column: "created_at"}, {Column: "id"}},
		"uniform desc":       {{Column: "created_at", Desc: true}, {Column: "id", Desc: true}},
		"nullable desc":      {{Column: "score", Desc: true, Nullable: true}, {Column: "id"}},
		"nullable asc mixed": {{Column: "score", Nullable: true}, {Column: "created_at", Desc: true}, {Column: "id"}},
		"three keys mixed":   {{Column: "name"}, {Column: "created_at", Desc: true}, {Column: "id", Desc: true}},
	}
	for name, keys := range specs {
		t.Run(name, func(t *testing.T) {
			p, err := cursor.NewPager(kr, cursor.Spec{Name: name, Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			var order []string
			for _, k := range keys {
				if k.Desc {
					order = append(order, k.Column+" DESC")
				} else {
					order = append(order, k.Column)
				}
			}
			//tenantvet:ignore ground truth for the pager: tenant 2 pinned, ORDER BY from the test's key list
			truth := ids(t, ctx, pool, "SELECT id FROM items WHERE tenant_id = 2 ORDER BY "+strings.Join(order, ", "))
			q := scope.Select("id").From("items")
			scan := func(row cursor.Row) (int64, error) {
				var id int64
				err := row.Scan(&id)
				return id, err
			}
			for _, size := range []int{1, 7, 50, 300} {
				// Forward through every page.
				var got []int64
				req := cursor.Request{First: size}
				for pages := 0; ; pages++ {
					items, info, err := cursor.Page(ctx, p, r, q, req, scan)
					if err != nil {
						t.Fatalf("size %d page %d: %v", size, pages, err)
					}
					got = append(got, items...)
					if info.HasPreviousPage != (pages > 0) {
						t.Errorf("size %d page %d: HasPreviousPage = %v", size, pages, info.HasPreviousPage)
					}
					if !info.HasNextPage {
						break
					}
					req = cursor.Request{First: size, After: info.EndCursor}
				}
				if !slices.Equal(got, truth) {
					t.Fatalf("size %d: forward pages = %v\nwant (ORDER BY %s) %v", size, got, strings.Join(order, ", "), truth)
				}
				// Backward from the end.
				got = nil
				req = cursor.Request{Last: size}
				for {
					items, info, err := cursor.Page(ctx, p, r, q, req, scan)
					if err != nil {
						t.Fatal(err)
					}
					got = append(slices.Clone(items), got...)
					if !info.HasPreviousPage {
						break
					}
					req = cursor.Request{Last: size, Before: info.StartCursor}
				}
				if !slices.Equal(got, truth) {
					t.Fatalf("size %d: backward pages = %v\nwant %v", size, got, truth)
				}
			}
		})
	}
}

func ids(t *testing.T, ctx context.Context, pool *pgxpool.Pool, sql string) []int64 {
	t.Helper()
	rows, err := pool.Query(ctx, sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func TestCursorsAreBound(t *testing.T) {
	pool := testdb.OpenSchema(t, itemsDDL)
	ctx := context.Background()
	seedItems(t, ctx, pool, 2)
	tq, _ := tenantq.New(sqlcheck.Policy{})
	s2, _ := tq.Scope(int64(2))
	s3, _ := tq.Scope(int64(3))
	r := tenantq.Pgx(pool)
	clock := now
	p, err := cursor.NewPager(keyring(t, newKey), cursor.Spec{Name: "items", Keys: []cursor.Key{{Column: "id"}}},
		cursor.WithExpiry(time.Minute), cursor.WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	scan := func(row cursor.Row) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	}
	_, info, err := cursor.Page(ctx, p, r, s2.Select("id").From("items"), cursor.Request{First: 5}, scan)
	if err != nil {
		t.Fatal(err)
	}
	next := cursor.Request{First: 5, After: info.EndCursor}
	if _, _, err := cursor.Page(ctx, p, r, s3.Select("id").From("items"), next, scan); !errors.Is(err, cursor.ErrTenant) {
		t.Errorf("another tenant's cursor: %v, want ErrTenant", err)
	}
	if _, _, err := cursor.Page(ctx, p, r, s2.Select("id").From("items").Where("score > 3"), next, scan); !errors.Is(err, cursor.ErrShape) {
		t.Errorf("another query's cursor: %v, want ErrShape", err)
	}
	clock = now.Add(2 * time.Minute)
	if _, _, err := cursor.Page(ctx, p, r, s2.Select("id").From("items"), next, scan); !errors.Is(err, cursor.ErrExpired) {
		t.Errorf("an expired cursor: %v, want ErrExpired", err)
	}
	for _, bad := range []cursor.Request{{}, {First: 1, Last: 1}, {First: cursor.MaxPage + 1}, {First: -1}, {First: 1, After: "x", Before: "y"}} {
		if _, _, err := cursor.Page(ctx, p, r, s2.Select("id").From("items"), bad, scan); err == nil {
			t.Errorf("request %+v was accepted", bad)
		}
	}
}

// TestSeekSQL shows the predicates the pager writes: a row comparison when the keys run one way,
// the expansion with a redundant bound otherwise, and NULL placement for nullable keys.
func TestSeekSQL(t *testing.T) {
	t.Parallel()
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(int64(2))
	kr := keyring(t, newKey)
	tests := []struct {
		name string
		keys []cursor.Key
		vals []any
		want string
	}{
		{"row comparison", []cursor.Key{{Column: "created_at"}, {Column: "id"}}, []any{now, int64(5)},
			"SELECT id, created_at AS tenantq_key_1, id AS tenantq_key_2 FROM items WHERE ((created_at, id) > ($1, $2)) AND items.tenant_id = $3 ORDER BY tenantq_key_1, tenantq_key_2 LIMIT 11"},
		{"mixed directions", []cursor.Key{{Column: "name"}, {Column: "id", Desc: true}}, []any{"a", int64(5)},
			"SELECT id, name AS tenantq_key_1, id AS tenantq_key_2 FROM items WHERE (name >= $1 AND ((name > $2) OR (name = $3 AND id < $4))) AND items.tenant_id = $5 ORDER BY tenantq_key_1, tenantq_key_2 DESC LIMIT 11"},
		{"nullable after a value", []cursor.Key{{Column: "score", Nullable: true}, {Column: "id"}}, []any{int64(3), int64(5)},
			"SELECT id, score AS tenantq_key_1, id AS tenantq_key_2 FROM items WHERE (((score > $1 OR score IS NULL)) OR (score = $2 AND id > $3)) AND items.tenant_id = $4 ORDER BY tenantq_key_1, tenantq_key_2 LIMIT 11"},
		{"nullable after NULL", []cursor.Key{{Column: "score", Nullable: true}, {Column: "id"}}, []any{nil, int64(5)},
			"SELECT id, score AS tenantq_key_1, id AS tenantq_key_2 FROM items WHERE ((FALSE) OR (score IS NULL AND id > $1)) AND items.tenant_id = $2 ORDER BY tenantq_key_1, tenantq_key_2 LIMIT 11"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := cursor.NewPager(kr, cursor.Spec{Name: tc.name, Keys: tc.keys})
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.SQL(scope.Select("id").From("items"), tc.vals, 10, false)
			if err != nil || got != tc.want {
				t.Errorf("SQL = %q, %v\nwant  %q", got, err, tc.want)
			}
		})
	}
}

// TestNumericKeys pages by a numeric column, which pgx scans as pgtype.Numeric.
func TestNumericKeys(t *testing.T) {
	pool := testdb.OpenSchema(t, `CREATE TABLE prices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, amount numeric NOT NULL);
		INSERT INTO prices SELECT g, 1 + g % 2, (g % 7) * 1.25 FROM generate_series(1, 60) g;`)
	ctx := context.Background()
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(int64(1))
	p, err := cursor.NewPager(keyring(t, newKey), cursor.Spec{Name: "prices", Keys: []cursor.Key{{Column: "amount", Desc: true}, {Column: "id"}}})
	if err != nil {
		t.Fatal(err)
	}
	truth := ids(t, ctx, pool, "SELECT id FROM prices WHERE tenant_id = 1 ORDER BY amount DESC, id")
	var got []int64
	req := cursor.Request{First: 4}
	for {
		items, info, err := cursor.Page(ctx, p, tenantq.Pgx(pool), scope.Select("id").From("prices"), req, func(row cursor.Row) (int64, error) {
			var id int64
			return id, row.Scan(&id)
		})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, items...)
		if !info.HasNextPage {
			break
		}
		req.After = info.EndCursor
	}
	if !slices.Equal(got, truth) {
		t.Errorf("pages = %v, want %v", got, truth)
	}
}

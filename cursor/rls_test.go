package cursor_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/internal/rlstest"
	"github.com/tenantq/tenantq/tenantq"
)

// TestPageRLS pages one tenant's rows under row-level security, through the pgx and the
// database/sql runners: the page query runs after its tenant's setting (Page runs the builder
// through the Runner), so the policies let the tenant's rows through.
func TestPageRLS(t *testing.T) {
	db := rlstest.Open(t)
	tq, err := tenantq.New(db.Policy)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := tq.Scope(int64(2))
	p, err := cursor.NewPager(keyring(t, newKey), cursor.Spec{Name: "contacts", Keys: []cursor.Key{{Column: "id"}}})
	if err != nil {
		t.Fatal(err)
	}
	sdb := stdlib.OpenDBFromPool(db.App)
	sdb.SetMaxIdleConns(0)
	defer sdb.Close()
	scan := func(row cursor.Row) (id int64, err error) { return id, row.Scan(&id) }
	for _, r := range []struct {
		name   string
		runner tenantq.Runner
	}{{"pgx", tenantq.Pgx(db.App)}, {"database/sql", tenantq.SQL(sdb)}} {
		ctx := context.Background()
		q := s2.Select("id").From("contacts")
		ids, info, err := cursor.Page(ctx, p, r.runner, q, cursor.Request{First: 2}, scan)
		if err != nil || !slices.Equal(ids, []int64{201, 202}) || !info.HasNextPage {
			t.Fatalf("%s: first page %v, %+v, %v; want [201 202] and a next page", r.name, ids, info, err)
		}
		ids, info, err = cursor.Page(ctx, p, r.runner, q, cursor.Request{First: 2, After: info.EndCursor}, scan)
		if err != nil || !slices.Equal(ids, []int64{203}) || info.HasNextPage {
			t.Errorf("%s: second page %v, %+v, %v; want [203], the last", r.name, ids, info, err)
		}
	}
}

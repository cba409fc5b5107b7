package tenantq_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/tenantq"
)

// contact is read with pgx.RowToStructByName: its fields match the selected columns by name.
type contact struct {
	ID       int64  `db:"id"`
	TenantID int64  `db:"tenant_id"`
	Name     string `db:"name"`
}

// TestPgxRows runs builders with the pgx functions on a real PostgreSQL and reads their rows
// with pgx's own helpers, pgx.CollectRows and pgx.RowToStructByName, which need pgx.Rows.
func TestPgxRows(t *testing.T) {
	pool := integrationDB(t)
	ctx := context.Background()
	tq, _ := testScope(t)
	s, err := tq.Scope(int64(2))
	if err != nil {
		t.Fatal(err)
	}

	rows, err := tenantq.PgxQuery(ctx, pool, s.Select("id", "tenant_id", "name").From("contacts").OrderBy("id"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[contact])
	if err != nil {
		t.Fatal(err)
	}
	want := []contact{{201, 2, "contact 1"}, {202, 2, "contact 2"}, {203, 2, "contact 3"}, {204, 2, "contact 4"}}
	if !slices.Equal(got, want) {
		t.Errorf("CollectRows(RowToStructByName) = %v, want %v (tenant 2's contacts only)", got, want)
	}

	// RETURNING rows of a write, and a row.
	rows, err = tenantq.PgxQuery(ctx, pool, s.Update("deals").Set("stage", "lost").Where(sq.Eq{"id": 2011}).Suffix("RETURNING id"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil || !slices.Equal(ids, []int64{2011}) {
		t.Errorf("UPDATE ... RETURNING: %v, %v; want [2011]", ids, err)
	}
	var n int64
	if err := tenantq.PgxQueryRow(ctx, pool, s.Select("count(*)").From("deals")).Scan(&n); err != nil || n != 8 {
		t.Errorf("PgxQueryRow count: %d, %v; want 8", n, err)
	}
	tag, err := tenantq.PgxExec(ctx, pool, s.Delete("notes").Where(sq.Eq{"deal_id": 2011}))
	if err != nil || tag.RowsAffected() != 1 || !tag.Delete() {
		t.Errorf("PgxExec: %v, %v; want DELETE 1", tag, err)
	}

	// A statement that fails verification never runs: the error comes back, and the rows hold
	// it too, as pgx's own Query does, so CollectRows returns it rather than panicking.
	unsafe := s.Select("id").From("contacts").Where("tenant_id = ?", 3) // another tenant
	rows, err = tenantq.PgxQuery(ctx, pool, unsafe)
	if !errors.Is(err, tenantq.ErrUnsafe) || rows == nil || !errors.Is(rows.Err(), tenantq.ErrUnsafe) {
		t.Errorf("PgxQuery of an unsafe statement: rows %v, err %v; want rows holding ErrUnsafe and ErrUnsafe", rows, err)
	}
	if _, err := pgx.CollectRows(rows, pgx.RowTo[int64]); !errors.Is(err, tenantq.ErrUnsafe) {
		t.Errorf("CollectRows of refused rows: %v, want ErrUnsafe", err)
	}
	if err := tenantq.PgxQueryRow(ctx, pool, unsafe).Scan(&n); !errors.Is(err, tenantq.ErrUnsafe) {
		t.Errorf("PgxQueryRow of an unsafe statement: %v, want ErrUnsafe", err)
	}
	if _, err := tenantq.PgxExec(ctx, nil, s.Delete("notes")); err == nil {
		t.Error("PgxExec with a nil database succeeded")
	}
}

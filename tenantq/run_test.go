package tenantq_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/tenantq"
)

// Every connection, transaction and pool of database/sql and pgx fits an adapter.
var (
	_ tenantq.StdDB = (*sql.DB)(nil)
	_ tenantq.StdDB = (*sql.Tx)(nil)
	_ tenantq.StdDB = (*sql.Conn)(nil)
	_ tenantq.PgxDB = (*pgx.Conn)(nil)
	_ tenantq.PgxDB = pgx.Tx(nil)
	_ tenantq.PgxDB = (*pgxpool.Pool)(nil)
	_ tenantq.PgxDB = (*pgxpool.Conn)(nil)
)

// TestRunners runs one statement through every kind of runner.
func TestRunners(t *testing.T) {
	pool := integrationDB(t)
	ctx := context.Background()
	tq, _ := testScope(t)
	s, _ := tq.Scope(int64(3))
	db := stdlib.OpenDBFromPool(pool)
	t.Cleanup(func() { db.Close() })

	// Each runner holds a pool connection while it is used, so each is made and released in
	// its own subtest.
	runners := []struct {
		name string
		open func(t *testing.T) tenantq.Runner
	}{
		{"*sql.DB", func(t *testing.T) tenantq.Runner { return tenantq.SQL(db) }},
		{"*sql.Tx", func(t *testing.T) tenantq.Runner {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { tx.Rollback() })
			return tenantq.SQL(tx)
		}},
		{"*sql.Conn", func(t *testing.T) tenantq.Runner {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			return tenantq.SQL(c)
		}},
		{"*pgxpool.Pool", func(t *testing.T) tenantq.Runner { return tenantq.Pgx(pool) }},
		{"*pgx.Conn", func(t *testing.T) tenantq.Runner {
			c, err := pool.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(c.Release)
			return tenantq.Pgx(c.Conn())
		}},
		{"pgx.Tx", func(t *testing.T) tenantq.Runner {
			tx, err := pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { tx.Rollback(ctx) })
			return tenantq.Pgx(tx)
		}},
	}
	for _, rc := range runners {
		t.Run(rc.name, func(t *testing.T) {
			r := rc.open(t)
			var n int64
			if err := s.Select("count(*)").From("deals").QueryRow(ctx, r).Scan(&n); err != nil || n != 8 {
				t.Errorf("count = %d, %v; want tenant 3's 8 deals", n, err)
			}
			affected, err := s.Update("deals").Set("stage", "open").Where("id < 0").Exec(ctx, r)
			if err != nil || affected != 0 {
				t.Errorf("Exec = %d, %v; want 0 rows", affected, err)
			}
			// A refused statement surfaces its error through QueryRow's Scan.
			err = s.Select("count(*)").From("deals").Where("tenant_id = 1").QueryRow(ctx, r).Scan(&n)
			if !errors.Is(err, tenantq.ErrUnsafe) {
				t.Errorf("QueryRow of a refused statement: Scan error = %v, want ErrUnsafe", err)
			}
		})
	}
}

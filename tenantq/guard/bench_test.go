package guard_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// nopConnector is a database/sql driver that does no I/O: every Exec succeeds at once, so a
// benchmark measures database/sql and the guard, not a database.
type nopConnector struct{}

func (nopConnector) Connect(context.Context) (driver.Conn, error) { return nopConn{}, nil }
func (nopConnector) Driver() driver.Driver                        { return nil }

type nopConn struct{}

func (nopConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("nop: no prepare") }
func (nopConn) Close() error                        { return nil }
func (nopConn) Begin() (driver.Tx, error)           { return nil, errors.New("nop: no transactions") }
func (nopConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	return driver.RowsAffected(1), nil
}

// BenchmarkGuard runs one statement through database/sql on a driver that does no I/O, directly
// and through the guard, whose verdict is cached after the first run: the difference is what
// the guard adds to every statement.
func BenchmarkGuard(b *testing.B) {
	db := sql.OpenDB(nopConnector{})
	defer db.Close()
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		b.Fatal(err)
	}
	guarded := guard.New(tq).DB(db)
	ctx := tenantq.WithTenant(context.Background(), int64(42))
	const stmt = "UPDATE deals SET stage = $1 WHERE tenant_id = $2 AND id = $3"
	for _, bc := range []struct {
		name string
		exec func(ctx context.Context, query string, args ...any) (sql.Result, error)
	}{
		{"direct", db.ExecContext},
		{"guarded", guarded.ExecContext},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			if _, err := bc.exec(ctx, stmt, "won", int64(42), int64(7)); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := bc.exec(ctx, stmt, "won", int64(42), int64(7)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

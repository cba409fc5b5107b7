package tenantq

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// A Runner runs verified statements. [SQL] adapts database/sql and [Pgx] adapts pgx; a Runner
// of your own (a tracing wrapper, say) works too. Its Query returns this package's [Rows]; for
// pgx's own rows (pgx.CollectRows, pgx.RowToStructByName), use [PgxQuery].
//
// Under row-level security the builders pass each statement's [Session] to the Runner in the
// context, and [SQL] and [Pgx] run it first: a Runner of your own must pass the context on to
// one of them, or its statements fail with [ErrRowLevelSecurity].
type Runner interface {
	// Exec runs a statement and returns the number of rows it affected.
	Exec(ctx context.Context, sql string, args ...any) (int64, error)
	// Query runs a statement and returns its rows.
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	// QueryRow runs a statement expected to return at most one row. Errors surface in Scan.
	QueryRow(ctx context.Context, sql string, args ...any) Row
}

// Rows is the result of Query: iterate with Next and Scan, then check Err. Close releases it.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Row is the result of QueryRow.
type Row interface {
	Scan(dest ...any) error
}

// StdDB is what *sql.DB, *sql.Tx and *sql.Conn have in common.
type StdDB interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// PgxDB is what *pgx.Conn, pgx.Tx and *pgxpool.Pool have in common.
type PgxDB interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// SQL adapts a database/sql connection pool, transaction or connection.
//
// Under row-level security ([Scope.Session]), a builder's statement runs after its setting in
// one transaction: on a *sql.Tx, the caller's, which the runner leaves open; on a *sql.DB or
// *sql.Conn, one the runner begins and commits when Exec returns, when the Rows are closed or
// read to the end, or when the Row is scanned (scan it, as a *sql.Row, or the transaction and
// its connection stay held), and rolls back when the statement fails. Another StdDB is refused
// with [ErrRowLevelSecurity], unless it sets sessions itself ([SessionSetter], as the guard's
// wrappers do).
func SQL(db StdDB) Runner { return stdRunner{db} }

// Pgx adapts a pgx connection, transaction or pool. The Rows its Query returns are pgx.Rows
// underneath; [PgxQuery], [PgxQueryRow] and [PgxExec] return pgx's types directly. Under
// row-level security a builder's statement runs as [PgxQuery] says.
func Pgx(db PgxDB) Runner { return pgxRunner{db} }

type stdRunner struct{ db StdDB }

func (r stdRunner) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	if sess := takeSession(ctx, r.db); sess != nil {
		return stdExecSession(ctx, r.db, sess, sql, args)
	}
	res, err := r.db.ExecContext(ctx, sql, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (r stdRunner) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	if sess := takeSession(ctx, r.db); sess != nil {
		return stdQuerySession(ctx, r.db, sess, sql, args)
	}
	rows, err := r.db.QueryContext(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return stdRows{rows}, nil
}

func (r stdRunner) QueryRow(ctx context.Context, sql string, args ...any) Row {
	if sess := takeSession(ctx, r.db); sess != nil {
		return stdQueryRowSession(ctx, r.db, sess, sql, args)
	}
	return r.db.QueryRowContext(ctx, sql, args...)
}

// stdRows adapts *sql.Rows, whose Close returns an error that Err also reports.
type stdRows struct{ *sql.Rows }

func (r stdRows) Close() { _ = r.Rows.Close() }

type pgxRunner struct{ db PgxDB }

func (r pgxRunner) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	tag, err := pgxExec(ctx, r.db, takeSession(ctx, r.db), sql, args)
	return tag.RowsAffected(), err
}

func (r pgxRunner) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	rows, err := pgxQuery(ctx, r.db, takeSession(ctx, r.db), sql, args)
	return rows, err
}

func (r pgxRunner) QueryRow(ctx context.Context, sql string, args ...any) Row {
	return pgxQueryRow(ctx, r.db, takeSession(ctx, r.db), sql, args)
}

// errRow is a Row whose Scan returns the error that kept the statement from running.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// statement is what every builder can do: render and verify itself, and name its scope.
type statement interface {
	toSql(ctx context.Context) (string, []any, error)
	scope() Scope
}

// errNoRunner is returned when Exec, Query or QueryRow get a nil Runner.
var errNoRunner = errors.New("tenantq: nil Runner")

func execStmt(ctx context.Context, s statement, r Runner) (int64, error) {
	sql, args, err := s.toSql(ctx)
	if err != nil {
		return 0, err
	}
	if r == nil {
		return 0, errNoRunner
	}
	ctx, call, err := withSession(ctx, s.scope())
	if err != nil {
		return 0, err
	}
	n, err := r.Exec(ctx, sql, args...)
	if err := call.check(r, err); err != nil {
		return n, err
	}
	return n, err
}

func queryStmt(ctx context.Context, s statement, r Runner) (Rows, error) {
	sql, args, err := s.toSql(ctx)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errNoRunner
	}
	ctx, call, err := withSession(ctx, s.scope())
	if err != nil {
		return nil, err
	}
	rows, err := r.Query(ctx, sql, args...)
	if cerr := call.check(r, err); cerr != nil {
		if rows != nil {
			rows.Close()
		}
		return nil, cerr
	}
	return rows, err
}

func queryRowStmt(ctx context.Context, s statement, r Runner) Row {
	sql, args, err := s.toSql(ctx)
	if err != nil {
		return errRow{err}
	}
	if r == nil {
		return errRow{errNoRunner}
	}
	ctx, call, err := withSession(ctx, s.scope())
	if err != nil {
		return errRow{err}
	}
	row := r.QueryRow(ctx, sql, args...)
	if err := call.check(r, nil); err != nil {
		if row != nil {
			_ = row.Scan() // releases the row's connection; its error is not the one to report
		}
		return errRow{err}
	}
	return row
}

// Exec verifies the statement and runs it, returning the rows affected.
func (b SelectBuilder) Exec(ctx context.Context, r Runner) (int64, error) { return execStmt(ctx, b, r) }

// Query verifies the statement and runs it.
func (b SelectBuilder) Query(ctx context.Context, r Runner) (Rows, error) {
	return queryStmt(ctx, b, r)
}

// QueryRow verifies the statement and runs it; a verification error surfaces in Scan.
func (b SelectBuilder) QueryRow(ctx context.Context, r Runner) Row { return queryRowStmt(ctx, b, r) }

// Exec verifies the statement and runs it, returning the rows affected.
func (b InsertBuilder) Exec(ctx context.Context, r Runner) (int64, error) { return execStmt(ctx, b, r) }

// Query verifies the statement and runs it (for RETURNING).
func (b InsertBuilder) Query(ctx context.Context, r Runner) (Rows, error) {
	return queryStmt(ctx, b, r)
}

// QueryRow verifies the statement and runs it (for RETURNING); errors surface in Scan.
func (b InsertBuilder) QueryRow(ctx context.Context, r Runner) Row { return queryRowStmt(ctx, b, r) }

// Exec verifies the statement and runs it, returning the rows affected.
func (b UpdateBuilder) Exec(ctx context.Context, r Runner) (int64, error) { return execStmt(ctx, b, r) }

// Query verifies the statement and runs it (for RETURNING).
func (b UpdateBuilder) Query(ctx context.Context, r Runner) (Rows, error) {
	return queryStmt(ctx, b, r)
}

// QueryRow verifies the statement and runs it (for RETURNING); errors surface in Scan.
func (b UpdateBuilder) QueryRow(ctx context.Context, r Runner) Row { return queryRowStmt(ctx, b, r) }

// Exec verifies the statement and runs it, returning the rows affected.
func (b DeleteBuilder) Exec(ctx context.Context, r Runner) (int64, error) { return execStmt(ctx, b, r) }

// Query verifies the statement and runs it (for RETURNING).
func (b DeleteBuilder) Query(ctx context.Context, r Runner) (Rows, error) {
	return queryStmt(ctx, b, r)
}

// QueryRow verifies the statement and runs it (for RETURNING); errors surface in Scan.
func (b DeleteBuilder) QueryRow(ctx context.Context, r Runner) Row { return queryRowStmt(ctx, b, r) }

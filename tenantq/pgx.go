package tenantq

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// A Statement is a tenantq builder: [SelectBuilder], [InsertBuilder], [UpdateBuilder] or
// [DeleteBuilder]. Only this package implements it. [PgxQuery], [PgxQueryRow] and [PgxExec]
// take one.
type Statement interface {
	toSql(ctx context.Context) (string, []any, error)
}

var (
	_ Statement = SelectBuilder{}
	_ Statement = InsertBuilder{}
	_ Statement = UpdateBuilder{}
	_ Statement = DeleteBuilder{}
)

// PgxQuery verifies the statement and runs it on a pgx connection, transaction or pool (or a
// guarded one, [github.com/tenantq/tenantq/tenantq/guard.Pgx]), returning pgx's own rows, so
// that pgx's helpers read them:
//
//	rows, err := tenantq.PgxQuery(ctx, pool, scope.Select("id", "name").From("contacts"))
//	contacts, err := pgx.CollectRows(rows, pgx.RowToStructByName[Contact])
//
// A statement that fails verification never runs: the error (a [*ViolationError] for an unsafe
// statement) is returned, and the rows hold it too, as pgx's Query does, so that
// pgx.CollectRows and pgx.ForEachRow return it.
func PgxQuery(ctx context.Context, db PgxDB, s Statement) (pgx.Rows, error) {
	sql, args, err := s.toSql(ctx)
	if err == nil && db == nil {
		err = errNoRunner
	}
	if err != nil {
		return errPgxRows{err}, err
	}
	return db.Query(ctx, sql, args...)
}

// PgxQueryRow verifies the statement and runs it on a pgx connection, transaction or pool,
// returning pgx's row. A verification error surfaces in Scan, as pgx's errors do.
func PgxQueryRow(ctx context.Context, db PgxDB, s Statement) pgx.Row {
	sql, args, err := s.toSql(ctx)
	if err == nil && db == nil {
		err = errNoRunner
	}
	if err != nil {
		return errRow{err}
	}
	return db.QueryRow(ctx, sql, args...)
}

// PgxExec verifies the statement and runs it on a pgx connection, transaction or pool,
// returning pgx's command tag. A statement that fails verification never runs.
func PgxExec(ctx context.Context, db PgxDB, s Statement) (pgconn.CommandTag, error) {
	sql, args, err := s.toSql(ctx)
	if err == nil && db == nil {
		err = errNoRunner
	}
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	return db.Exec(ctx, sql, args...)
}

// errPgxRows is the pgx.Rows of a statement that did not run: no rows, and its error.
type errPgxRows struct{ err error }

func (r errPgxRows) Close()                                       {}
func (r errPgxRows) Err() error                                   { return r.err }
func (r errPgxRows) CommandTag() pgconn.CommandTag                { return pgconn.CommandTag{} }
func (r errPgxRows) FieldDescriptions() []pgconn.FieldDescription { return nil }
func (r errPgxRows) Next() bool                                   { return false }
func (r errPgxRows) Scan(...any) error                            { return r.err }
func (r errPgxRows) Values() ([]any, error)                       { return nil, r.err }
func (r errPgxRows) RawValues() [][]byte                          { return nil }
func (r errPgxRows) Conn() *pgx.Conn                              { return nil }
func (r errPgxRows) TypeMap() *pgtype.Map                         { return nil }

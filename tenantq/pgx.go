package tenantq

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/tenantq/tenantq/tenantq/internal/session"
)

// A Statement is a tenantq builder: [SelectBuilder], [InsertBuilder], [UpdateBuilder] or
// [DeleteBuilder]. Only this package implements it. [PgxQuery], [PgxQueryRow] and [PgxExec]
// take one.
type Statement interface {
	toSql(ctx context.Context) (string, []any, error)
	scope() Scope
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
//
// Under row-level security ([Scope.Session]) the statement is sent in one batch after the
// statement that sets its tenant: one round trip, one transaction (the batch's implicit one,
// or db's when db is a transaction). db must then be able to send a batch (*pgx.Conn, pgx.Tx,
// *pgxpool.Pool and *pgxpool.Conn can). The rows hold the batch: close them (or read them to
// the end) to release the connection.
func PgxQuery(ctx context.Context, db PgxDB, s Statement) (pgx.Rows, error) {
	sql, args, sess, err := pgxPrepare(ctx, db, s)
	if err != nil {
		return errPgxRows{err}, err
	}
	return pgxQuery(ctx, db, sess, sql, args)
}

// PgxQueryRow verifies the statement and runs it on a pgx connection, transaction or pool,
// returning pgx's row. A verification error surfaces in Scan, as pgx's errors do. Under
// row-level security it runs as [PgxQuery] says.
func PgxQueryRow(ctx context.Context, db PgxDB, s Statement) pgx.Row {
	sql, args, sess, err := pgxPrepare(ctx, db, s)
	if err != nil {
		return errRow{err}
	}
	return pgxQueryRow(ctx, db, sess, sql, args)
}

// PgxExec verifies the statement and runs it on a pgx connection, transaction or pool,
// returning pgx's command tag. A statement that fails verification never runs. Under
// row-level security it runs as [PgxQuery] says.
func PgxExec(ctx context.Context, db PgxDB, s Statement) (pgconn.CommandTag, error) {
	sql, args, sess, err := pgxPrepare(ctx, db, s)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	return pgxExec(ctx, db, sess, sql, args)
}

// pgxPrepare verifies a statement for the Pgx functions and returns it with its Session (nil
// without row-level security, or when db sets sessions itself).
func pgxPrepare(ctx context.Context, db PgxDB, s Statement) (string, []any, *Session, error) {
	sql, args, err := s.toSql(ctx)
	if err == nil && db == nil {
		err = errNoRunner
	}
	if err != nil {
		return "", nil, nil, err
	}
	if ss, ok := db.(SessionSetter); ok && ss.SetsSession() {
		return sql, args, nil, nil
	}
	sess, err := s.scope().Session()
	if err != nil {
		return "", nil, nil, err
	}
	return sql, args, sess, nil
}

// pgxBatcher returns db as a session.Batcher, or the error for one that cannot send a batch.
func pgxBatcher(db PgxDB) (session.Batcher, error) {
	if b, ok := db.(session.Batcher); ok {
		return b, nil
	}
	return nil, fmt.Errorf("tenantq: %w: %T cannot send a batch, which runs the tenant's setting and the statement in one transaction; pass a *pgx.Conn, pgx.Tx or *pgxpool.Pool", ErrRowLevelSecurity, db)
}

// pgxExec runs a verified statement, after its Session when it has one.
func pgxExec(ctx context.Context, db PgxDB, sess *Session, sql string, args []any) (pgconn.CommandTag, error) {
	if sess == nil {
		return db.Exec(ctx, sql, args...)
	}
	b, err := pgxBatcher(db)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	return session.Exec(ctx, b, session.Set{SQL: sess.SQL, Value: sess.Value}, sql, args)
}

// pgxQuery runs a verified statement, after its Session when it has one.
func pgxQuery(ctx context.Context, db PgxDB, sess *Session, sql string, args []any) (pgx.Rows, error) {
	if sess == nil {
		return db.Query(ctx, sql, args...)
	}
	b, err := pgxBatcher(db)
	if err != nil {
		return errPgxRows{err}, err
	}
	return session.Query(ctx, b, session.Set{SQL: sess.SQL, Value: sess.Value}, sql, args)
}

// pgxQueryRow runs a verified statement, after its Session when it has one.
func pgxQueryRow(ctx context.Context, db PgxDB, sess *Session, sql string, args []any) pgx.Row {
	if sess == nil {
		return db.QueryRow(ctx, sql, args...)
	}
	b, err := pgxBatcher(db)
	if err != nil {
		return errRow{err}
	}
	return session.QueryRow(ctx, b, session.Set{SQL: sess.SQL, Value: sess.Value}, sql, args)
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

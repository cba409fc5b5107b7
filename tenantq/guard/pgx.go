package guard

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/internal/session"
)

// PgxQuerier is what *pgx.Conn, pgx.Tx, *pgxpool.Pool, *pgxpool.Conn and *pgxpool.Tx have in
// common: the methods of sqlc's DBTX for pgx, and of tenantq's [tenantq.PgxDB].
type PgxQuerier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
}

// Pgx is a guarded pgx connection, transaction or pool. It reads its arguments as pgx does:
// leading query options (an exec mode; for Query and QueryRow also result formats), then
// pgx.NamedArgs or pgx.StrictNamedArgs, which it rewrites itself, so that it checks and sends
// the same $n statement. Other query rewriters are refused, and so are texts with no statement,
// which pgx would take as the name of a prepared statement whose SQL the guard cannot see.
type Pgx struct {
	q   PgxQuerier
	g   *Guard
	cur *cursors // for a connection or transaction; nil for a pool
}

// Pgx wraps a pgx connection, transaction or pool. On a connection or a transaction (a
// *pgx.Conn, pgx.Tx, *pgxpool.Conn or *pgxpool.Tx, which run every statement on one
// connection) a FETCH or MOVE passes for a cursor declared through the same wrapper for the
// context's tenant; on a pool, whose statements may each run on another connection, it is
// refused.
func (g *Guard) Pgx(q PgxQuerier) *Pgx {
	p := &Pgx{q: q, g: g}
	switch q.(type) {
	case *pgx.Conn, pgx.Tx, *pgxpool.Conn:
		p.cur = newCursors()
	}
	return p
}

// Unwrap returns the wrapped value.
func (p *Pgx) Unwrap() PgxQuerier { return p.q }

// Exec checks the statement, then runs it.
func (p *Pgx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	run, args, err := p.admit(ctx, sql, args, execOptions)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	if set, err := p.session(ctx, args); err != nil {
		return pgconn.CommandTag{}, err
	} else if set != nil {
		return session.Exec(ctx, p.q, *set, run, args)
	}
	if run != sql {
		//tenantvet:ignore the guard rewrote pgx.NamedArgs and checked the result
		return p.q.Exec(ctx, run, args...)
	}
	return p.q.Exec(ctx, sql, args...)
}

// Query checks the statement, then runs it. A refused statement gives Rows that hold the error,
// as pgx's own Query does, and the error.
func (p *Pgx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	run, args, err := p.admit(ctx, sql, args, queryOptions)
	if err != nil {
		return errRows{err: err}, err
	}
	if set, err := p.session(ctx, args); err != nil {
		return errRows{err: err}, err
	} else if set != nil {
		return session.Query(ctx, p.q, *set, run, args)
	}
	if run != sql {
		//tenantvet:ignore the guard rewrote pgx.NamedArgs and checked the result
		return p.q.Query(ctx, run, args...)
	}
	return p.q.Query(ctx, sql, args...)
}

// QueryRow checks the statement, then runs it. A refused statement gives a Row whose Scan
// returns the refusal.
func (p *Pgx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	run, args, err := p.admit(ctx, sql, args, queryOptions)
	if err != nil {
		return errRow{err}
	}
	if set, err := p.session(ctx, args); err != nil {
		return errRow{err}
	} else if set != nil {
		return session.QueryRow(ctx, p.q, *set, run, args)
	}
	if run != sql {
		//tenantvet:ignore the guard rewrote pgx.NamedArgs and checked the result
		return p.q.QueryRow(ctx, run, args...)
	}
	return p.q.QueryRow(ctx, sql, args...)
}

// SendBatch checks every queued statement, then sends the batch. Queued statements with
// pgx.NamedArgs are rewritten in the batch to the $n form that was checked. When one statement
// is refused, none is sent, and every result of the batch returns the refusal. Under
// row-level security the context's setting is sent first in the same batch (so in the same
// transaction), and the results read past it: the caller reads its own statements' results.
func (p *Pgx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	type rewrite struct {
		sql  string
		args []any
	}
	rewrites := make([]rewrite, len(b.QueuedQueries))
	for i, q := range b.QueuedQueries {
		sql, args, err := p.admit(ctx, q.SQL, q.Arguments, batchOptions)
		if err != nil {
			return errBatch{err}
		}
		rewrites[i] = rewrite{sql, args}
	}
	for i, q := range b.QueuedQueries {
		//tenantvet:ignore the guard admitted this SQL in the loop above
		q.SQL, q.Arguments = rewrites[i].sql, rewrites[i].args
	}
	if set, err := p.session(ctx, nil); err != nil {
		return errBatch{err}
	} else if set != nil {
		return session.Prepend(ctx, p.q, *set, b)
	}
	return p.q.SendBatch(ctx, b)
}

// CopyFrom refuses to copy into a tenant table, whose rows' tenant column nothing checks,
// unless ctx is unscoped ([tenantq.WithUnscoped]); copies into global tables run. Under
// row-level security, with a tenant or an unscoped mark in ctx, the copy runs in a transaction
// of its own (a savepoint when p wraps a transaction), begun with the wrapped value's Begin,
// that sets the session first; a value that cannot begin one is refused.
func (p *Pgx) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	table := strings.Join(tableName, ".")
	if err := p.g.admitCopy(ctx, table); err != nil {
		return 0, err
	}
	set, err := p.session(ctx, nil)
	if err != nil {
		return 0, err
	}
	if set == nil {
		//tenantvet:ignore admitCopy checked the table just above, as the analyzer cannot
		return p.q.CopyFrom(ctx, tableName, columnNames, rowSrc)
	}
	// COPY is no batch statement: run it in a transaction (a savepoint in p's transaction)
	// that sets the session first.
	b, ok := p.q.(interface {
		Begin(ctx context.Context) (pgx.Tx, error)
	})
	if !ok {
		return 0, fmt.Errorf("tenantq/guard: %w: CopyFrom runs in a transaction that sets the context's session, and %T cannot begin one", tenantq.ErrRowLevelSecurity, p.q)
	}
	tx, err := b.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("tenantq/guard: %w: begin the copy's transaction: %w", tenantq.ErrRowLevelSecurity, err)
	}
	defer tx.Rollback(ctx) // a no-op after Commit
	//tenantvet:ignore the Tenancy's own set_config of its tenant setting or role, no table
	if _, err := tx.Exec(ctx, set.SQL, set.Value); err != nil {
		return 0, fmt.Errorf("tenantq/guard: %w: set the copy's session: %w", tenantq.ErrRowLevelSecurity, err)
	}
	//tenantvet:ignore admitCopy checked the table above, as the analyzer cannot
	n, err := tx.CopyFrom(ctx, tableName, columnNames, rowSrc)
	if err != nil {
		return n, err
	}
	return n, tx.Commit(ctx)
}

// The options each pgx method reads before its arguments.
type options uint8

const (
	execOptions  options = iota // exec mode, rewriter
	queryOptions                // result formats, exec mode, rewriter
	batchOptions                // rewriter
)

// admit reads the arguments as pgx will, rewrites named arguments, checks the statement, and
// returns the statement and arguments to send.
func (p *Pgx) admit(ctx context.Context, sql string, args []any, opts options) (string, []any, error) {
	orig := args
	var lead []any // leading options, sent as they are
	var rewriter pgx.QueryRewriter
	n := 0
loop:
	for ; n < len(args); n++ {
		switch a := args[n].(type) {
		case pgx.QueryExecMode:
			if opts == batchOptions {
				break loop // a batch binds it as an argument
			}
			lead = append(lead, a)
		case pgx.QueryResultFormats, pgx.QueryResultFormatsByOID:
			if opts != queryOptions {
				break loop
			}
			lead = append(lead, a)
		case pgx.NamedArgs, pgx.StrictNamedArgs:
			rewriter = a.(pgx.QueryRewriter) // the last one wins, as in pgx
		case pgx.QueryRewriter:
			return sql, orig, p.g.decide(ctx, sql, orig, fmt.Errorf("tenantq/guard: the query rewriter %T would change the SQL after the guard checked it; pass plain arguments or pgx.NamedArgs", a))
		default:
			break loop
		}
	}
	rest := args[n:]
	if rewriter != nil {
		var err error
		if sql, rest, err = rewriter.RewriteQuery(ctx, nil, sql, rest); err != nil {
			return sql, orig, p.g.decide(ctx, sql, orig, fmt.Errorf("tenantq/guard: rewrite named arguments: %w", err))
		}
	}
	if res := p.g.t.Checker().Check(sql); len(res.Statements) == 0 && res.Safe() {
		return sql, orig, p.g.decide(ctx, sql, orig, fmt.Errorf("tenantq/guard: %q holds no statement: pgx would run a prepared statement of that name, whose SQL the guard cannot see", sql))
	}
	bound, err := p.g.verify(ctx, sql, rest, orig, p.cur)
	if err != nil {
		return sql, orig, p.g.decide(ctx, sql, orig, err)
	}
	send := append(append(make([]any, 0, len(lead)+len(bound)), lead...), bound...)
	return sql, send, nil
}

// session returns the set to send before a statement with ctx under row-level security, nil
// without. args are the statement's arguments as they will be sent: a batch cannot carry
// pgx's leading query options (an exec mode, result formats), so a statement with one is
// refused under row-level security.
func (p *Pgx) session(ctx context.Context, args []any) (*session.Set, error) {
	sess, err := p.g.session(ctx)
	if err != nil || sess == nil {
		return nil, err
	}
	if len(args) > 0 && isPgxOption(args[0]) {
		return nil, fmt.Errorf("tenantq/guard: %w: the statement is sent in a batch after its session, and a batch takes no query option (%T); set the connection's DefaultQueryExecMode instead", tenantq.ErrRowLevelSecurity, args[0])
	}
	return &session.Set{SQL: sess.SQL, Value: sess.Value}, nil
}

// SetsSession reports whether p sets the session of the statements it runs (under the
// Tenancy's row-level security), so that tenantq's runners over p leave it to p.
func (p *Pgx) SetsSession() bool { return p.g.rls }

// isPgxOption reports whether a is one of pgx's query options or rewriters.
func isPgxOption(a any) bool {
	switch a.(type) {
	case pgx.QueryExecMode, pgx.QueryResultFormats, pgx.QueryResultFormatsByOID, pgx.QueryRewriter:
		return true
	}
	return false
}

// errRow is a pgx.Row that returns an error.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// errRows is pgx.Rows of a refused query: no rows, and the error. pgx may add methods to
// Rows; until errRows has them, calling one panics on the nil embedded Rows.
type errRows struct {
	pgx.Rows
	err error
}

func (r errRows) Close()                                       {}
func (r errRows) Err() error                                   { return r.err }
func (r errRows) CommandTag() pgconn.CommandTag                { return pgconn.CommandTag{} }
func (r errRows) FieldDescriptions() []pgconn.FieldDescription { return nil }
func (r errRows) Next() bool                                   { return false }
func (r errRows) Scan(...any) error                            { return r.err }
func (r errRows) Values() ([]any, error)                       { return nil, r.err }
func (r errRows) RawValues() [][]byte                          { return nil }
func (r errRows) Conn() *pgx.Conn                              { return nil }
func (r errRows) TypeMap() *pgtype.Map                         { return nil }

// errBatch is pgx.BatchResults of a refused batch.
type errBatch struct{ err error }

func (b errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, b.err }
func (b errBatch) Query() (pgx.Rows, error)         { return errRows{err: b.err}, b.err }
func (b errBatch) QueryRow() pgx.Row                { return errRow(b) }
func (b errBatch) Close() error                     { return b.err }
func (b errBatch) Tx() pgx.Tx                       { return nil }

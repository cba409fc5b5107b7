package guard

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
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

// Pgx is a guarded pgx connection, transaction or pool.
type Pgx struct {
	q PgxQuerier
	g *Guard
}

// Pgx wraps a pgx connection, transaction or pool.
func (g *Guard) Pgx(q PgxQuerier) *Pgx { return &Pgx{q: q, g: g} }

// Unwrap returns the wrapped value.
func (p *Pgx) Unwrap() PgxQuerier { return p.q }

// Exec checks the statement, then runs it.
func (p *Pgx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if err := p.g.admit(ctx, sql, pgxArgs(args), args); err != nil {
		return pgconn.CommandTag{}, err
	}
	return p.q.Exec(ctx, sql, args...)
}

// Query checks the statement, then runs it.
func (p *Pgx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if err := p.g.admit(ctx, sql, pgxArgs(args), args); err != nil {
		return nil, err
	}
	return p.q.Query(ctx, sql, args...)
}

// QueryRow checks the statement, then runs it. A refused statement gives a Row whose Scan
// returns the refusal.
func (p *Pgx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if err := p.g.admit(ctx, sql, pgxArgs(args), args); err != nil {
		return errRow{err}
	}
	return p.q.QueryRow(ctx, sql, args...)
}

// SendBatch checks every queued statement, then sends the batch. When one is refused, none is
// sent, and every result of the batch returns the refusal.
func (p *Pgx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	for _, q := range b.QueuedQueries {
		if err := p.g.admit(ctx, q.SQL, pgxArgs(q.Arguments), q.Arguments); err != nil {
			return errBatch{err}
		}
	}
	return p.q.SendBatch(ctx, b)
}

// CopyFrom refuses to copy into a tenant table, whose rows' tenant column nothing checks,
// unless ctx is unscoped ([tenantq.WithUnscoped]); copies into global tables run.
func (p *Pgx) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	table := strings.Join(tableName, ".")
	if err := p.g.admitCopy(ctx, table); err != nil {
		return 0, err
	}
	//tenantvet:ignore admitCopy checked the table just above, as the analyzer cannot
	return p.q.CopyFrom(ctx, tableName, columnNames, rowSrc)
}

// pgxArgs returns the arguments pgx binds to placeholders: without the query options pgx
// accepts first (exec mode, result formats), and by name for [pgx.NamedArgs].
func pgxArgs(args []any) []any {
	for len(args) > 0 {
		switch args[0].(type) {
		case pgx.QueryExecMode, pgx.QueryResultFormats, pgx.QueryResultFormatsByOID:
			args = args[1:]
			continue
		}
		break
	}
	if len(args) == 1 {
		var named map[string]any
		switch a := args[0].(type) {
		case pgx.NamedArgs:
			named = a
		case pgx.StrictNamedArgs:
			named = a
		}
		if named != nil {
			out := make([]any, 0, len(named))
			for name, v := range named {
				out = append(out, sqlNamed(name, v))
			}
			return out
		}
	}
	return args
}

// errRow is a pgx.Row that returns an error.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// errBatch is pgx.BatchResults of a refused batch.
type errBatch struct{ err error }

func (b errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, b.err }
func (b errBatch) Query() (pgx.Rows, error)         { return nil, b.err }
func (b errBatch) QueryRow() pgx.Row                { return errRow(b) }
func (b errBatch) Close() error                     { return b.err }
func (b errBatch) Tx() pgx.Tx                       { return nil }

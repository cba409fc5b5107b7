// Package session runs a statement on pgx after the statement that tells the database who
// runs it under row-level security (tenantq.Session), in one batch: the extended protocol runs
// a batch's statements in one implicit transaction (one Sync ends it), or inside the caller's
// transaction when the handle is one, so a set_config(..., true) holds for the statement and
// ends with the transaction. The tenantq runners and the guard's pgx wrapper share it.
package session

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// A Batcher sends a batch: *pgx.Conn, pgx.Tx, *pgxpool.Pool and *pgxpool.Conn are.
type Batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// A Set is the statement that sets the session: its SQL and its one argument.
type Set struct {
	SQL   string
	Value string
}

// send queues the set and the statement and sends them.
func send(ctx context.Context, db Batcher, set Set, sql string, args []any) pgx.BatchResults {
	b := &pgx.Batch{}
	//tenantvet:ignore the Tenancy's own set_config of its tenant setting or role, no table
	b.Queue(set.SQL, set.Value)
	//tenantvet:ignore the caller verified the statement (builder) or admitted it (guard)
	b.Queue(sql, args...)
	return db.SendBatch(ctx, b)
}

// Exec runs the statement after the set, as pgx's Exec does.
func Exec(ctx context.Context, db Batcher, set Set, sql string, args []any) (pgconn.CommandTag, error) {
	br := send(ctx, db, set, sql, args)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil && cerr != nil {
		return pgconn.CommandTag{}, cerr
	}
	return tag, err
}

// Query runs the statement after the set and returns its rows, as pgx's Query does: an error
// comes back both as the error and in the rows. Closing the rows (or reading past the last
// one) closes the batch, which ends the implicit transaction and, on a pool, releases the
// connection; an error of the batch's end surfaces in the rows' Err.
func Query(ctx context.Context, db Batcher, set Set, sql string, args []any) (pgx.Rows, error) {
	br := send(ctx, db, set, sql, args)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return ErrRows{err}, err
	}
	rows, err := br.Query()
	if err != nil {
		rows.Close()
		br.Close()
		return ErrRows{err}, err
	}
	return &Rows{Rows: rows, br: br}, nil
}

// QueryRow runs the statement after the set and returns its row, as pgx's QueryRow does:
// errors surface in Scan.
func QueryRow(ctx context.Context, db Batcher, set Set, sql string, args []any) pgx.Row {
	rows, _ := Query(ctx, db, set, sql, args)
	return row{rows}
}

// Prepend sends the set before the batch's own statements, in the same batch, and returns
// results that read the set's first: the caller reads its own statements' results as if it
// had sent b. b itself is left as it is.
func Prepend(ctx context.Context, db Batcher, set Set, b *pgx.Batch) pgx.BatchResults {
	nb := &pgx.Batch{QueuedQueries: make([]*pgx.QueuedQuery, 0, len(b.QueuedQueries)+1)}
	//tenantvet:ignore the Tenancy's own set_config, queued before statements the caller checked
	nb.Queue(set.SQL, set.Value)
	nb.QueuedQueries = append(nb.QueuedQueries, b.QueuedQueries...)
	return &skipFirst{BatchResults: db.SendBatch(ctx, nb)}
}

// Rows are a statement's rows read from a batch. They keep pgx's semantics: Close closes the
// batch too, and Next closes both after the last row, as pgx's rows close themselves.
type Rows struct {
	pgx.Rows
	br     pgx.BatchResults
	closed bool
	err    error // the batch's error at Close
}

// Next advances to the next row; after the last one it closes the rows and the batch.
func (r *Rows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.Close()
	return false
}

// Close closes the rows and the batch. It may be called more than once.
func (r *Rows) Close() {
	if r.closed {
		return
	}
	r.closed = true
	r.Rows.Close()
	if err := r.br.Close(); err != nil && r.Rows.Err() == nil {
		r.err = err
	}
}

// Err returns the rows' error, or the batch's.
func (r *Rows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}

// row is the pgx.Row of QueryRow, read as pgx's own.
type row struct{ rows pgx.Rows }

func (r row) Scan(dest ...any) error {
	rows := r.rows
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	for _, d := range dest {
		if _, ok := d.(*pgtype.DriverBytes); ok {
			rows.Close()
			return fmt.Errorf("cannot scan into *pgtype.DriverBytes from QueryRow")
		}
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	err := rows.Scan(dest...)
	rows.Close()
	if err != nil {
		return err
	}
	return rows.Err()
}

// skipFirst are the results of a batch whose first statement is the set: each reader reads
// the set's result first, and returns its error if it failed.
type skipFirst struct {
	pgx.BatchResults
	done bool
	err  error
}

func (b *skipFirst) skip() error {
	if !b.done {
		b.done = true
		_, b.err = b.BatchResults.Exec()
	}
	return b.err
}

func (b *skipFirst) Exec() (pgconn.CommandTag, error) {
	if err := b.skip(); err != nil {
		return pgconn.CommandTag{}, err
	}
	return b.BatchResults.Exec()
}

func (b *skipFirst) Query() (pgx.Rows, error) {
	if err := b.skip(); err != nil {
		return ErrRows{err}, err
	}
	return b.BatchResults.Query()
}

func (b *skipFirst) QueryRow() pgx.Row {
	if err := b.skip(); err != nil {
		return row{ErrRows{err}}
	}
	return b.BatchResults.QueryRow()
}

// ErrRows are the pgx.Rows of a statement that did not run: no rows, and its error.
type ErrRows struct{ Error error }

func (r ErrRows) Close()                                       {}
func (r ErrRows) Err() error                                   { return r.Error }
func (r ErrRows) CommandTag() pgconn.CommandTag                { return pgconn.CommandTag{} }
func (r ErrRows) FieldDescriptions() []pgconn.FieldDescription { return nil }
func (r ErrRows) Next() bool                                   { return false }
func (r ErrRows) Scan(...any) error                            { return r.Error }
func (r ErrRows) Values() ([]any, error)                       { return nil, r.Error }
func (r ErrRows) RawValues() [][]byte                          { return nil }
func (r ErrRows) Conn() *pgx.Conn                              { return nil }
func (r ErrRows) TypeMap() *pgtype.Map                         { return nil }

package tenantq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// beginner is what *sql.DB and *sql.Conn have to start a transaction.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// stdSessionTx returns the transaction a statement with a Session runs in, the Session set
// there: db itself when it is a *sql.Tx (own is false: the caller commits), else a new one
// on a *sql.DB or *sql.Conn (own is true: the runner ends it).
func stdSessionTx(ctx context.Context, db StdDB, sess *Session) (tx *sql.Tx, own bool, err error) {
	switch d := db.(type) {
	case *sql.Tx:
		tx = d
	case beginner:
		if tx, err = d.BeginTx(ctx, nil); err != nil {
			return nil, false, fmt.Errorf("tenantq: %w: begin the statement's transaction: %w", ErrRowLevelSecurity, err)
		}
		own = true
	default:
		return nil, false, fmt.Errorf("tenantq: %w: tenantq.SQL cannot run a statement in a transaction on %T, where its tenant's setting holds; pass a *sql.DB, *sql.Tx or *sql.Conn", ErrRowLevelSecurity, db)
	}
	//tenantvet:ignore the Tenancy's own set_config of its tenant setting or role, no table
	if _, err := tx.ExecContext(ctx, sess.SQL, sess.Value); err != nil {
		if own {
			_ = tx.Rollback()
		}
		return nil, false, fmt.Errorf("tenantq: %w: set the statement's tenant: %w", ErrRowLevelSecurity, err)
	}
	return tx, own, nil
}

// endTx commits a transaction the runner began when ok, and rolls it back when not.
func endTx(tx *sql.Tx, ok bool) error {
	if !ok {
		_ = tx.Rollback()
		return nil
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("tenantq: commit the statement's transaction: %w", err)
	}
	return nil
}

func stdExecSession(ctx context.Context, db StdDB, sess *Session, query string, args []any) (int64, error) {
	tx, own, err := stdSessionTx(ctx, db, sess)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, query, args...)
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if own {
		if cerr := endTx(tx, err == nil); cerr != nil {
			return 0, cerr
		}
	}
	return n, err
}

func stdQuerySession(ctx context.Context, db StdDB, sess *Session, query string, args []any) (Rows, error) {
	tx, own, err := stdSessionTx(ctx, db, sess)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		if own {
			_ = endTx(tx, false)
		}
		return nil, err
	}
	if !own {
		return stdRows{rows}, nil
	}
	return &txRows{Rows: rows, tx: tx}, nil
}

func stdQueryRowSession(ctx context.Context, db StdDB, sess *Session, query string, args []any) Row {
	tx, own, err := stdSessionTx(ctx, db, sess)
	if err != nil {
		return errRow{err}
	}
	row := tx.QueryRowContext(ctx, query, args...)
	if !own {
		return row
	}
	return txRow{row, tx}
}

// txRows are the rows of a statement run in a transaction of its own: the transaction is
// committed when the rows are closed, or read to the end, and rolled back when they failed.
type txRows struct {
	*sql.Rows
	tx   *sql.Tx
	done bool
	err  error // the commit's
}

func (r *txRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.finish()
	return false
}

func (r *txRows) Close() { r.finish() }

func (r *txRows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}

func (r *txRows) finish() {
	if r.done {
		return
	}
	r.done = true
	cerr := r.Rows.Close()
	r.err = endTx(r.tx, cerr == nil && r.Rows.Err() == nil)
	if r.err == nil && cerr != nil {
		r.err = cerr
	}
}

// txRow is the row of a statement run in a transaction of its own, committed when it is
// scanned. Scan it, as a *sql.Row, or the transaction stays open.
type txRow struct {
	row *sql.Row
	tx  *sql.Tx
}

// Scan scans the row and commits. A Scan error may be the statement's (the server then ends
// the transaction with a rollback) or the destination's (the statement ran, and what it wrote
// is kept, as it would be without a transaction): either way Scan's error is returned.
func (r txRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		_ = r.tx.Commit()
		return err
	}
	if cerr := endTx(r.tx, true); cerr != nil {
		return cerr
	}
	return err
}

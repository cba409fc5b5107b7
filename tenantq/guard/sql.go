package guard

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"

	"github.com/tenantq/tenantq/tenantq"
)

// stdQuerier is what *sql.DB, *sql.Tx and *sql.Conn have in common.
type stdQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// std checks statements, then runs them on a database/sql value. DB, Tx and Conn embed it.
type std struct {
	q   stdQuerier
	g   *Guard
	cur *cursors // for Tx and Conn, whose statements run on one connection; nil for DB
	// How a statement's session is set under row-level security: by the driver (the database
	// was opened on [Guard.Connector]), here in the transaction (a Tx), or not at all (a DB or
	// Conn on another driver: a statement that needs a session is refused).
	drv  bool
	inTx bool
	kind string // "guard.DB", "guard.Tx" or "guard.Conn", for messages
}

// ExecContext checks the statement, then runs it with [sql.DB.ExecContext]'s semantics.
func (s std) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	args, err := s.admit(ctx, query, args)
	if err != nil {
		return nil, err
	}
	if err := s.session(ctx); err != nil {
		return nil, err
	}
	return s.q.ExecContext(ctx, query, args...)
}

// QueryContext checks the statement, then runs it.
func (s std) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	args, err := s.admit(ctx, query, args)
	if err != nil {
		return nil, err
	}
	if err := s.session(ctx); err != nil {
		return nil, err
	}
	return s.q.QueryContext(ctx, query, args...)
}

// QueryRowContext checks the statement, then runs it. A refused statement gives a *sql.Row
// whose Scan returns the refusal.
func (s std) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	args, err := s.admit(ctx, query, args)
	if err != nil {
		return refusedRow(err)
	}
	if err := s.session(ctx); err != nil {
		return refusedRow(err)
	}
	return s.q.QueryRowContext(ctx, query, args...)
}

// admit checks a statement for database/sql. pgx's query options and rewriters, which pgx's
// database/sql driver applies, are refused: the guard would check one statement and the
// driver run another. Use the pgx wrapper for them.
func (s std) admit(ctx context.Context, query string, args []any) ([]any, error) {
	for _, a := range args {
		if isPgxOption(a) {
			return args, s.g.decide(ctx, query, args, fmt.Errorf("tenantq/guard: %T is a pgx query option, which the database/sql wrapper does not apply: use the pgx wrapper (guard.Pgx)", a))
		}
	}
	return s.g.admit(ctx, query, args, s.cur)
}

// PrepareContext checks the statement for the tenancy rules, then prepares it. The arguments
// bound to the returned *sql.Stmt later are not checked: the guard cannot see them.
func (s std) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if err := s.g.admitRules(ctx, query); err != nil {
		return nil, err
	}
	if err := s.session(ctx); err != nil {
		return nil, err
	}
	return s.q.PrepareContext(ctx, query)
}

// session tells the database who runs a statement with ctx under row-level security, before
// it runs: in a Tx, it runs the Tenancy's set_config there (it then holds for the rest of the
// transaction, prepared statements' runs included); on a database opened on [Guard.Connector]
// the driver does it for each statement; on a DB or Conn on another driver, a statement that
// needs it is refused, since its *sql.Rows cannot end the transaction it would need.
func (s std) session(ctx context.Context) error {
	if !s.g.rls || s.drv {
		return nil
	}
	sess, err := s.g.session(ctx)
	if err != nil || sess == nil {
		return err
	}
	if !s.inTx {
		return fmt.Errorf("tenantq/guard: %w: %s cannot set the context's session for a statement outside a transaction, whose *sql.Rows could not end it; open the database with g.OpenDB(connector) (or sql.OpenDB(g.Connector(connector))), or run the statement in a transaction: g.Tx(tx)", tenantq.ErrRowLevelSecurity, s.kind)
	}
	//tenantvet:ignore the Tenancy's own set_config of its tenant setting, no tenant table
	if _, err := s.q.ExecContext(ctx, sess.SQL, sess.Value); err != nil {
		return fmt.Errorf("tenantq/guard: %w: set the statement's session: %w", tenantq.ErrRowLevelSecurity, err)
	}
	return nil
}

// SetsSession reports whether the wrapper sets (or refuses) the session of the statements it
// runs, under the Tenancy's row-level security, so that tenantq's runners over it leave the
// session to it.
func (s std) SetsSession() bool { return s.g.rls }

// DB is a guarded *sql.DB. Its methods check each statement, then run it as the *sql.DB's do.
type DB struct {
	std
	db *sql.DB
}

// DB wraps a *sql.DB. Under the Tenancy's row-level security, open db with [Guard.OpenDB] (or
// on [Guard.Connector]) so that statements outside a transaction get their session; on another
// driver, such statements that need one are refused.
func (g *Guard) DB(db *sql.DB) *DB {
	return &DB{std: std{q: db, g: g, drv: isSessionDriver(db.Driver()), kind: "guard.DB"}, db: db}
}

// Unwrap returns the *sql.DB, for what the guard does not wrap (Ping, Stats, Close).
func (d *DB) Unwrap() *sql.DB { return d.db }

// Exec is ExecContext with [context.Background], which carries no tenant.
func (d *DB) Exec(query string, args ...any) (sql.Result, error) {
	return d.ExecContext(context.Background(), query, args...)
}

// Query is QueryContext with [context.Background], which carries no tenant.
func (d *DB) Query(query string, args ...any) (*sql.Rows, error) {
	return d.QueryContext(context.Background(), query, args...)
}

// QueryRow is QueryRowContext with [context.Background], which carries no tenant.
func (d *DB) QueryRow(query string, args ...any) *sql.Row {
	return d.QueryRowContext(context.Background(), query, args...)
}

// Prepare is PrepareContext with [context.Background].
func (d *DB) Prepare(query string) (*sql.Stmt, error) {
	return d.PrepareContext(context.Background(), query)
}

// BeginTx starts a transaction, guarded like d.
func (d *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := d.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	t := d.g.Tx(tx)
	t.drv = d.drv
	return t, nil
}

// Conn returns a single connection, guarded like d.
func (d *DB) Conn(ctx context.Context) (*Conn, error) {
	c, err := d.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &Conn{std: std{q: c, g: d.g, cur: newCursors(), drv: d.drv, kind: "guard.Conn"}, conn: c}, nil
}

// Tx is a guarded *sql.Tx.
type Tx struct {
	std
	tx *sql.Tx
}

// Tx wraps a *sql.Tx. Under the Tenancy's row-level security, each statement with a tenant
// or an unscoped mark in its context runs after the Tenancy's set_config in the transaction.
func (g *Guard) Tx(tx *sql.Tx) *Tx {
	return &Tx{std: std{q: tx, g: g, cur: newCursors(), inTx: true, kind: "guard.Tx"}, tx: tx}
}

// Unwrap returns the *sql.Tx.
func (t *Tx) Unwrap() *sql.Tx { return t.tx }

// Commit commits the transaction.
func (t *Tx) Commit() error { t.endTx(); return t.tx.Commit() }

// Rollback aborts the transaction.
func (t *Tx) Rollback() error { t.endTx(); return t.tx.Rollback() }

// endTx forgets the cursors the transaction's end closes.
func (t *Tx) endTx() {
	t.cur.mu.Lock()
	defer t.cur.mu.Unlock()
	t.cur.endTx()
}

// Exec is ExecContext with [context.Background], which carries no tenant.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	return t.ExecContext(context.Background(), query, args...)
}

// Query is QueryContext with [context.Background], which carries no tenant.
func (t *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(context.Background(), query, args...)
}

// QueryRow is QueryRowContext with [context.Background], which carries no tenant.
func (t *Tx) QueryRow(query string, args ...any) *sql.Row {
	return t.QueryRowContext(context.Background(), query, args...)
}

// Conn is a guarded *sql.Conn.
type Conn struct {
	std
	conn *sql.Conn
}

// Conn wraps a *sql.Conn. Under the Tenancy's row-level security, it sets statements'
// sessions as [Guard.DB] says: through the driver of [Guard.Connector], or not at all.
func (g *Guard) Conn(c *sql.Conn) *Conn {
	drv := false
	if g.rls {
		_ = c.Raw(func(dc any) error { _, drv = dc.(*sessionConn); return nil })
	}
	return &Conn{std: std{q: c, g: g, cur: newCursors(), drv: drv, kind: "guard.Conn"}, conn: c}
}

// Unwrap returns the *sql.Conn.
func (c *Conn) Unwrap() *sql.Conn { return c.conn }

// BeginTx starts a transaction on the connection, guarded like c.
func (c *Conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := c.conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	// The transaction runs on this connection: it shares its cursors.
	return &Tx{std: std{q: tx, g: c.g, cur: c.cur, drv: c.drv, inTx: true, kind: "guard.Tx"}, tx: tx}, nil
}

// Close returns the connection to its pool.
func (c *Conn) Close() error { return c.conn.Close() }

// refusedRow returns a *sql.Row whose Scan returns err. database/sql has no constructor for
// one, so it asks a database that never connects, with a context that is already done and
// whose Err is err: database/sql returns that error before it needs a connection.
func refusedRow(err error) *sql.Row {
	return refusal().QueryRowContext(doneContext{context.Background(), err}, "")
}

// refusal is the database refusedRow asks. It holds no connection and never opens one.
var refusal = sync.OnceValue(func() *sql.DB { return sql.OpenDB(noConnector{}) })

type noConnector struct{}

func (noConnector) Connect(context.Context) (driver.Conn, error) {
	return nil, errors.New("tenantq/guard: the refusal database never connects")
}

func (noConnector) Driver() driver.Driver { return nil }

// doneContext is a context that is done, with err as its error.
type doneContext struct {
	context.Context
	err error
}

var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func (c doneContext) Done() <-chan struct{} { return closed }
func (c doneContext) Err() error            { return c.err }

package guard

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/tenantq"
)

// Connector wraps a database/sql connector (for pgx, stdlib.GetConnector) so that, under the
// Tenancy's row-level security, the driver tells the database who runs each statement: a
// statement whose context carries a tenant ([tenantq.WithTenant]) or an unscoped mark
// ([tenantq.WithUnscoped]) runs after the Tenancy's set_config ([tenantq.Scope.Session]) in
// its transaction. Inside a transaction begun with BeginTx the set runs there, before the
// statement; outside one the driver begins a transaction, sets, runs the statement and commits
// when its rows are closed (rolling back when it failed). The driver sees the context of every
// call, so this holds for *sql.DB, *sql.Conn and *sql.Stmt alike; statements whose context
// carries neither run as they are. Without row-level security the connector's connections
// pass every call through unchanged.
//
// The wrapped driver does not check statements: wrap the *sql.DB with [Guard.DB] (or open it
// with [Guard.OpenDB]) for that. Begin transactions with BeginTx, not with BEGIN as SQL text,
// except on pgx's driver, whose connection reports its transaction status.
func (g *Guard) Connector(c driver.Connector) driver.Connector {
	return &sessionConnector{c: c, g: g}
}

// OpenDB opens a database on the connector wrapped by [Guard.Connector] and guards it
// ([Guard.DB]): under row-level security, every statement gets its session, in or outside a
// transaction. Close it with Unwrap().Close().
func (g *Guard) OpenDB(c driver.Connector) *DB { return g.DB(sql.OpenDB(g.Connector(c))) }

// isSessionDriver reports whether a *sql.DB was opened on a [Guard.Connector].
func isSessionDriver(d driver.Driver) bool {
	_, ok := d.(sessionDriver)
	return ok
}

type sessionConnector struct {
	c driver.Connector
	g *Guard
}

func (c *sessionConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &sessionConn{Conn: dc, g: c.g}, nil
}

func (c *sessionConnector) Driver() driver.Driver { return sessionDriver{c.c.Driver(), c.g} }

// sessionDriver is the connector's driver, by which [Guard.DB] knows a *sql.DB opened on it.
type sessionDriver struct {
	d driver.Driver
	g *Guard
}

func (d sessionDriver) Open(name string) (driver.Conn, error) {
	if d.d == nil {
		return nil, errors.New("tenantq/guard: the wrapped connector has no driver")
	}
	dc, err := d.d.Open(name)
	if err != nil {
		return nil, err
	}
	return &sessionConn{Conn: dc, g: d.g}, nil
}

// sessionConn is a driver connection that sets each statement's session. database/sql uses a
// driver connection from one goroutine at a time, so inTx needs no lock.
type sessionConn struct {
	driver.Conn
	g    *Guard
	inTx bool // a transaction begun with BeginTx is open
}

// pgxConner is pgx's database/sql connection, which tells its transaction status.
type pgxConner interface{ Conn() *pgx.Conn }

// inTransaction reports whether the connection is in a transaction: one begun with BeginTx,
// or, on pgx's driver, one the server reports (a BEGIN sent as SQL text).
func (c *sessionConn) inTransaction() bool {
	if c.inTx {
		return true
	}
	if pc, ok := c.Conn.(pgxConner); ok && pc.Conn() != nil {
		return pc.Conn().PgConn().TxStatus() != 'I'
	}
	return false
}

func (c *sessionConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *sessionConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.begin(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &sessionTx{Tx: tx, c: c}, nil
}

// begin begins a transaction on the wrapped connection.
func (c *sessionConn) begin(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	if opts != (driver.TxOptions{}) {
		return nil, errors.New("tenantq/guard: the driver takes no transaction options")
	}
	//lint:ignore SA1019 the driver has no BeginTx
	return c.Conn.Begin()
}

type sessionTx struct {
	driver.Tx
	c *sessionConn
}

func (t *sessionTx) Commit() error   { t.c.inTx = false; return t.Tx.Commit() }
func (t *sessionTx) Rollback() error { t.c.inTx = false; return t.Tx.Rollback() }

func (c *sessionConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *sessionConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var st driver.Stmt
	var err error
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = c.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &sessionStmt{Stmt: st, c: c}, nil
}

func (c *sessionConn) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := c.Conn.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

func (c *sessionConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *sessionConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *sessionConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// start prepares a statement with ctx to run: it sets its session, in a transaction it
// begins when the connection is in none (tx, which the caller ends). Both are nil when the
// statement needs no session.
func (c *sessionConn) start(ctx context.Context) (tx driver.Tx, err error) {
	sess, err := c.g.session(ctx)
	if err != nil || sess == nil {
		return nil, err
	}
	if !c.inTransaction() {
		if tx, err = c.begin(ctx, driver.TxOptions{}); err != nil {
			return nil, fmt.Errorf("tenantq/guard: %w: begin the statement's transaction: %w", tenantq.ErrRowLevelSecurity, err)
		}
	}
	if err := c.set(ctx, sess); err != nil {
		if tx != nil {
			_ = tx.Rollback()
		}
		return nil, fmt.Errorf("tenantq/guard: %w: set the statement's session: %w", tenantq.ErrRowLevelSecurity, err)
	}
	return tx, nil
}

// set runs the session's set_config on the wrapped connection.
func (c *sessionConn) set(ctx context.Context, sess *tenantq.Session) error {
	args := []driver.NamedValue{{Ordinal: 1, Value: sess.Value}}
	if e, ok := c.Conn.(driver.ExecerContext); ok {
		//tenantvet:ignore the Tenancy's own set_config of its tenant setting or role, no table
		_, err := e.ExecContext(ctx, sess.SQL, args)
		if !errors.Is(err, driver.ErrSkip) {
			return err
		}
	}
	//tenantvet:ignore the Tenancy's own set_config of its tenant setting or role, no table
	st, err := c.PrepareContext(ctx, sess.SQL)
	if err != nil {
		return err
	}
	defer st.Close()
	_, err = st.(*sessionStmt).exec(ctx, args)
	return err
}

// end ends a transaction start began: commit when ok, else roll back.
func end(tx driver.Tx, ok bool) error {
	if tx == nil {
		return nil
	}
	if !ok {
		_ = tx.Rollback()
		return nil
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("tenantq/guard: commit the statement's transaction: %w", err)
	}
	return nil
}

func (c *sessionConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip // database/sql prepares the statement: sessionStmt sets it
	}
	tx, err := c.start(ctx)
	if err != nil {
		return nil, err
	}
	res, err := e.ExecContext(ctx, query, args)
	if cerr := end(tx, err == nil); cerr != nil {
		return nil, cerr
	}
	return res, err
}

func (c *sessionConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	tx, err := c.start(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, query, args)
	if err != nil {
		_ = end(tx, false)
		return nil, err
	}
	if tx == nil {
		return rows, nil
	}
	return &sessionRows{Rows: rows, tx: tx}, nil
}

// sessionStmt is a prepared statement whose runs set their session.
type sessionStmt struct {
	driver.Stmt
	c *sessionConn
}

func (s *sessionStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return s.c.CheckNamedValue(nv) // database/sql asks the statement instead of the connection
}

func (s *sessionStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *sessionStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

// exec runs the wrapped statement.
func (s *sessionStmt) exec(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	vals, err := values(args)
	if err != nil {
		return nil, err
	}
	//lint:ignore SA1019 the driver has no ExecContext
	return s.Stmt.Exec(vals)
}

func (s *sessionStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	tx, err := s.c.start(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.exec(ctx, args)
	if cerr := end(tx, err == nil); cerr != nil {
		return nil, cerr
	}
	return res, err
}

func (s *sessionStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	tx, err := s.c.start(ctx)
	if err != nil {
		return nil, err
	}
	var rows driver.Rows
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		rows, err = q.QueryContext(ctx, args)
	} else {
		var vals []driver.Value
		if vals, err = values(args); err == nil {
			//lint:ignore SA1019 the driver has no QueryContext
			rows, err = s.Stmt.Query(vals)
		}
	}
	if err != nil {
		_ = end(tx, false)
		return nil, err
	}
	if tx == nil {
		return rows, nil
	}
	return &sessionRows{Rows: rows, tx: tx}, nil
}

func named(args []driver.Value) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}

func values(args []driver.NamedValue) ([]driver.Value, error) {
	v := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, errors.New("tenantq/guard: the driver takes no named arguments")
		}
		v[i] = a.Value
	}
	return v, nil
}

// sessionRows are the rows of a statement run in a transaction of its own, which Close ends:
// committed, or rolled back when reading the rows failed.
type sessionRows struct {
	driver.Rows
	tx     driver.Tx
	failed bool
}

func (r *sessionRows) Next(dest []driver.Value) error {
	err := r.Rows.Next(dest)
	if err != nil && err != io.EOF {
		r.failed = true
	}
	return err
}

func (r *sessionRows) Close() error {
	err := r.Rows.Close()
	if cerr := end(r.tx, err == nil && !r.failed); err == nil {
		err = cerr
	}
	return err
}

// The optional interfaces of driver.Rows, passed through (with database/sql's defaults when
// the wrapped rows lack one).

func (r *sessionRows) HasNextResultSet() bool {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.HasNextResultSet()
	}
	return false
}

func (r *sessionRows) NextResultSet() error {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.NextResultSet()
	}
	return io.EOF
}

func (r *sessionRows) ColumnTypeScanType(i int) reflect.Type {
	if c, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return c.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *sessionRows) ColumnTypeDatabaseTypeName(i int) string {
	if c, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return c.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *sessionRows) ColumnTypeLength(i int) (int64, bool) {
	if c, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return c.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *sessionRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if c, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return c.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *sessionRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if c, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return c.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

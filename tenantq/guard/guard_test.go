package guard_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// Compile-time checks: the wrappers drop into sqlc's DBTX interfaces and tenantq's runners.
type (
	sqlcDBTX interface {
		ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
		PrepareContext(context.Context, string) (*sql.Stmt, error)
		QueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)
		QueryRowContext(context.Context, string, ...interface{}) *sql.Row
	}
	sqlcPgxDBTX interface {
		Exec(context.Context, string, ...interface{}) (pgconn.CommandTag, error)
		Query(context.Context, string, ...interface{}) (pgx.Rows, error)
		QueryRow(context.Context, string, ...interface{}) pgx.Row
		CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
		SendBatch(context.Context, *pgx.Batch) pgx.BatchResults
	}
)

var (
	_ sqlcDBTX         = (*guard.DB)(nil)
	_ sqlcDBTX         = (*guard.Tx)(nil)
	_ sqlcDBTX         = (*guard.Conn)(nil)
	_ sqlcPgxDBTX      = (*guard.Pgx)(nil)
	_ tenantq.StdDB    = (*guard.DB)(nil)
	_ tenantq.PgxDB    = (*guard.Pgx)(nil)
	_ guard.PgxQuerier = (*pgx.Conn)(nil)
	_ guard.PgxQuerier = (pgx.Tx)(nil)
	_ guard.PgxQuerier = (*pgxpool.Pool)(nil)
	_ guard.PgxQuerier = (*pgxpool.Conn)(nil)
	_ guard.PgxQuerier = (*pgxpool.Tx)(nil)
)

const schema = `
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE deals (id bigint NOT NULL, tenant_id bigint NOT NULL, stage text NOT NULL, PRIMARY KEY (tenant_id, id));
INSERT INTO plans (id, name) VALUES (1, 'free');
INSERT INTO deals (id, tenant_id, stage) VALUES (1, 1, 'open'), (2, 1, 'won'), (1, 2, 'open'), (2, 2, 'open');
`

// audit records the audit hook's events.
type audit struct {
	mu     sync.Mutex
	events []tenantq.AuditEvent
}

func (a *audit) hook(_ context.Context, e tenantq.AuditEvent) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.events = append(a.events, e)
}

func (a *audit) reasons() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, e := range a.events {
		out = append(out, e.Reason)
	}
	return out
}

// env is one guarded database with its parts.
type env struct {
	pool  *pgxpool.Pool
	db    *sql.DB
	tq    *tenantq.Tenancy
	audit *audit
}

func newEnv(t *testing.T) *env {
	t.Helper()
	pool := testdb.OpenSchema(t, schema)
	db := stdlib.OpenDBFromPool(pool)
	t.Cleanup(func() { db.Close() })
	a := &audit{}
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}}, tenantq.WithAudit(a.hook))
	if err != nil {
		t.Fatal(err)
	}
	return &env{pool: pool, db: db, tq: tq, audit: a}
}

// stage reads a deal's stage without the guard.
func (e *env) stage(t *testing.T, tenant, id int64) string {
	t.Helper()
	var s string
	if err := e.pool.QueryRow(context.Background(), "SELECT stage FROM deals WHERE tenant_id = $1 AND id = $2", tenant, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// querier runs statements through one of the wrappers, so each case runs on both.
type querier interface {
	exec(ctx context.Context, sql string, args ...any) error
	ids(ctx context.Context, sql string, args ...any) ([]int64, error)
	row(ctx context.Context, sql string, args ...any) (int64, error)
}

type stdQuerier struct{ q *guard.DB }

func (s stdQuerier) exec(ctx context.Context, sql string, args ...any) error {
	_, err := s.q.ExecContext(ctx, sql, args...)
	return err
}

func (s stdQuerier) ids(ctx context.Context, sql string, args ...any) ([]int64, error) {
	return int64s(s.q.QueryContext(ctx, sql, args...))
}

// int64s collects the first column of a database/sql query's rows.
func int64s(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (s stdQuerier) row(ctx context.Context, sql string, args ...any) (int64, error) {
	var n int64
	err := s.q.QueryRowContext(ctx, sql, args...).Scan(&n)
	return n, err
}

type pgxQuerier struct{ q *guard.Pgx }

func (p pgxQuerier) exec(ctx context.Context, sql string, args ...any) error {
	_, err := p.q.Exec(ctx, sql, args...)
	return err
}

func (p pgxQuerier) ids(ctx context.Context, sql string, args ...any) ([]int64, error) {
	rows, err := p.q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

func (p pgxQuerier) row(ctx context.Context, sql string, args ...any) (int64, error) {
	var n int64
	err := p.q.QueryRow(ctx, sql, args...).Scan(&n)
	return n, err
}

// wrappers returns the database/sql and pgx wrappers of a Guard over e.
func (e *env) wrappers(g *guard.Guard) map[string]querier {
	return map[string]querier{"database/sql": stdQuerier{g.DB(e.db)}, "pgx": pgxQuerier{g.Pgx(e.pool)}}
}

func TestGuardEnforce(t *testing.T) {
	e := newEnv(t)
	tenant1 := tenantq.WithTenant(context.Background(), int64(1))
	for name, q := range e.wrappers(guard.New(e.tq)) {
		t.Run(name, func(t *testing.T) {
			ids, err := q.ids(tenant1, "SELECT id FROM deals WHERE tenant_id = $1 ORDER BY id", 1)
			if err != nil || !slices.Equal(ids, []int64{1, 2}) {
				t.Errorf("pinned to the context's tenant: ids %v, err %v; want [1 2]", ids, err)
			}
			ids, err = q.ids(tenant1, "SELECT id FROM deals WHERE tenant_id = $1", 2)
			assertViolation(t, err, sqlcheck.RuleMultipleTenants, "bound to argument 1 (2)")
			if ids != nil {
				t.Errorf("a refused query returned rows %v", ids)
			}
			ids, err = q.ids(context.Background(), "SELECT id FROM plans")
			if err != nil || !slices.Equal(ids, []int64{1}) {
				t.Errorf("a global table without a tenant: ids %v, err %v; want [1]", ids, err)
			}
			n, err := q.row(tenant1, "SELECT count(*) FROM deals")
			assertViolation(t, err, sqlcheck.RuleUnpinned, `table "deals"`)
			if n != 0 {
				t.Errorf("a refused QueryRow scanned %d", n)
			}
			n, err = q.row(tenant1, "SELECT count(*) FROM deals WHERE tenant_id = 1")
			if err != nil || n != 2 {
				t.Errorf("pinned to the context's tenant by a constant: %d, %v; want 2", n, err)
			}
			_, err = q.row(tenant1, "SELECT count(*) FROM deals WHERE tenant_id = 2")
			assertViolation(t, err, sqlcheck.RuleMultipleTenants, "the constant 2")
		})
	}
}

// TestGuardRefusedNeverRuns checks that a refused write changes nothing: it never reached the
// database.
func TestGuardRefusedNeverRuns(t *testing.T) {
	e := newEnv(t)
	tenant1 := tenantq.WithTenant(context.Background(), int64(1))
	for name, q := range e.wrappers(guard.New(e.tq)) {
		t.Run(name, func(t *testing.T) {
			err := q.exec(tenant1, "UPDATE deals SET stage = 'lost' WHERE id = $1", 1)
			assertViolation(t, err, sqlcheck.RuleUnpinned, `table "deals"`)
			err = q.exec(tenant1, "UPDATE deals SET stage = 'lost' WHERE tenant_id = $1 AND id = $2", 2, 1)
			assertViolation(t, err, sqlcheck.RuleMultipleTenants, "argument 1 (2)")
			if s := e.stage(t, 2, 1); s != "open" {
				t.Errorf("tenant 2's deal 1 is %q after refused updates, want open", s)
			}
		})
	}
}

func TestGuardNoTenant(t *testing.T) {
	e := newEnv(t)
	for name, q := range e.wrappers(guard.New(e.tq)) {
		t.Run(name, func(t *testing.T) {
			err := q.exec(context.Background(), "UPDATE deals SET stage = 'won' WHERE tenant_id = $1 AND id = $2", 1, 1)
			if !errors.Is(err, guard.ErrNoTenant) {
				t.Errorf("a tenant statement without a tenant: err %v, want ErrNoTenant", err)
			}
			err = q.exec(tenantq.WithTenant(context.Background(), []int64{1, 2}), "SELECT 1 FROM deals WHERE tenant_id = $1", 1)
			if !errors.Is(err, tenantq.ErrBadTenant) {
				t.Errorf("a list as the context's tenant: err %v, want ErrBadTenant", err)
			}
		})
	}
}

func TestGuardUnscoped(t *testing.T) {
	e := newEnv(t)
	admin := tenantq.WithUnscoped(context.Background(), "billing report")
	for name, q := range e.wrappers(guard.New(e.tq)) {
		t.Run(name, func(t *testing.T) {
			n, err := q.row(admin, "SELECT count(*) FROM deals")
			if err != nil || n != 4 {
				t.Errorf("unscoped count: %d, %v; want 4", n, err)
			}
			_, err = q.row(tenantq.WithUnscoped(context.Background(), ""), "SELECT count(*) FROM deals")
			if !errors.Is(err, tenantq.ErrNoReason) {
				t.Errorf("unscoped without a reason: err %v, want ErrNoReason", err)
			}
		})
	}
	if got := e.audit.reasons(); !slices.Equal(got, []string{"billing report", "billing report"}) {
		t.Errorf("audit reasons = %q, want one per unscoped statement", got)
	}
}

func TestGuardReport(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	var events []guard.Event
	g := guard.New(e.tq, guard.WithMode(guard.Report), guard.WithHandler(func(_ context.Context, ev guard.Event) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, ev)
	}))
	tenant1 := tenantq.WithTenant(context.Background(), int64(1))
	for name, q := range e.wrappers(g) {
		t.Run(name, func(t *testing.T) {
			n, err := q.row(tenant1, "SELECT count(*) FROM deals")
			if err != nil || n != 4 {
				t.Errorf("report mode runs the statement: %d, %v; want 4", n, err)
			}
		})
	}
	if len(events) != 2 || events[0].Mode != guard.Report || !errors.Is(events[0].Err, tenantq.ErrUnsafe) || events[0].SQL != "SELECT count(*) FROM deals" {
		t.Errorf("report events = %+v, want two unsafe events in Report mode", events)
	}
}

func TestGuardPgxNamedArgsAndOptions(t *testing.T) {
	e := newEnv(t)
	q := e.pgx(guard.New(e.tq))
	tenant1 := tenantq.WithTenant(context.Background(), int64(1))
	var n int64
	err := q.QueryRow(tenant1, "SELECT count(*) FROM deals WHERE tenant_id = @tenant", pgx.NamedArgs{"tenant": int64(1)}).Scan(&n)
	if err != nil || n != 2 {
		t.Errorf("named args for the tenant: %d, %v; want 2", n, err)
	}
	err = q.QueryRow(tenant1, "SELECT count(*) FROM deals WHERE tenant_id = @tenant", pgx.NamedArgs{"tenant": int64(2)}).Scan(&n)
	assertViolation(t, err, sqlcheck.RuleMultipleTenants, "argument 1 (2)")
	err = q.QueryRow(tenant1, "SELECT count(*) FROM deals WHERE tenant_id = $1", pgx.QueryExecModeSimpleProtocol, int64(1)).Scan(&n)
	if err != nil || n != 2 {
		t.Errorf("a query option before the arguments: %d, %v; want 2", n, err)
	}
}

func TestGuardBatch(t *testing.T) {
	e := newEnv(t)
	q := e.pgx(guard.New(e.tq))
	tenant1 := tenantq.WithTenant(context.Background(), int64(1))
	b := &pgx.Batch{}
	b.Queue("UPDATE deals SET stage = 'lost' WHERE tenant_id = $1 AND id = 1", 1)
	//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
	b.Queue("UPDATE deals SET stage = 'lost' WHERE id = 2")
	err := q.SendBatch(tenant1, b).Close()
	assertViolation(t, err, sqlcheck.RuleUnpinned, `table "deals"`)
	if s := e.stage(t, 1, 1); s != "open" {
		t.Errorf("a refused batch ran its first statement: stage %q", s)
	}
	ok := &pgx.Batch{}
	ok.Queue("UPDATE deals SET stage = 'lost' WHERE tenant_id = $1 AND id = 1", 1)
	if err := q.SendBatch(tenant1, ok).Close(); err != nil {
		t.Fatal(err)
	}
	if s := e.stage(t, 1, 1); s != "lost" {
		t.Errorf("an admitted batch did not run: stage %q", s)
	}
}

func TestGuardCopyFrom(t *testing.T) {
	e := newEnv(t)
	q := e.pgx(guard.New(e.tq))
	tenant1 := tenantq.WithTenant(context.Background(), int64(1))
	_, err := q.CopyFrom(tenant1, pgx.Identifier{"deals"}, []string{"id", "tenant_id", "stage"}, pgx.CopyFromRows([][]any{{9, 2, "x"}}))
	assertViolation(t, err, sqlcheck.RuleBulk, `tenant table "deals"`)
	if _, err := q.CopyFrom(tenant1, pgx.Identifier{"plans"}, []string{"id", "name"}, pgx.CopyFromRows([][]any{{2, "pro"}})); err != nil {
		t.Errorf("copy into a global table: %v", err)
	}
	admin := tenantq.WithUnscoped(context.Background(), "import")
	if _, err := q.CopyFrom(admin, pgx.Identifier{"deals"}, []string{"id", "tenant_id", "stage"}, pgx.CopyFromRows([][]any{{9, 2, "x"}})); err != nil {
		t.Errorf("unscoped copy into a tenant table: %v", err)
	}
}

func TestGuardPrepareAndTx(t *testing.T) {
	e := newEnv(t)
	db := guard.New(e.tq).DB(e.db)
	ctx := tenantq.WithTenant(context.Background(), int64(1))
	//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
	_, err := db.PrepareContext(ctx, "DELETE FROM deals WHERE id = $1")
	assertViolation(t, err, sqlcheck.RuleUnpinned, `table "deals"`)
	stmt, err := db.PrepareContext(ctx, "SELECT count(*) FROM deals WHERE tenant_id = $1")
	if err != nil {
		t.Fatalf("prepare a pinned statement: %v", err)
	}
	stmt.Close()

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM deals WHERE tenant_id = $1", 2)
	assertViolation(t, err, sqlcheck.RuleMultipleTenants, "argument 1 (2)")
	if _, err := tx.ExecContext(ctx, "UPDATE deals SET stage = 'won' WHERE tenant_id = $1 AND id = 1", 1); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := e.stage(t, 1, 1); s != "won" {
		t.Errorf("the guarded transaction's update: stage %q, want won", s)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int64
	//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
	err = conn.QueryRowContext(ctx, "SELECT count(*) FROM deals").Scan(&n)
	assertViolation(t, err, sqlcheck.RuleUnpinned, `table "deals"`)
}

// TestGuardWithTenantq runs tenantq's builder through the guard: the guard accepts what the
// builder verified.
func TestGuardWithTenantq(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	scope, err := e.tq.Scope(int64(2))
	if err != nil {
		t.Fatal(err)
	}
	ctx := tenantq.WithTenant(context.Background(), int64(2))
	for name, r := range map[string]tenantq.Runner{"database/sql": tenantq.SQL(g.DB(e.db)), "pgx": tenantq.Pgx(g.Pgx(e.pool))} {
		t.Run(name, func(t *testing.T) {
			var n int64
			if err := scope.Select("count(*)").From("deals").QueryRow(ctx, r).Scan(&n); err != nil || n != 2 {
				t.Errorf("tenantq through the guard: %d, %v; want 2", n, err)
			}
			// A scope for tenant 2 run with a context for tenant 1: the guard refuses.
			err := scope.Select("count(*)").From("deals").QueryRow(tenantq.WithTenant(context.Background(), int64(1)), r).Scan(&n)
			assertViolation(t, err, sqlcheck.RuleMultipleTenants, "argument 1 (2)")
		})
	}
}

func (e *env) pgx(g *guard.Guard) *guard.Pgx { return g.Pgx(e.pool) }

// assertViolation checks that err is a *ViolationError with a violation of rule whose text
// contains want.
func assertViolation(t *testing.T, err error, rule sqlcheck.Rule, want string) {
	t.Helper()
	var ve *tenantq.ViolationError
	if !errors.As(err, &ve) {
		t.Errorf("err = %v, want a *ViolationError with %s", err, rule)
		return
	}
	for _, v := range ve.Violations {
		if v.Rule == rule && strings.Contains(v.String(), want) {
			return
		}
	}
	t.Errorf("err = %v, want a %s violation mentioning %q", err, rule, want)
}

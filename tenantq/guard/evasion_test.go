// Evasions of the guard found by attack: each tries to get a cross-tenant
// statement, or a crash, past the guard, and fails when it succeeds.

package guard_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

func reviewCtx1() context.Context { return tenantq.WithTenant(context.Background(), int64(1)) }

func reviewReport(t *testing.T, name string, tenants []int64, err error) {
	t.Helper()
	if slices.Contains(tenants, 2) {
		t.Errorf("BYPASS %s: tenant 1's context read tenant 2's rows: %v (err %v)", name, tenants, err)
	} else {
		t.Logf("held %s: %v, err %v", name, tenants, err)
	}
}

// P1: a pgx query option passed through database/sql is taken by the guard as $1.
func TestEvasionStdPgxOption(t *testing.T) {
	e := newEnv(t)
	db := guard.New(e.tq).DB(e.db)
	rows, err := db.QueryContext(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = $1", pgx.QueryExecModeCacheStatement, int64(2))
	got, err := int64s(rows, err)
	reviewReport(t, "database/sql QueryContext with pgx.QueryExecModeCacheStatement", got, err)

	_, err = db.ExecContext(reviewCtx1(), "UPDATE deals SET stage = 'hacked' WHERE tenant_id = $1 AND id = 1", pgx.QueryExecModeCacheStatement, int64(2))
	if s := e.stage(t, 2, 1); s == "hacked" {
		t.Errorf("BYPASS database/sql ExecContext with a pgx option updated tenant 2's deal (err %v)", err)
	}
	var n int64
	err = db.QueryRowContext(reviewCtx1(), "SELECT count(*) FROM deals WHERE tenant_id = $1", pgx.QueryExecModeSimpleProtocol-4, int64(2)).Scan(&n)
	t.Logf("QueryRowContext: n=%d err=%v", n, err)
}

// P2: @name is the PostgreSQL @ (absolute value) operator when no driver rewrites it.
func TestEvasionAtOperator(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	db := g.DB(e.db)
	rows, err := db.QueryContext(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = @tenant_id AND id = $1", sql.Named("tenant_id", int64(1)))
	got, err := int64s(rows, err)
	reviewReport(t, "database/sql @tenant_id with sql.Named", got, err)

	// pgx without NamedArgs: the sql.NamedArg is sent as JSON for $1.
	p := g.Pgx(e.pool)
	prows, err := p.Query(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = @tenant_id AND $1::jsonb IS NOT NULL", sql.Named("tenant_id", int64(1)))
	var pgot []int64
	if err == nil {
		pgot, err = pgx.CollectRows(prows, pgx.RowTo[int64])
	}
	reviewReport(t, "pgx @tenant_id with a sql.NamedArg and no NamedArgs", pgot, err)
}

// P3: named placeholders after a gap in $n: byNumber indexes by position, not by Number.
func TestEvasionNamedGap(t *testing.T) {
	e := newEnv(t)
	p := guard.New(e.tq).Pgx(e.pool)
	rows, err := p.Query(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = $2 AND id >= @x AND @y::bigint IS NOT NULL", pgx.NamedArgs{"x": int64(1), "y": int64(2)})
	var got []int64
	if err == nil {
		got, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	}
	reviewReport(t, "pgx NamedArgs with $2 before @x @y", got, err)
}

// P4: pgx rewrites @name after @ or <, which the checker reads as the @@ / <@ operators; the
// guard then maps positional $1 to NamedArgs values in map order.
func TestEvasionNamedOperatorMapOrder(t *testing.T) {
	e := newEnv(t)
	p := guard.New(e.tq).Pgx(e.pool)
	passed := 0
	for range 40 {
		rows, err := p.Query(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = $1 AND 0 <= @@t", pgx.NamedArgs{"t": int64(2), "a": int64(1)})
		if err != nil {
			continue
		}
		got, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if slices.Contains(got, 2) {
			passed++
		} else {
			t.Logf("ran: %v %v", got, err)
		}
	}
	if passed > 0 {
		t.Errorf("BYPASS pgx NamedArgs with @@t: %d/40 runs read tenant 2", passed)
	}
}

// P5: pgx batches take only QueryRewriter as an option; the guard strips QueryExecMode too.
func TestEvasionBatchExecMode(t *testing.T) {
	e := newEnv(t)
	p := guard.New(e.tq).Pgx(e.pool)
	b := &pgx.Batch{}
	b.Queue("UPDATE deals SET stage = 'hacked' WHERE tenant_id = $1 AND id = $2", pgx.QueryExecModeCacheDescribe, int64(1))
	err := p.SendBatch(reviewCtx1(), b).Close()
	if s := e.stage(t, 2, 1); s == "hacked" {
		t.Errorf("BYPASS batch with a QueryExecMode argument updated tenant 2's deal 1 (err %v)", err)
	} else {
		t.Logf("batch: err %v", err)
	}
}

// P6: Exec does not take result formats as options; the guard strips them.
func TestEvasionExecResultFormats(t *testing.T) {
	e := newEnv(t)
	p := guard.New(e.tq).Pgx(e.pool)
	_, err := p.Exec(reviewCtx1(), "UPDATE deals SET stage = 'x' WHERE tenant_id = $1 AND id = 1", pgx.QueryResultFormats{1}, int64(1))
	t.Logf("Exec with QueryResultFormats: %v", err)
}

// P7: pgx runs a prepared statement by name; the guard checks the name as SQL.
func TestEvasionPgxPreparedName(t *testing.T) {
	e := newEnv(t)
	conn, err := e.pool.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	for _, name := range []string{"-- deals of a tenant", "deals_of_tenant"} {
		if _, err := conn.Conn().Prepare(context.Background(), name, "SELECT tenant_id FROM deals WHERE tenant_id = $1"); err != nil {
			t.Fatal(err)
		}
		p := guard.New(e.tq).Pgx(conn)
		//tenantvet:ignore the name of a prepared statement: the guard must refuse to run it blind
		rows, err := p.Query(reviewCtx1(), name, int64(2))
		var got []int64
		if err == nil {
			got, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		}
		reviewReport(t, fmt.Sprintf("pgx prepared statement %q", name), got, err)
		//tenantvet:ignore the name of a prepared statement: the guard must refuse to run it blind
		rows, err = p.Query(reviewCtx1(), name, int64(1))
		t.Logf("same statement for tenant 1: err %v", err)
		if rows != nil {
			rows.Close()
		}
	}
}

// P8: database/sql Prepare drops the constant check.
func TestEvasionStdPrepareConstant(t *testing.T) {
	e := newEnv(t)
	db := guard.New(e.tq).DB(e.db)
	stmt, err := db.PrepareContext(reviewCtx1(), "UPDATE deals SET stage = 'hacked' WHERE tenant_id = 2 AND id = 1")
	if err != nil {
		t.Logf("held: prepare refused: %v", err)
	} else {
		_, err = stmt.ExecContext(reviewCtx1())
		stmt.Close()
		if s := e.stage(t, 2, 1); s == "hacked" {
			t.Errorf("BYPASS prepared constant other tenant: tenant 2's deal updated (err %v)", err)
		}
	}
	// No tenant at all, and a parameter for the tenant.
	stmt, err = db.PrepareContext(context.Background(), "UPDATE deals SET stage = 'hacked2' WHERE tenant_id = $1 AND id = 2")
	if err != nil {
		t.Logf("held: prepare without tenant refused: %v", err)
	} else {
		_, err = stmt.ExecContext(context.Background(), int64(2))
		stmt.Close()
		if s := e.stage(t, 2, 2); s == "hacked2" {
			t.Errorf("BYPASS (documented) prepared without a tenant, executed for tenant 2 (err %v)", err)
		}
	}
}

// P9: pgx strips NUL bytes from identifiers; the guard looks up the raw name.
func TestEvasionCopyNul(t *testing.T) {
	e := newEnv(t)
	tq, err := tenantq.New(sqlcheck.Policy{Tables: map[string]string{"deals": "tenant_id"}, UnknownTables: sqlcheck.UnknownGlobal})
	if err != nil {
		t.Fatal(err)
	}
	p := guard.New(tq).Pgx(e.pool)
	for _, id := range []pgx.Identifier{{"de\x00als"}, {"public", "deals"}, {"DEALS"}, {"public.deals"}} {
		n, err := p.CopyFrom(reviewCtx1(), id, []string{"id", "tenant_id", "stage"}, pgx.CopyFromRows([][]any{{int64(50 + len(id[0])), int64(2), "copied"}}))
		if err == nil && n > 0 {
			t.Errorf("BYPASS CopyFrom %q copied %d rows for tenant 2", []string(id), n)
		} else {
			t.Logf("held CopyFrom %q: n=%d err=%v", []string(id), n, err)
		}
	}
}

// P10: pgx callers may ignore Query's error (pgx documents rows as always usable).
func TestEvasionNilRows(t *testing.T) {
	e := newEnv(t)
	p := guard.New(e.tq).Pgx(e.pool)
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("PANIC pgx.CollectRows on a refused Query: %v", r)
			}
		}()
		//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
		rows, _ := p.Query(reviewCtx1(), "SELECT id FROM deals")
		_, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		t.Logf("CollectRows err: %v", err)
	}()
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("PANIC batch Query rows.Close on a refused batch: %v", r)
			}
		}()
		b := &pgx.Batch{}
		//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
		b.Queue("SELECT id FROM deals")
		br := p.SendBatch(reviewCtx1(), b)
		defer br.Close()
		rows, _ := br.Query()
		rows.Close()
	}()
	// pgx's own behaviour on an error, for comparison.
	rows, err := e.pool.Query(context.Background(), "SELECT nope")
	t.Logf("pgx itself: rows nil? %v, err %v", rows == nil, err)
}

// P11: a Valuer whose value changes between the guard's call and the driver's.
type zzFlip struct{ n *atomic.Int32 }

func (f zzFlip) Value() (driver.Value, error) {
	if f.n.Add(1) == 1 {
		return int64(1), nil
	}
	return int64(2), nil
}

func TestEvasionValuerFlip(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	for name, q := range e.wrappers(g) {
		ids, err := q.ids(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = $1", zzFlip{new(atomic.Int32)})
		reviewReport(t, name+" flipping Valuer", ids, err)
	}
	// A pointer to a Valuer, changed after the check (as by another goroutine).
	v := &sql.NullInt64{Int64: 1, Valid: true}
	err := g.Check(reviewCtx1(), "SELECT tenant_id FROM deals WHERE tenant_id = $1", v)
	t.Logf("*sql.NullInt64 admitted: %v (its value can change before the driver reads it)", err == nil)
}

// P13: tenant and unscoped in one context.
func TestEvasionTenantAndUnscoped(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	// The call made last wins: a tenant's step inside an unscoped job is scoped again.
	ctx := tenantq.WithTenant(tenantq.WithUnscoped(context.Background(), "nightly job"), int64(1))
	assertViolation(t, g.Check(ctx, "SELECT tenant_id FROM deals"), sqlcheck.RuleUnpinned, `table "deals"`)
	if err := g.Check(tenantq.WithUnscoped(ctx, "nightly job"), "SELECT tenant_id FROM deals"); err != nil {
		t.Errorf("WithUnscoped over WithTenant: %v, want nil", err)
	}
	// An empty reason is refused everywhere.
	ctx = tenantq.WithUnscoped(reviewCtx1(), "")
	if err := g.Check(ctx, "SELECT 1 FROM plans"); !errors.Is(err, tenantq.ErrNoReason) {
		t.Errorf("empty reason: Check = %v, want ErrNoReason", err)
	}
	if _, err := g.DB(e.db).PrepareContext(ctx, "SELECT tenant_id FROM deals WHERE tenant_id = $1"); !errors.Is(err, tenantq.ErrNoReason) {
		t.Errorf("empty reason: Prepare = %v, want ErrNoReason", err)
	}
	if _, err := g.Pgx(e.pool).CopyFrom(ctx, pgx.Identifier{"plans"}, []string{"id", "name"}, pgx.CopyFromRows([][]any{{int64(7), "x"}})); !errors.Is(err, tenantq.ErrNoReason) {
		t.Errorf("empty reason: CopyFrom = %v, want ErrNoReason", err)
	}
}

// P16: tenant value types.
func TestEvasionTenantTypes(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	u := [16]byte{0xaa, 0xbb, 0xcc, 0xdd, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	us := "aabbccdd-0102-0304-0506-0708090a0b0c"
	cases := []struct {
		name      string
		ctxTenant any
		arg       any
		admitted  bool
	}{
		{"int ctx, string arg", int64(1), "1", false}, // strict: the guard cannot know the column's type
		{"int ctx, int32 arg", int64(1), int32(1), true},
		{"int ctx, pgtype.Int8", int64(1), pgtype.Int8{Int64: 1, Valid: true}, true},
		{"uuid ctx, string arg", u, us, true},
		{"uuid ctx, upper string arg", u, "AABBCCDD-0102-0304-0506-0708090A0B0C", true},
		{"uuid ctx, pgtype.UUID", u, pgtype.UUID{Bytes: u, Valid: true}, true},
		{"string uuid ctx, [16]byte arg", us, u, true},
		{"string uuid ctx, pgtype.UUID arg", us, pgtype.UUID{Bytes: u, Valid: true}, true},
		{"upper string uuid ctx, pgtype.UUID arg", "AABBCCDD-0102-0304-0506-0708090A0B0C", pgtype.UUID{Bytes: u, Valid: true}, true},
		{"string ctx, []byte arg", "acme", []byte("acme"), false},
		{"int ctx, *int64 arg", int64(1), new(int64), false},
		{"int ctx, other tenant", int64(1), int64(2), false},
	}
	for _, c := range cases {
		err := g.Check(tenantq.WithTenant(context.Background(), c.ctxTenant), "SELECT 1 FROM deals WHERE tenant_id = $1", c.arg)
		if (err == nil) != c.admitted {
			t.Errorf("%s: Check = %v, want admitted %v", c.name, err, c.admitted)
		}
	}
}

// P18: refusedRow: no connection, no goroutine leak, and Err.
func TestEvasionRefusedRow(t *testing.T) {
	e := newEnv(t)
	db := guard.New(e.tq).DB(e.db)
	for range 10 {
		//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
		db.QueryRowContext(reviewCtx1(), "SELECT count(*) FROM deals")
	}
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	before := runtime.NumGoroutine()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
				r := db.QueryRowContext(reviewCtx1(), "SELECT count(*) FROM deals")
				var n int64
				if err := r.Scan(&n); err == nil {
					t.Error("refused row scanned")
				}
				if r.Err() == nil {
					t.Error("refused row Err nil")
				}
			}
		}()
	}
	wg.Wait()
	time.Sleep(50 * time.Millisecond)
	after := runtime.NumGoroutine()
	t.Logf("goroutines before %d after %d; open conns of real db: %d", before, after, e.db.Stats().OpenConnections)
	if after > before+2 {
		t.Errorf("goroutine leak: %d -> %d", before, after)
	}
	// A context tenant whose Valuer fails with driver.ErrBadConn: database/sql retries.
	bad := tenantq.WithTenant(context.Background(), zzBad{})
	var n int64
	err := db.QueryRowContext(bad, "SELECT count(*) FROM deals WHERE tenant_id = $1", 1).Scan(&n)
	t.Logf("ErrBadConn tenant: %v (is ErrBadConn %v)", err, errors.Is(err, driver.ErrBadConn))
	// Refusal in a transaction does not poison it.
	tx, err := db.BeginTx(reviewCtx1(), nil)
	if err != nil {
		t.Fatal(err)
	}
	//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
	_ = tx.QueryRowContext(reviewCtx1(), "SELECT count(*) FROM deals").Scan(&n)
	if err := tx.QueryRowContext(reviewCtx1(), "SELECT count(*) FROM deals WHERE tenant_id = $1", 1).Scan(&n); err != nil || n != 2 {
		t.Errorf("tx after refusal: %d %v", n, err)
	}
	tx.Rollback()
}

type zzBad struct{}

func (zzBad) Value() (driver.Value, error) { return nil, driver.ErrBadConn }

// P20: WithHandler(nil).
func TestEvasionNilHandler(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq, guard.WithHandler(nil))
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("PANIC WithHandler(nil): %v", r)
		}
	}()
	//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
	_, err := g.DB(e.db).ExecContext(reviewCtx1(), "DELETE FROM deals")
	t.Logf("err %v", err)
}

// Concurrency under -race: wrappers shared by goroutines, mixed tenants.
func TestEvasionRace(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	ws := e.wrappers(g)
	var wg sync.WaitGroup
	var bad atomic.Int32
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tenant := int64(i%2 + 1)
			ctx := tenantq.WithTenant(context.Background(), tenant)
			for j := range 50 {
				q := ws["pgx"]
				if j%2 == 0 {
					q = ws["database/sql"]
				}
				args := []any{tenant, sql.Named("x", tenant)}
				_, err := q.ids(ctx, "SELECT id FROM deals WHERE tenant_id = $1", args[0])
				if err != nil {
					bad.Add(1)
				}
				if _, err := q.ids(ctx, "SELECT id FROM deals WHERE tenant_id = $1", 3-tenant); err == nil {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if bad.Load() != 0 {
		t.Errorf("%d wrong verdicts under concurrency", bad.Load())
	}
}

// API: sqlc's WithTx and pool-level helpers.
func TestEvasionAPI(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	var _ = func(p *pgxpool.Pool) { g.Pgx(p) }
	conn, err := e.pool.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	tx, err := conn.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.Background())
	var n int64
	if err := g.Pgx(tx).QueryRow(reviewCtx1(), "SELECT count(*) FROM deals WHERE tenant_id = $1", 1).Scan(&n); err != nil || n != 2 {
		t.Errorf("pgx.Tx wrapper: %d %v", n, err)
	}
	_ = stdlib.GetDefaultDriver
	_ = testdb.Open
}

// P4b: NamedArgs followed by more arguments: pgx takes NamedArgs as the rewriter and drops the
// rest; the guard (len(args) != 1) reads the rest as $1, $2, ...
func TestEvasionNamedArgsTrailing(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	q := "SELECT tenant_id FROM deals WHERE tenant_id = $2 AND 0 <= @@a AND 0 <= @@b"
	rows, err := g.Pgx(e.pool).Query(reviewCtx1(), q, pgx.NamedArgs{"a": int64(1), "b": int64(2)}, int64(1))
	var got []int64
	if err == nil {
		got, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	}
	reviewReport(t, "pgx NamedArgs + trailing args", got, err)
	srows, err := g.DB(e.db).QueryContext(reviewCtx1(), q, pgx.NamedArgs{"a": int64(1), "b": int64(2)}, int64(1))
	sgot, err := int64s(srows, err)
	reviewReport(t, "database/sql pgx.NamedArgs + trailing args", sgot, err)
}

// A custom QueryRewriter replaces the checked SQL.
type zzRewriter struct{}

func (zzRewriter) RewriteQuery(_ context.Context, _ *pgx.Conn, _ string, args []any) (string, []any, error) {
	return "SELECT tenant_id FROM deals", nil, nil
}

func TestEvasionCustomRewriter(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	rows, err := g.Pgx(e.pool).Query(reviewCtx1(), "SELECT 1", zzRewriter{})
	var got []int64
	if err == nil {
		got, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	}
	reviewReport(t, "pgx custom QueryRewriter", got, err)
	srows, err := g.DB(e.db).QueryContext(reviewCtx1(), "SELECT 1", zzRewriter{})
	sgot, err := int64s(srows, err)
	reviewReport(t, "database/sql custom QueryRewriter", sgot, err)
}

// Report mode: events for the refused, statement still runs; Args as given.
func TestEvasionReportArgs(t *testing.T) {
	e := newEnv(t)
	var evs []guard.Event
	var mu sync.Mutex
	g := guard.New(e.tq, guard.WithMode(guard.Report), guard.WithHandler(func(_ context.Context, ev guard.Event) {
		mu.Lock()
		evs = append(evs, ev)
		mu.Unlock()
	}))
	//tenantvet:ignore deliberately unpinned: the guard must refuse it at run time
	_, err := g.DB(e.db).PrepareContext(reviewCtx1(), "SELECT id FROM deals")
	_, err2 := g.Pgx(e.pool).CopyFrom(reviewCtx1(), pgx.Identifier{"deals"}, []string{"id", "tenant_id", "stage"}, pgx.CopyFromRows([][]any{{int64(90), int64(1), "r"}}))
	t.Logf("report prepare err %v, copy err %v, events %d", err, err2, len(evs))
}

package guard_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/internal/rlstest"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// rlsGuard returns the schema with row-level security and a guard of its policy.
func rlsGuard(t *testing.T, opts ...guard.Option) (*rlstest.DB, *tenantq.Tenancy, *guard.Guard) {
	t.Helper()
	db := rlstest.Open(t)
	tq, err := tenantq.New(db.Policy, tenantq.WithAudit(func(context.Context, tenantq.AuditEvent) {}))
	if err != nil {
		t.Fatal(err)
	}
	return db, tq, guard.New(tq, opts...)
}

const (
	selTenant   = "SELECT id FROM contacts WHERE tenant_id = $1 ORDER BY id"
	countTenant = "SELECT count(*) FROM contacts WHERE tenant_id = $1"
	touchTenant = "UPDATE contacts SET name = name WHERE tenant_id = $1"
)

// TestRLSGuardPgx runs raw statements (as sqlc's generated code sends them) through the guard's
// pgx wrapper under row-level security, on a pool of one connection.
func TestRLSGuardPgx(t *testing.T) {
	db, tq, g := rlsGuard(t)
	p := g.Pgx(db.App)
	bg := context.Background()
	ctx2 := tenantq.WithTenant(bg, int64(2))
	ctx3 := tenantq.WithTenant(bg, "3") // a string tenant: set as it is
	ctxU := tenantq.WithUnscoped(bg, "report over every tenant")
	clean := func(when string) {
		t.Helper()
		if setting, role := db.Leftover(t); setting != "" || role != db.AppRole {
			t.Errorf("%s the connection holds setting %q, role %q; want \"\", %q", when, setting, role, db.AppRole)
		}
	}

	rows, err := p.Query(ctx2, selTenant, 2)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil || !slices.Equal(ids, []int64{201, 202, 203}) {
		t.Errorf("Query for tenant 2: %v, %v; want [201 202 203]", ids, err)
	}
	clean("after Query,")
	if tag, err := p.Exec(ctx2, touchTenant, 2); err != nil || tag.RowsAffected() != 3 {
		t.Errorf("Exec for tenant 2: %v, %v; want UPDATE 3", tag, err)
	}
	var n int64
	if err := p.QueryRow(ctx3, countTenant, "3").Scan(&n); err != nil || n != 3 {
		t.Errorf("QueryRow for tenant 3: %d, %v; want 3", n, err)
	}
	//tenantvet:ignore an unscoped count, which row-level security lets through as the unscoped role
	if err := p.QueryRow(ctxU, "SELECT count(*) FROM contacts").Scan(&n); err != nil || n != 9 {
		t.Errorf("unscoped QueryRow: %d, %v; want 9", n, err)
	}
	clean("after the unscoped statement,")

	// A batch: the setting goes first, the caller reads its own results.
	b := &pgx.Batch{}
	var cb int64
	b.Queue(countTenant, 2).QueryRow(func(row pgx.Row) error { return row.Scan(&cb) })
	b.Queue(touchTenant, 2)
	if err := p.SendBatch(ctx2, b).Close(); err != nil || cb != 3 {
		t.Errorf("batch with callbacks: count %d, %v; want 3", cb, err)
	}
	if len(b.QueuedQueries) != 2 {
		t.Errorf("SendBatch changed the caller's batch to %d statements", len(b.QueuedQueries))
	}
	b = &pgx.Batch{}
	b.Queue(countTenant, 2)
	b.Queue(touchTenant, 2)
	br := p.SendBatch(ctx2, b)
	if err := br.QueryRow().Scan(&n); err != nil || n != 3 {
		t.Errorf("batch QueryRow: %d, %v; want 3", n, err)
	}
	if tag, err := br.Exec(); err != nil || tag.RowsAffected() != 3 {
		t.Errorf("batch Exec: %v, %v; want UPDATE 3", tag, err)
	}
	if err := br.Close(); err != nil {
		t.Errorf("batch Close: %v", err)
	}
	clean("after the batches,")

	// COPY, unscoped: in a transaction that runs as the unscoped role first.
	db.Tracer.Reset()
	src := pgx.CopyFromRows([][]any{{int64(3), "team"}})
	if n, err := p.CopyFrom(ctxU, pgx.Identifier{"plans"}, []string{"id", "name"}, src); err != nil || n != 1 {
		t.Errorf("unscoped CopyFrom: %d, %v; want 1", n, err)
	}
	want := []string{"begin", "SELECT set_config('tenantq.role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true), set_config('role', $1, true)", `COPY "plans"`, "commit"}
	if got := db.Tracer.SQL(); !slices.Equal(got, want) {
		t.Errorf("unscoped CopyFrom sent %q, want %q", got, want)
	}
	//tenantvet:ignore the test reads the table as the superuser to see what was committed
	if err := db.Admin.QueryRow(bg, "SELECT count(*) FROM plans WHERE id = 3").Scan(&n); err != nil || n != 1 {
		t.Errorf("the copied row: %d, %v; want 1", n, err)
	}
	// PostgreSQL refuses COPY FROM into a table with row-level security, unless the role
	// bypasses it (BYPASSRLS): the server's error comes back.
	src = pgx.CopyFromRows([][]any{{int64(180), int64(1), "copied"}})
	if _, err := p.CopyFrom(ctxU, pgx.Identifier{"contacts"}, []string{"id", "tenant_id", "name"}, src); err == nil || !strings.Contains(err.Error(), "0A000") {
		t.Errorf("unscoped CopyFrom into a table with row-level security: %v, want the server's 0A000", err)
	}
	clean("after CopyFrom,")

	// tenantq's runner over the guard leaves the session to it: one set, not two.
	s2, _ := tq.Scope(int64(2))
	db.Tracer.Reset()
	if err := s2.Select("count(*)").From("contacts").QueryRow(ctx2, tenantq.Pgx(p)).Scan(&n); err != nil || n != 3 {
		t.Errorf("builder through the guard: %d, %v; want 3", n, err)
	}
	if sets := db.Tracer.Sets(); sets != 1 {
		t.Errorf("builder through the guard sent %d set_config calls (%q), want 1", sets, db.Tracer.SQL())
	}

	// A statement on global tables only, with no tenant in the context, runs alone.
	db.Tracer.Reset()
	//tenantvet:ignore a global table: the test runs it with no tenant
	if err := p.QueryRow(bg, "SELECT count(*) FROM plans").Scan(&n); err != nil || n != 3 {
		t.Errorf("global statement: %d, %v; want 3 (2 and the copied one)", n, err)
	}
	if got := db.Tracer.SQL(); len(got) != 1 {
		t.Errorf("global statement sent %q, want it alone", got)
	}
}

// TestRLSGuardRefusals: what cannot run with its session does not run, in either mode.
func TestRLSGuardRefusals(t *testing.T) {
	for _, mode := range []guard.Mode{guard.Enforce, guard.Report} {
		db, _, g := rlsGuard(t, guard.WithMode(mode), guard.WithHandler(func(context.Context, guard.Event) {}))
		p := g.Pgx(db.App)
		bg := context.Background()
		// An unscoped context without a reason: refused under Enforce; under Report it runs,
		// as the unscoped role.
		var n int64
		//tenantvet:ignore an unscoped count, which row-level security lets through as the unscoped role
		err := p.QueryRow(tenantq.WithUnscoped(bg, ""), "SELECT count(*) FROM contacts").Scan(&n)
		if mode == guard.Enforce && !errors.Is(err, tenantq.ErrNoReason) {
			t.Errorf("Enforce: unscoped without a reason: %v, want ErrNoReason", err)
		}
		if mode == guard.Report && (err != nil || n != 9) {
			t.Errorf("Report: unscoped without a reason: %d, %v; want 9 (run as the unscoped role)", n, err)
		}
		db.Tracer.Reset()
		bad := tenantq.WithTenant(bg, 1.5)
		if _, err := p.Query(bad, countTenant, 1.5); err == nil {
			t.Errorf("mode %d: a float tenant ran", mode)
		}
		if err := p.QueryRow(bad, countTenant, 1.5).Scan(new(int64)); err == nil {
			t.Errorf("mode %d: QueryRow with a float tenant ran", mode)
		}
		ctx2 := tenantq.WithTenant(bg, int64(2))
		if _, err := p.Query(ctx2, countTenant, pgx.QueryExecModeSimpleProtocol, 2); !errors.Is(err, tenantq.ErrRowLevelSecurity) {
			t.Errorf("mode %d: an exec mode option under row-level security: %v, want ErrRowLevelSecurity", mode, err)
		}
		// A *sql.DB not opened on the guard's connector cannot hold a transaction around a
		// statement outside one: refused, naming the way out.
		sdb := stdlib.OpenDBFromPool(db.App)
		sdb.SetMaxIdleConns(0)
		_, err = g.DB(sdb).QueryContext(ctx2, countTenant, 2)
		if !errors.Is(err, tenantq.ErrRowLevelSecurity) || !strings.Contains(err.Error(), "g.Tx(tx)") {
			t.Errorf("mode %d: guard.DB on another driver: %v, want ErrRowLevelSecurity naming g.Tx", mode, err)
		}
		conn, err := sdb.Conn(bg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.Conn(conn).ExecContext(ctx2, touchTenant, 2); !errors.Is(err, tenantq.ErrRowLevelSecurity) {
			t.Errorf("mode %d: guard.Conn on another driver: %v, want ErrRowLevelSecurity", mode, err)
		}
		if _, err := g.Conn(conn).PrepareContext(ctx2, countTenant); !errors.Is(err, tenantq.ErrRowLevelSecurity) {
			t.Errorf("mode %d: guard.Conn.PrepareContext on another driver: %v, want ErrRowLevelSecurity", mode, err)
		}
		// ... but a statement on global tables with no tenant runs.
		//tenantvet:ignore a global table: the test runs it with no tenant
		if err := g.Conn(conn).QueryRowContext(bg, "SELECT count(*) FROM plans").Scan(&n); err != nil || n != 2 {
			t.Errorf("mode %d: global statement on guard.Conn: %d, %v", mode, n, err)
		}
		conn.Close()
		sdb.Close()
		if got := db.Tracer.SQL(); len(got) != 1 {
			t.Errorf("mode %d: refused statements sent %q, want only the global one", mode, got)
		}
	}
}

// TestRLSGuardSQL runs raw statements through the guard's database/sql wrappers under
// row-level security: on a database opened on the guard's connector (one connection), and in
// a transaction of a database opened otherwise.
func TestRLSGuardSQL(t *testing.T) {
	db, tq, g := rlsGuard(t)
	bg := context.Background()
	ctx2 := tenantq.WithTenant(bg, int64(2))
	ctx3 := tenantq.WithTenant(bg, int64(3))
	ctxU := tenantq.WithUnscoped(bg, "report over every tenant")
	connector := stdlib.GetConnector(*db.App.Config().ConnConfig)
	gdb := g.OpenDB(connector)
	defer gdb.Unwrap().Close()
	gdb.Unwrap().SetMaxOpenConns(1)
	clean := func(when string) {
		t.Helper()
		var setting, role string
		// Unguarded, with no tenant in the context: runs as it is on the one connection.
		err := gdb.Unwrap().QueryRowContext(bg, "SELECT coalesce(current_setting('tenantq.tenant', true), ''), current_user::text").Scan(&setting, &role)
		if err != nil || setting != "" || role != db.AppRole {
			t.Errorf("%s the connection holds setting %q, role %q, %v; want \"\", %q", when, setting, role, err, db.AppRole)
		}
	}
	ids := func(rows *sql.Rows, err error) []int64 {
		t.Helper()
		if err != nil {
			t.Errorf("query: %v", err)
			return nil
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Error(err)
			}
			out = append(out, id)
		}
		if err := rows.Err(); err != nil {
			t.Error(err)
		}
		return out
	}
	count := func(row *sql.Row) (n int64) {
		t.Helper()
		if err := row.Scan(&n); err != nil {
			t.Errorf("scan: %v", err)
		}
		return n
	}

	t.Run("connector", func(t *testing.T) {
		if got := ids(gdb.QueryContext(ctx2, selTenant, 2)); !slices.Equal(got, []int64{201, 202, 203}) {
			t.Errorf("QueryContext for tenant 2: %v, want [201 202 203]", got)
		}
		clean("after QueryContext,")
		if res, err := gdb.ExecContext(ctx2, touchTenant, 2); err != nil {
			t.Errorf("ExecContext: %v", err)
		} else if n, _ := res.RowsAffected(); n != 3 {
			t.Errorf("ExecContext for tenant 2: %d rows, want 3", n)
		}
		if n := count(gdb.QueryRowContext(ctx3, countTenant, 3)); n != 3 {
			t.Errorf("QueryRowContext for tenant 3: %d, want 3", n)
		}
		//tenantvet:ignore an unscoped count, which row-level security lets through as the unscoped role
		if n := count(gdb.QueryRowContext(ctxU, "SELECT count(*) FROM contacts")); n != 9 {
			t.Errorf("unscoped QueryRowContext: %d, want 9", n)
		}
		clean("after the unscoped statement,")
		stmt, err := gdb.PrepareContext(ctx2, countTenant)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(stmt.QueryRowContext(ctx2, 2)); n != 3 {
			t.Errorf("prepared statement for tenant 2: %d, want 3", n)
		}
		stmt.Close()
		clean("after the prepared statement,")

		// In a transaction: the statements see the setting, the caller's rollback holds.
		tx, err := gdb.BeginTx(bg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx2, "INSERT INTO contacts (id, tenant_id, name) VALUES (260, $1, 'in tx')", 2); err != nil {
			t.Errorf("insert in a transaction: %v", err)
		}
		if n := count(tx.QueryRowContext(ctx2, countTenant, 2)); n != 4 {
			t.Errorf("count in the transaction: %d, want 4", n)
		}
		if err := tx.Rollback(); err != nil {
			t.Errorf("rollback: %v", err)
		}
		var n int64
		//tenantvet:ignore the test reads the table as the superuser to see what was committed
		if err := db.Admin.QueryRow(bg, "SELECT count(*) FROM contacts WHERE id = 260").Scan(&n); err != nil || n != 0 {
			t.Errorf("the rolled back row: %d, %v; want 0", n, err)
		}
		clean("after the transaction,")

		conn, err := gdb.Conn(bg)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(conn.QueryContext(ctx3, selTenant, 3)); !slices.Equal(got, []int64{301, 302, 303}) {
			t.Errorf("guard.Conn for tenant 3: %v, want [301 302 303]", got)
		}
		conn.Close()
		clean("after guard.Conn,")
	})

	t.Run("Tx on another driver", func(t *testing.T) {
		sdb := stdlib.OpenDBFromPool(db.App)
		defer sdb.Close()
		sdb.SetMaxIdleConns(0)
		sqlTx, err := sdb.BeginTx(bg, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer sqlTx.Rollback()
		tx := g.Tx(sqlTx)
		if got := ids(tx.QueryContext(ctx2, selTenant, 2)); !slices.Equal(got, []int64{201, 202, 203}) {
			t.Errorf("guard.Tx QueryContext for tenant 2: %v, want [201 202 203]", got)
		}
		//tenantvet:ignore an unscoped count, which row-level security lets through as the unscoped role
		if n := count(tx.QueryRowContext(ctxU, "SELECT count(*) FROM contacts")); n != 9 {
			t.Errorf("guard.Tx unscoped count: %d, want 9", n)
		}
		// A statement prepared in the transaction runs after the setting made when preparing.
		stmt, err := tx.PrepareContext(ctx2, countTenant)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(stmt.QueryRowContext(ctx2, 2)); n != 3 {
			t.Errorf("guard.Tx prepared statement for tenant 2: %d, want 3", n)
		}
		stmt.Close()
		// tenantq's runner over the guarded transaction leaves the session to the guard.
		s3, _ := tq.Scope(int64(3))
		db.Tracer.Reset()
		var n int64
		if err := s3.Select("count(*)").From("contacts").QueryRow(ctx3, tenantq.SQL(tx)).Scan(&n); err != nil || n != 3 {
			t.Errorf("builder through guard.Tx: %d, %v; want 3", n, err)
		}
		if sets := db.Tracer.Sets(); sets != 1 {
			t.Errorf("builder through guard.Tx sent %d set_config calls (%q), want 1", sets, db.Tracer.SQL())
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	})
}

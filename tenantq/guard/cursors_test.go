package guard_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// TestCursorsFollowTheirTenant declares a WITH HOLD cursor for tenant 2 on one connection and
// reads it in tenant 1's request: the raw connection returns tenant 2's rows, the guard
// refuses. The same cursor read for tenant 2 passes, and on a pool, where the next statement
// may run on another connection, FETCH is refused for everyone.
func TestCursorsFollowTheirTenant(t *testing.T) {
	e := newEnv(t)
	g := guard.New(e.tq)
	ctx := context.Background()
	t1, t2 := tenantq.WithTenant(ctx, int64(1)), tenantq.WithTenant(ctx, int64(2))
	const declare = "DECLARE c CURSOR WITH HOLD FOR SELECT id FROM deals WHERE tenant_id = $1 ORDER BY id"

	conn, err := e.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	defer conn.Exec(ctx, "CLOSE ALL")
	gc := g.Pgx(conn)
	if _, err := gc.Exec(t2, declare, int64(2)); err != nil {
		t.Fatalf("DECLARE for tenant 2: %v", err)
	}
	// What the guard stops: the raw connection reads tenant 2's rows in tenant 1's request.
	var leaked []int64
	//tenantvet:ignore shows on the raw connection what the guard refuses below
	rows, err := conn.Query(t1, "FETCH ALL FROM c")
	if err != nil {
		t.Fatal(err)
	}
	if leaked, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil || len(leaked) == 0 {
		t.Fatalf("the raw connection read %v, %v: the test proves nothing", leaked, err)
	}
	//tenantvet:ignore rewinds the cursor the raw connection read
	if _, err := conn.Exec(ctx, "MOVE ABSOLUTE 0 IN c"); err != nil {
		t.Fatal(err)
	}
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := gc.Exec(ctx, "MOVE ABSOLUTE 0 IN c"); err == nil {
		t.Error("MOVE without a tenant passed")
	}
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := gc.Query(t1, "FETCH ALL FROM c"); err == nil {
		t.Error("FETCH of tenant 2's cursor passed in tenant 1's request")
	} else if ve := (*sqlcheck.ViolationError)(nil); !errors.As(err, &ve) || ve.Violations[0].Rule != sqlcheck.RuleUnverifiable {
		t.Errorf("FETCH refused with %v, want an unverifiable violation", err)
	}
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := gc.Exec(t2, "MOVE ABSOLUTE 0 IN c"); err != nil {
		t.Errorf("MOVE in tenant 2's request: %v", err)
	}
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	rows, err = gc.Query(t2, "FETCH ALL FROM c")
	if err != nil {
		t.Fatalf("FETCH in tenant 2's request: %v", err)
	}
	if got, err := pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil || len(got) != 2 {
		t.Errorf("FETCH for tenant 2 = %v, %v, want tenant 2's two deals", got, err)
	}
	// CLOSE forgets the cursor: one declared later under that name by someone else is not
	// tenant 2's.
	if _, err := gc.Exec(t2, "CLOSE c"); err != nil {
		t.Fatal(err)
	}
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := gc.Query(t2, "FETCH ALL FROM c"); err == nil {
		t.Error("FETCH of a closed cursor passed")
	}

	// A pool's statements may each run on another connection: FETCH never passes there.
	gp := g.Pgx(e.pool)
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := gp.Query(t2, "FETCH ALL FROM c"); err == nil {
		t.Error("FETCH through a pool passed")
	}

	// database/sql: a *sql.Conn tracks its cursors, a *sql.DB has none.
	sc, err := e.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	gs := g.Conn(sc)
	if _, err := gs.ExecContext(t2, declare, int64(2)); err != nil {
		t.Fatalf("DECLARE through database/sql: %v", err)
	}
	defer sc.ExecContext(ctx, "CLOSE ALL")
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := gs.QueryContext(t1, "FETCH ALL FROM c"); err == nil {
		t.Error("database/sql: FETCH of tenant 2's cursor passed in tenant 1's request")
	}
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	r, err := gs.QueryContext(t2, "FETCH ALL FROM c")
	if err != nil {
		t.Fatalf("database/sql: FETCH in tenant 2's request: %v", err)
	}
	r.Close()
	//tenantvet:ignore the guard decides FETCH and MOVE by the cursor's tenant, which this test checks
	if _, err := g.DB(e.db).QueryContext(t2, "FETCH ALL FROM c"); err == nil {
		t.Error("FETCH through a *sql.DB passed")
	}
}

package guard_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

func ExampleGuard_Check() {
	tq, _ := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	g := guard.New(tq)
	ctx := tenantq.WithTenant(context.Background(), 42)

	fmt.Println(g.Check(ctx, "SELECT * FROM deals WHERE tenant_id = $1 AND id = $2", 42, 7))
	fmt.Println(g.Check(ctx, "SELECT * FROM deals WHERE tenant_id = $1 AND id = $2", 41, 7))
	fmt.Println(g.Check(ctx, "SELECT * FROM deals WHERE id = $1", 7))
	err := g.Check(context.Background(), "SELECT * FROM deals WHERE tenant_id = $1", 42)
	fmt.Println(errors.Is(err, guard.ErrNoTenant))
	fmt.Println(g.Check(context.Background(), "SELECT * FROM plans"))
	// Output:
	// <nil>
	// multiple-tenants: a tenant predicate is bound to argument 1 (41), not to the context's tenant (42); pass the context's tenant (tenantq.WithTenant) to every tenant predicate
	// unpinned: table "deals" has no tenant predicate; add "tenant_id = $2" to the WHERE clause
	// true
	// <nil>
}

// Example_sqlc shows the guard under sqlc's generated code: Queries takes any DBTX, and the
// guarded pool is one.
func Example_sqlc() {
	var pool *pgxpool.Pool // pgxpool.New(ctx, url)
	tq, _ := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	g := guard.New(tq)
	db := g.Pgx(pool) // pass it to sqlc's New(db DBTX)

	// In a request handler, with the tenant from the request's authentication:
	ctx := tenantq.WithTenant(context.Background(), int64(42))
	//tenantvet:ignore the example shows the guard refusing what tenantvet also reports
	_, err := db.Exec(ctx, "UPDATE deals SET stage = $1 WHERE id = $2", "won", 7)
	fmt.Println(err)
	// Output:
	// unpinned: table "deals" has no tenant predicate; add "tenant_id = $3" to the WHERE clause
}

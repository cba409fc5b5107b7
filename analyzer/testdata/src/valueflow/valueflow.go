package valueflow

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"
)

// 1. slice mutated by a call before Join
func mutate(s []string) { s[1] = "WHERE 1=1" }

func joinMutated(db *sql.DB) {
	parts := []string{"SELECT * FROM deals", "WHERE tenant_id = $1"}
	mutate(parts)
	db.Query(strings.Join(parts, " ")) // want `bypass`
}

func joinCopy(db *sql.DB, evil []string) {
	parts := []string{"SELECT * FROM deals", "WHERE tenant_id = $1"}
	copy(parts, evil)
	db.Query(strings.Join(parts, " ")) // want `bypass`
}

// 2. Sprintf operand with a String method
type col string

func (c col) String() string { return "id" }

func sprintfStringer(db *sql.DB) {
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE %s = $1", col("tenant_id"))) // want `bypass|unpinned`
}

func sprintfArgsMutated(db *sql.DB) {
	args := []any{"tenant_id"}
	mutateAny(args)
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE %s = $1", args...)) // want `bypass|unpinned`
}

func mutateAny(s []any) { s[0] = "id" }

// 3. string receiver method
type Q string

func (q Q) Run(db *sql.DB) { db.Exec(string(q)) } // want `bypass`

func useQ(db *sql.DB) {
	Q("DELETE FROM deals").Run(db)
}

// 4. package-level closures
var cleanup = func(db *sql.DB) {
	db.Exec("DELETE FROM deals") // want `unpinned`
}

var global *sql.DB

var _, initErr = global.Exec("DELETE FROM notes") // want `unpinned`

// 5. method expressions
func methodExpr(db *sql.DB, tx pgx.Tx, ctx context.Context) {
	(*sql.DB).Query(db, "SELECT * FROM deals") // want `unpinned`
	pgx.Tx.Exec(tx, ctx, "DELETE FROM deals")  // want `unpinned`
}

// 6. embedding
type store struct{ *pgxpool.Pool }

type store2 struct{ store }

func embedded(ctx context.Context, s store, s2 *store2) {
	s.Exec(ctx, "DELETE FROM deals")                    // want `unpinned`
	s2.Query(ctx, "SELECT * FROM deals")                // want `unpinned`
	s2.CopyFrom(ctx, pgx.Identifier{"deals"}, nil, nil) // want `bulk`
}

// 7. user interface embedding pgx.Tx
type myTx interface{ pgx.Tx }

func ifaceEmbed(ctx context.Context, t myTx) {
	t.Exec(ctx, "DELETE FROM deals")                   // want `unpinned`
	t.CopyFrom(ctx, pgx.Identifier{"deals"}, nil, nil) // want `bulk`
	t.Prepare(ctx, "x", "DELETE FROM deals")           // want `unpinned`
}

// 8. gorm Where with interface
func gormIface(db *gorm.DB, cond any, s string) {
	db.Where(cond) // want `bypass`
	var c any = s
	db.Where(c) // want `bypass`
}

// 9. CopyFrom identifier mutated by a call
func mutateID(id pgx.Identifier) { id[0] = "deals" }

func copyMut(ctx context.Context, p *pgxpool.Pool) {
	id := pgx.Identifier{"plans"}
	mutateID(id)
	p.CopyFrom(ctx, id, nil, nil) // want `bulk`
}

func copySchema(ctx context.Context, p *pgxpool.Pool) {
	p.CopyFrom(ctx, pgx.Identifier{"public", "deals"}, nil, nil) // want `bulk`
}

// 10. trailing directive exempts next line
func trailing(db *sql.DB) {
	db.Exec("DELETE FROM notes") //tenantvet:ignore cleanup of notes
	db.Exec("DELETE FROM deals") // want `unpinned`
}

// 11. generics with type param receiver
func genericTx[T pgx.Tx](ctx context.Context, t T) {
	t.Exec(ctx, "DELETE FROM deals")                   // want `unpinned`
	t.CopyFrom(ctx, pgx.Identifier{"deals"}, nil, nil) // want `bulk`
}

// 12. closures / defer / go
func closures(db *sql.DB) {
	f := func() { db.Exec("DELETE FROM deals") } // want `unpinned`
	f()
	defer func() { db.Exec("DELETE FROM deals") }() // want `unpinned`
}

// 13. method value
func methodValue(db *sql.DB) {
	exec := db.Exec
	exec("DELETE FROM deals") // want `unpinned`
}

// 14. range-over-func
func seq(yield func(int) bool) { yield(1) }

func rangeFunc(db *sql.DB) {
	for range seq {
		db.Exec("DELETE FROM deals") // want `unpinned`
	}
}

// 15. shadowed const
const qq = "SELECT * FROM deals WHERE tenant_id = $1"

func shadow(db *sql.DB) {
	const qq = "SELECT * FROM deals"
	db.Query(qq) // want `unpinned`
}

// Package stdsql exercises the database/sql sinks, constant recovery and bypass findings.
package stdsql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/tenantq/tenantq/tenantq"
)

const listDeals = "SELECT * FROM deals WHERE tenant_id = $1"

const leakyDeals = `SELECT * FROM deals WHERE id = $1`

func methods(ctx context.Context, db *sql.DB, tx *sql.Tx, conn *sql.Conn, id int64) {
	db.Exec("DELETE FROM deals WHERE id = $1", id)                                                                 // want `unpinned: table "deals" has no tenant predicate; add "tenant_id = \$2" to the WHERE clause`
	db.Query("SELECT * FROM deals WHERE id = $1", id)                                                              // want `unpinned: table "deals"`
	db.QueryRow("SELECT * FROM deals WHERE id = $1", id)                                                           // want `unpinned: table "deals"`
	db.Prepare("SELECT * FROM deals WHERE id = $1")                                                                // want `unpinned: table "deals"`
	db.ExecContext(ctx, "DELETE FROM deals WHERE id = $1", id)                                                     // want `unpinned: table "deals"`
	db.QueryContext(ctx, "SELECT * FROM deals WHERE id = $1", id)                                                  // want `unpinned: table "deals"`
	db.QueryRowContext(ctx, "SELECT * FROM deals WHERE id = ?", id)                                                // want `unpinned: table "deals"`
	db.PrepareContext(ctx, "SELECT * FROM notes")                                                                  // want `unpinned: table "notes"`
	tx.Exec("UPDATE deals SET stage = 'won' WHERE id = $1", id)                                                    // want `unpinned: table "deals"`
	tx.QueryContext(ctx, "SELECT * FROM notes WHERE id = $1", id)                                                  // want `unpinned: table "notes"`
	conn.ExecContext(ctx, "TRUNCATE deals")                                                                        // want `bulk: TRUNCATE`
	conn.QueryRowContext(ctx, "SELECT * FROM notes n JOIN deals d ON d.id = n.deal_id WHERE n.tenant_id = $1", id) // want `unpinned: table "deals" \(alias d\)`
}

func safe(ctx context.Context, db *sql.DB, tenant, id int64) {
	db.Query(listDeals, tenant)
	db.QueryContext(ctx, "SELECT * FROM deals WHERE tenant_id = $1 AND id = $2", tenant, id)
	db.Exec("CREATE TABLE t (id int)")
	db.QueryRow("SELECT now()")
	db.Query("SELECT * FROM plans")
	db.Exec("INSERT INTO notes (tenant_id, body) VALUES ($1, $2)", tenant, "x")
}

func constants(db *sql.DB, id int64) {
	db.Query(leakyDeals, id) // want `unpinned: table "deals"`
	const local = "SELECT * FROM notes"
	db.Query(local)                                      // want `unpinned: table "notes"`
	db.Query("SELECT * FROM deals "+"WHERE id = $1", id) // want `unpinned: table "deals"`
	db.Query(listDeals+" OR id = $2", 1, id)             // want `unpinned: table "deals"`
}

func branches(db *sql.DB, admin bool, id int64) {
	q := "SELECT * FROM deals WHERE tenant_id = $1"
	if admin {
		q = "SELECT * FROM deals" // want `unpinned: table "deals" has no tenant predicate; .* \(in one of the 2 texts this argument can hold\)`
	}
	db.Query(q, id)

	order := " ORDER BY id"
	if admin {
		order = " ORDER BY name"
	}
	db.Query("SELECT * FROM deals WHERE tenant_id = $1"+order, id)
}

func sprintf(db *sql.DB, table string, id int64) {
	db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = $1", "deals"), id) // want `unpinned: table "deals"`
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 LIMIT %d", 10), id)
	db.Query(fmt.Sprintf("SELECT * FROM %s WHERE tenant_id = $1", table), id) // want `bypass: SQL passed to \(\*sql.DB\).Query is not built by tenantq and is not a constant: tenant scope cannot be verified; build it with tenantq or add //tenantvet:ignore <reason>`
}

func join(db *sql.DB, cond string) {
	db.Query(strings.Join([]string{"SELECT * FROM deals", "WHERE id = $1"}, " ")) // want `unpinned: table "deals"`
	db.Query(strings.Join([]string{"SELECT * FROM deals", "WHERE tenant_id = $1"}, " "))
	db.Query(strings.Join([]string{"SELECT * FROM deals WHERE tenant_id = $1", cond}, " AND ")) // want `bypass: SQL passed to \(\*sql.DB\).Query`
}

func runtime(db *sql.DB, filter string, parts []string) {
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND " + filter) // want `bypass: SQL passed to \(\*sql.DB\).Query`
	q := "SELECT * FROM deals WHERE tenant_id = $1"
	for _, p := range parts {
		q += " AND " + p
	}
	db.Query(q)                           // want `bypass`
	db.Query(strings.ToUpper("select 1")) // want `bypass`
	var b strings.Builder
	b.WriteString("SELECT 1")
	db.Query(b.String()) // want `bypass`
}

func builders(ctx context.Context, db *sql.DB, s tenantq.Scope) {
	query, args, _ := s.Select("*").From("deals").ToSql()
	db.QueryContext(ctx, query, args...)
	q2, args2 := s.Select("*").From("deals").MustSql()
	db.QueryContext(ctx, q2, args2...)
	u, uargs, _ := s.Update("deals").Set("stage", "won").ToSql()
	db.ExecContext(ctx, u, uargs...)

	raw, rargs, _ := sq.Select("*").From("deals").Where(sq.Eq{"id": 1}).ToSql()
	db.QueryContext(ctx, raw, rargs...) // want `bypass: SQL passed to \(\*sql.DB\).QueryContext is not built by tenantq`
	var sz sq.Sqlizer = sq.Select("*").From("deals")
	z, _, _ := sz.ToSql()
	db.Query(z) // want `bypass`
}

func goAndDefer(db *sql.DB) {
	go db.Exec("DELETE FROM notes")    // want `unpinned: table "notes"`
	defer db.Exec("DELETE FROM notes") // want `unpinned: table "notes"`
}

func parseError(db *sql.DB) {
	db.Query("SELEC * FROM deals") // want `parse: `
}

func notSinks(stmt *sql.Stmt, db *sql.DB) {
	stmt.Exec("DELETE FROM deals")
	fmt.Println("SELECT * FROM deals")
	db.Ping()
}

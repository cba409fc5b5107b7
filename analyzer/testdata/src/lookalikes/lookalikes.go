package lookalikes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

// DBTX false positive: shell executor
type Shell interface{ Exec(cmd string) error }

func shell(sh Shell) {
	sh.Exec("ls -la /tmp")
}

type Cache interface {
	Query(key string) (string, bool)
}

func cache(c Cache) {
	c.Query("user:42")
}

// array stored after Join
func arrayLater(db *sql.DB) {
	var arr [2]string
	arr[0] = "SELECT * FROM deals"
	q := strings.Join(arr[:], " ")
	arr[1] = "WHERE tenant_id = $1"
	db.Query(q) // want `unpinned|bypass`
}

// gorm chain under a directive
func chain(db *gorm.DB) {
	//tenantvet:ignore the Table call is on a global table
	db.Table("plans").
		Where("id = 1").          // want `bypass: SQL fragment passed to \(\*gorm.DB\).Where`
		Exec("DELETE FROM deals") // want `unpinned`
}

// multi-line std call: directive on last line
func lastLine(db *sql.DB) {
	db.Exec(
		"DELETE FROM deals", // want `unpinned`
	) /* want `ignore: tenantvet:ignore directive exempts nothing` */ //tenantvet:ignore cleanup: a directive goes on the call's line or above
}

// sqlx.Named
func named(db *sqlx.DB, t int64) {
	q, args, _ := sqlx.In("SELECT * FROM deals WHERE tenant_id = ? AND id IN (?)", t, []int{1})
	db.Query(db.Rebind(q), args...)
}

// Sprintf %v of a named int with String
type kind int

func (k kind) String() string { return "id" }

func sprintfKind(db *sql.DB) {
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_%v = $1", kind(0))) // want `bypass|unpinned`
}

// Sprintf %d width etc
func sprintfMisc(db *sql.DB) {
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 LIMIT %[1]d OFFSET %[1]d", 10))
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 %s")) // want `unpinned`
}

// string conversion from byte slice and rune
func conv(db *sql.DB, b []byte, r rune) {
	db.Query(string(b))                                            // want `bypass`
	db.Query("SELECT * FROM deals WHERE tenant_id = " + string(r)) // want `bypass`
}

// interface value of named DBTX with context in second position
type Weird interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func weird(w Weird) {
	w.QueryContext(context.Background(), "SELECT * FROM deals") // want `unpinned`
}

// many branches: performance
func many(db *sql.DB, a, b, c, d, e, f, g, h bool) {
	q := "SELECT * FROM deals WHERE tenant_id = $1"
	if a {
		q += " AND a"
	}
	if b {
		q += " AND b"
	}
	if c {
		q += " AND c"
	}
	if d {
		q += " AND d"
	}
	if e {
		q += " AND e"
	}
	if f {
		q += " AND f"
	}
	if g {
		q += " AND g"
	}
	if h {
		q += " AND h"
	}
	db.Query(q) // want `bypass`
}

func retry(db *sql.DB, n int) {
	q := "SELECT * FROM deals WHERE tenant_id = $1"
	for i := 0; i < n; i++ {
		if i > 0 {
			q = "SELECT * FROM notes WHERE tenant_id = $1"
		}
		db.Query(q, 1)
	}
}

func prepared(ctx context.Context, c *pgx.Conn) {
	c.Prepare(ctx, "get_deal", "SELECT * FROM deals WHERE tenant_id = $1 AND id = $2")
	c.Exec(ctx, "get_deal", 1, 2)
}

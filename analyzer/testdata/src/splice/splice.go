// Package splice checks SQL with values spliced into constant text: a quoted identifier or a
// number cannot carry a predicate, so the text is checked with a stand-in in the hole; any
// other string may be "x OR true" and is a bypass.
package splice

import (
	"database/sql"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/lib/pq"
)

func identifiers(db *sql.DB, col string, n int) {
	// Every pin is in the constant text: checked like a constant.
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 ORDER BY " + pq.QuoteIdentifier(col))
	db.Query(fmt.Sprintf("SELECT %s FROM deals WHERE tenant_id = $1 LIMIT %d", pq.QuoteIdentifier(col), n))
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 LIMIT " + strconv.Itoa(n))
	db.Query("SELECT * FROM " + pgx.Identifier{"audit", "deals"}.Sanitize() + " WHERE tenant_id = $1")
	// The constant text lacks the pin: reported, not passed as a bypass.
	db.Query("SELECT * FROM deals WHERE id = $1 ORDER BY " + pq.QuoteIdentifier(col)) // want `unpinned: table "deals"`
	// Two number holes are two values, never one tenant.
	db.Query(fmt.Sprintf("SELECT * FROM deals a JOIN notes b ON b.deal_id = a.id WHERE a.tenant_id = %d AND b.tenant_id = %d", n, n+1)) // want `multiple-tenants`
	// A column chosen at run time may be the tenant column: SET of it may move a row.
	db.Exec(fmt.Sprintf("UPDATE deals SET %s = $1 WHERE id = $2 AND tenant_id = $3", pq.QuoteIdentifier(col))) // want `tenant-write: an identifier spliced into the SQL at run time may be the tenant column "tenant_id"`
}

func predicates(db *sql.DB, cond, col string) {
	// A string from anywhere else may hold a predicate.
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND " + cond)                   // want `bypass`
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 ORDER BY %s", col)) // want `bypass`
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 ORDER BY %q", col)) // want `bypass`
}

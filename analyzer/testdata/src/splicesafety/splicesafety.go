// Package splicesafety checks where a quoted identifier or a number spliced into constant SQL
// cannot change what the rules see, and where it can: those texts stay bypass findings.
package splicesafety

import (
	"database/sql"
	"fmt"
	"strconv"

	"github.com/lib/pq"
)

func safe(db *sql.DB, col string, n int) {
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND "+pq.QuoteIdentifier(col)+" = $2", 1, 2)
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND lower("+pq.QuoteIdentifier(col)+") = $2", 1, 2)
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 LIMIT "+strconv.FormatInt(int64(n), 10), 1)
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 LIMIT %d OFFSET %v", n, n*2), 1)
}

func bypass(db *sql.DB, col, table string, n int) {
	// Inside a string literal a quoted identifier can close the literal: "x' OR true --".
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND name = '"+pq.QuoteIdentifier(col)+"'", 1) // want `bypass`
	// A table named at run time: the policy decides about tables by name.
	db.Query("SELECT * FROM "+pq.QuoteIdentifier(table)+" WHERE tenant_id = $1", 1)                                    // want `bypass`
	db.Query("SELECT * FROM deals d, "+pq.QuoteIdentifier(table)+" WHERE d.tenant_id = $1", 1)                         // want `bypass`
	db.Query("SELECT * FROM deals d JOIN "+pq.QuoteIdentifier(table)+" x USING (tenant_id) WHERE d.tenant_id = $1", 1) // want `bypass`
	// A function named at run time runs code tenantvet cannot see.
	db.Query("SELECT "+pq.QuoteIdentifier(col)+"(id) FROM deals WHERE tenant_id = $1", 1) // want `bypass`
	// A negative number after a minus sign starts a comment: "1--5 OR ...".
	db.Query("SELECT * FROM deals WHERE id = 1-"+strconv.Itoa(n)+" AND tenant_id = $1", 1) // want `bypass`
	// Joined to the token before it: "$1" + "5" is "$15".
	db.Query("SELECT * FROM deals WHERE tenant_id = $1"+strconv.Itoa(n), 1) // want `bypass`
	// Not decimal digits: letters, or any character.
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 LIMIT "+strconv.FormatInt(int64(n), 36), 1) // want `bypass`
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 AND name = '%c'", n), 1)        // want `bypass`
	db.Query(fmt.Sprintf("SELECT * FROM deals WHERE tenant_id = $1 LIMIT %x", n), 1)               // want `bypass`
}

// Package splicepos checks where findings on SQL with spliced values point: into the constant
// text before the first hole.
package splicepos

import (
	"database/sql"
	"fmt"

	"github.com/lib/pq"
)

func splicepos(db *sql.DB, col string) {
	db.Query("SELECT * FROM deals WHERE "+pq.QuoteIdentifier(col)+" = $1", 1)         // want `unpinned: table "deals"`
	db.Query(fmt.Sprintf("SELECT * FROM notes ORDER BY %s", pq.QuoteIdentifier(col))) // want `unpinned: table "notes"`
}

// Package golangci is checked by the golangci-lint plugin with settings, not tenantq.yaml:
// tenant column org_id, deals global.
package golangci

import "database/sql"

func queries(db *sql.DB, org int64) {
	db.Query("SELECT * FROM deals")
	db.Query("SELECT * FROM accounts WHERE org_id = $1", org)
	db.Query("SELECT * FROM accounts") // want `unpinned: table "accounts" has no tenant predicate; add "org_id = \$1" to the WHERE clause`
}

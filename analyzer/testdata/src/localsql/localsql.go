// Package localsql checks where findings on SQL held in local variables point: into the
// literal that holds the SQL, once per problem, saying "in one of the N texts" only when some
// of the texts are fine.
package localsql

import "database/sql"

func local(db *sql.DB) {
	q := "SELECT * FROM deals WHERE id = $1" // want `unpinned: table "deals" has no tenant predicate; add "tenant_id = \$2" to the WHERE clause$`
	db.Query(q, 7)
}

func concatenated(db *sql.DB) {
	q := "SELECT * " +
		"FROM notes" // want `unpinned: table "notes"`
	db.Query(q)
}

func bothBranchesLack(db *sql.DB, admin bool) {
	q := "SELECT * FROM deals WHERE id = 1" // want `unpinned: table "deals" has no tenant predicate; add "tenant_id = \$1" to the WHERE clause$`
	if admin {
		q = "SELECT * FROM deals WHERE id = 2" // want `unpinned: table "deals" has no tenant predicate; add "tenant_id = \$1" to the WHERE clause$`
	}
	db.Query(q)
}

// Two calls run the literal: two findings at it, each with its call, which a directive on
// one call does not exempt for the other.
func sharedLiteral(db *sql.DB, n int) {
	q := "DELETE FROM tasks" // want `unpinned: table "tasks"` `unpinned: table "tasks"`
	for i := 0; i < n; i++ {
		db.Exec(q)
		db.Exec(q)
	}
}

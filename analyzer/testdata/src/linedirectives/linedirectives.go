package linedirectives

import "database/sql"

func a(db *sql.DB) {
	//tenantvet:ignore reads plans only
	db.Query("SELECT * FROM notes")
}

func b(db *sql.DB) {
//line linedirectives.go:7
	db.Exec("DELETE FROM deals") // want `unpinned`
}

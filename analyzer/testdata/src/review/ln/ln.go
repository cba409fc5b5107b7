package ln

import "database/sql"

func a(db *sql.DB) {
	//tenantvet:ignore reads plans only
	db.Query("SELECT * FROM notes")
}

func b(db *sql.DB) {
//line ln.go:7
	db.Exec("DELETE FROM deals") // want `unpinned`
}

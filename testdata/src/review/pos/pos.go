package pos

import "database/sql"

func p(db *sql.DB) {
	db.Query(`
SELECT *
 FROM deals`) // want `unpinned: table "deals"`
	db.Query("SELECT * FROM  deals") // want `unpinned: table "deals"`
	db.Query(`SELECT * FROM deals WHERE id = 1`+"") // want `unpinned: table "deals"`
	db.Query(q) // want `unpinned: table "deals"`
	db.Query(q2) // want `unpinned: table "deals"`
}

const q = `SELECT *
FROM deals`

const (
	q1 = "SELECT * FROM deals"
	q2
)

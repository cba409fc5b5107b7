// Package positions checks where findings point: into string literals, across escapes,
// concatenations and raw strings, and at constants' declarations.
package positions

import "database/sql"

const leak = "SELECT * FROM notes"

func positions(db *sql.DB) {
	db.Query("SELECT * FROM deals")           // want `unpinned: table "deals"`
	db.Query("SELECT\t*\nFROM\x20deals")      // want `unpinned: table "deals"`
	db.Query("SELECT '\u00e9', * FROM deals") // want `unpinned: table "deals"`
	db.Query("SELECT * " + "FROM deals")      // want `unpinned: table "deals"`
	db.Query(`SELECT *
	FROM deals`) // want `unpinned: table "deals"`
	db.Query(leak) // want `unpinned: table "notes"`
}

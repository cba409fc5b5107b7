// Package textbudget doubles a constant 40 times: a text beyond sqlcheck.MaxBytes is not built
// (it would need a terabyte), and is reported as SQL that cannot be verified.
package textbudget

import "database/sql"

func f(db *sql.DB) {
	s := "SELECT * FROM deals WHERE 1=1 "
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	s = s + s
	db.Query(s) // want `bypass`
}

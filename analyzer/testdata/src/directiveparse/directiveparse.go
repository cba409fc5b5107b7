// Package directiveparse checks that a tenantvet:ignore directive never exempts a parse
// finding: text that does not parse may hide statements its author never saw.
package directiveparse

import "database/sql"

func queries(db *sql.DB) {
	//tenantvet:ignore admin report across tenants
	db.Query("SELEC * FROM deals")                                 // want `parse: syntax error at or near "SELEC"`
	db.Query("SELECT * FROM deals WHERE id = 1; DELET FROM deals") //tenantvet:ignore admin cleanup // want `parse: syntax error at or near "DELET"`
}

// Package directives exercises //tenantvet:ignore.
package directives

import (
	"context"
	"database/sql"
)

func directives(ctx context.Context, db *sql.DB, filter string) {
	//tenantvet:ignore admin report counts deals across tenants
	db.Query("SELECT count(*) FROM deals")

	db.Query("SELECT count(*) FROM notes") //tenantvet:ignore nightly cleanup job, all tenants

	//tenantvet:ignore filter is built from an allow-list of tenant-scoped predicates
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND " + filter)

	//tenantvet:ignore multi-line statements count from the call's first line
	db.QueryContext(ctx, `
		SELECT *
		FROM deals`)

	/* want `ignore: tenantvet:ignore directive has no reason; say why the SQL may cross tenants: "//tenantvet:ignore <reason>"` */ //tenantvet:ignore
	db.Query("SELECT count(*) FROM deals")                                                                                          // want `unpinned: table "deals"`

	/* want `ignore: tenantvet:ignore directive exempts nothing: no finding on this line or the next; remove it` */ //tenantvet:ignore the query was fixed since
	db.Query("SELECT count(*) FROM deals WHERE tenant_id = $1", 1)

	// tenantvet:ignore a space after the slashes is not a directive
	db.Query("SELECT * FROM notes") // want `unpinned: table "notes"`

	//tenantvet:ignored is another word
	db.Query("SELECT * FROM notes") // want `unpinned: table "notes"`

	/* want `ignore: tenantvet:ignore directive exempts nothing` */ //tenantvet:ignore only the next line

	db.Query("SELECT * FROM notes") // want `unpinned: table "notes"`
}

// Package app calls the wrappers of package db: their facts make the calls checked here.
package app

import (
	"context"
	"database/sql"

	"github.com/tenantq/tenantq/tenantq"

	"wrappers/db"
)

func builtElsewhere(ctx context.Context, sqldb *sql.DB, s tenantq.Scope) {
	q, args, err := db.DealsQuery(s)
	if err != nil {
		return
	}
	sqldb.QueryContext(ctx, q, args...)
}

type deal struct{}

func calls(ctx context.Context, s *db.Store, sqldb *sql.DB, tenant, id int64, filter string) {
	s.Query(ctx, "SELECT * FROM deals WHERE id = $1", id) // want `unpinned: table "deals"`
	s.Query(ctx, "SELECT * FROM deals WHERE tenant_id = $1", tenant)
	s.Exec(ctx, "DELETE FROM notes")                                   // want `unpinned: table "notes"`
	s.Query(ctx, "SELECT * FROM deals WHERE "+filter)                  // want `bypass: SQL passed to \(\*db.Store\).Query is not built by tenantq`
	db.Count(sqldb, "DELETE FROM notes", "SELECT count(*) FROM notes") // want `unpinned: table "notes"`
	db.Count(sqldb, "label only, not SQL", "SELECT count(*) FROM notes WHERE tenant_id = 1")
	db.Either(sqldb, "SELECT * FROM deals", "SELECT 1", true) // want `unpinned: table "deals"`
	db.Either(sqldb, "SELECT 1", "DELETE FROM deals", false)  // want `unpinned: table "deals"`
	var d deal
	db.First(sqldb, "SELECT * FROM deals", &d) // want `unpinned: table "deals"`
	db.First(sqldb, "SELECT * FROM deals WHERE tenant_id = 7", &d)
	db.Loader(sqldb, "DELETE FROM deals")
	db.Safe(sqldb, tenant)
}

// forward is a wrapper of a wrapper from another package.
func forward(ctx context.Context, s *db.Store, q string) error { // want forward:`sink\(2\)`
	return s.Query(ctx, q)
}

func useForward(ctx context.Context, s *db.Store) {
	forward(ctx, s, "SELECT * FROM notes") // want `unpinned: table "notes"`
}

// Package buncase exercises the bun sinks.
package buncase

import (
	"context"

	"github.com/uptrace/bun"
)

func bunCalls(ctx context.Context, db *bun.DB, idb bun.IDB, tenant, id int64, where string) {
	var n int
	db.NewRaw("SELECT count(*) FROM deals").Scan(ctx, &n) // want `unpinned: table "deals"`
	db.NewRaw("SELECT count(*) FROM deals WHERE tenant_id = ?", tenant).Scan(ctx, &n)
	db.Exec("DELETE FROM deals WHERE id = ?", id)       // want `unpinned: table "deals"`
	db.Query("SELECT * FROM deals")                     // want `unpinned: table "deals"`
	db.QueryRow("SELECT * FROM deals WHERE id = ?", id) // want `unpinned: table "deals"`
	db.ExecContext(ctx, "DELETE FROM notes")            // want `unpinned: table "notes"`
	db.QueryContext(ctx, "SELECT * FROM notes WHERE tenant_id = ?", tenant)
	db.QueryContext(ctx, "SELECT * FROM notes WHERE "+where)   // want `bypass: SQL passed to \(\*bun.DB\).QueryContext`
	idb.NewRaw("SELECT * FROM notes").Scan(ctx, &n)            // want `unpinned: table "notes"`
	idb.ExecContext(ctx, "DELETE FROM notes WHERE id = ?", id) // want `unpinned: table "notes"`
}

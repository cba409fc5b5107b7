package typealiases

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
)

type DB = sql.DB
type Tx = pgx.Tx
type Str = string

func aliases(ctx context.Context, db *DB, tx Tx) {
	db.Exec("DELETE FROM deals")      // want `unpinned`
	tx.Exec(ctx, "DELETE FROM deals") // want `unpinned`
	var q Str = "DELETE FROM notes"   // want `unpinned`
	db.Exec(q)
}

type rawer interface{ bun.IDB }

type rawer2 interface {
	NewRaw(query string, args ...any) *bun.RawQuery
}

func bunIface(r rawer, r2 rawer2) {
	r.NewRaw("DELETE FROM deals")  // want `unpinned`
	r2.NewRaw("DELETE FROM deals") // want `unpinned`
}

type wrap struct{ *sqlx.DB }

func sqlxEmbed(w wrap) {
	w.Exec("DELETE FROM deals")       // want `unpinned`
	w.MustExec("DELETE FROM deals")   // want `unpinned`
	w.DB.DB.Exec("DELETE FROM deals") // want `unpinned`
}

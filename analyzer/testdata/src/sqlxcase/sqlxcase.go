// Package sqlxcase exercises the sqlx sinks, methods and package functions.
package sqlxcase

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type deal struct{}

func methods(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx, tenant, id int64) {
	var d deal
	var ds []deal
	db.Queryx("SELECT * FROM deals WHERE id = $1", id)                 // want `unpinned: table "deals"`
	db.QueryRowx("SELECT * FROM deals WHERE id = $1", id)              // want `unpinned: table "deals"`
	db.Select(&ds, "SELECT * FROM deals")                              // want `unpinned: table "deals"`
	db.Get(&d, "SELECT * FROM deals WHERE id = $1", id)                // want `unpinned: table "deals"`
	db.MustExec("DELETE FROM deals WHERE id = $1", id)                 // want `unpinned: table "deals"`
	db.NamedExec("UPDATE deals SET stage = :stage WHERE id = :id", &d) // want `unpinned: table "deals"`
	db.NamedQuery("SELECT * FROM deals WHERE id = :id", &d)            // want `unpinned: table "deals"`
	db.Preparex("SELECT * FROM deals")                                 // want `unpinned: table "deals"`
	db.PrepareNamed("SELECT * FROM deals WHERE id = :id")              // want `unpinned: table "deals"`
	db.SelectContext(ctx, &ds, "SELECT * FROM deals")                  // want `unpinned: table "deals"`
	db.GetContext(ctx, &d, "SELECT * FROM deals WHERE id = $1", id)    // want `unpinned: table "deals"`
	db.QueryxContext(ctx, "SELECT * FROM deals")                       // want `unpinned: table "deals"`
	db.NamedExecContext(ctx, "DELETE FROM deals WHERE id = :id", &d)   // want `unpinned: table "deals"`
	db.Exec("DELETE FROM deals WHERE id = $1", id)                     // want `unpinned: table "deals"`
	db.Select(&ds, "SELECT * FROM deals WHERE tenant_id = $1", tenant)
	db.NamedExec("UPDATE deals SET stage = :stage WHERE tenant_id = :tenant_id AND id = :id", &d)
	db.Select(&ds, db.Rebind("SELECT * FROM deals WHERE id = ?"), id) // want `unpinned: table "deals"`
	db.Select(&ds, db.Rebind("SELECT * FROM deals WHERE tenant_id = ?"), tenant)
	tx.Queryx("SELECT * FROM notes")      // want `unpinned: table "notes"`
	tx.Select(&ds, "SELECT * FROM notes") // want `unpinned: table "notes"`
	tx.Get(&d, "SELECT * FROM notes WHERE tenant_id = $1", tenant)
	tx.MustExec("DELETE FROM notes") // want `unpinned: table "notes"`
	tx.Exec("DELETE FROM notes")     // want `unpinned: table "notes"`
}

func functions(db *sqlx.DB, tenant int64, ids []int64) {
	var ds []deal
	sqlx.Select(db, &ds, "SELECT * FROM deals") // want `unpinned: table "deals"`
	sqlx.Get(db, &ds, "SELECT * FROM deals WHERE tenant_id = $1", tenant)
	sqlx.MustExec(db, "DELETE FROM deals")                            // want `unpinned: table "deals"`
	sqlx.NamedExec(db, "DELETE FROM deals WHERE id = :id", &ds)       // want `unpinned: table "deals"`
	q, args, _ := sqlx.In("SELECT * FROM deals WHERE id IN (?)", ids) // want `unpinned: table "deals"`
	sqlx.Select(db, &ds, sqlx.Rebind(sqlx.DOLLAR, q), args...)
	q2, args2, _ := sqlx.In("SELECT * FROM deals WHERE tenant_id = ? AND id IN (?)", tenant, ids)
	sqlx.Select(db, &ds, db.Rebind(q2), args2...)
}

// Package runners exercises the entry points of the claimed libraries that run a statement
// the library builds, or SQL handed to it by another door: each must be checked or reported.
package runners

import (
	"context"
	"database/sql"
	"database/sql/driver"

	sq "github.com/Masterminds/squirrel"
	pgxv4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jmoiron/sqlx"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

type Deal struct{}

// squirrel runs what its builders render after RunWith, and through the *With functions.
func squirrelRunners(ctx context.Context, db *sql.DB, scope tenantq.Scope, id int64) {
	q := sq.Select("*").From("deals").Where(sq.Eq{"id": id})
	q.RunWith(db).Query()                                               // want `bypass: \(squirrel.SelectBuilder\).Query runs a statement that squirrel builds`
	q.RunWith(db).QueryRow()                                            // want `bypass: \(squirrel.SelectBuilder\).QueryRow runs a statement that squirrel builds`
	q.RunWith(db).Scan(&id)                                             // want `bypass: \(squirrel.SelectBuilder\).Scan runs`
	q.RunWith(db).QueryContext(ctx)                                     // want `bypass: \(squirrel.SelectBuilder\).QueryContext runs`
	sq.Update("deals").Set("stage", "won").RunWith(db).Exec()           // want `bypass: \(squirrel.UpdateBuilder\).Exec runs`
	sq.Update("deals").Set("stage", "won").RunWith(db).ExecContext(ctx) // want `bypass: \(squirrel.UpdateBuilder\).ExecContext runs`
	sq.ExecWith(db, sq.Update("deals").Set("stage", "won"))             // want `bypass: squirrel.ExecWith runs a statement that squirrel builds`
	sq.QueryWith(db, q)                                                 // want `bypass: squirrel.QueryWith runs`
	sq.QueryRowWith(nil, q)                                             // want `bypass: squirrel.QueryRowWith runs`
	sq.ExecContextWith(ctx, db, q)                                      // want `bypass: squirrel.ExecContextWith runs`
	// A tenantq builder verifies what it renders, whoever runs it.
	sq.QueryWith(db, scope.Select("*").From("deals"))
	// The runner interfaces take SQL text.
	var runner sq.BaseRunner = db
	runner.Exec("DELETE FROM deals") // want `unpinned: table "deals"`
}

// gorm runs what it builds at its finishers; a Raw statement is checked where it is written.
func gormFinishers(db *gorm.DB, tenant int64) {
	var ds []Deal
	var n int64
	db.Model(&Deal{}).Find(&ds)                               // want `bypass: \(\*gorm.DB\).Find runs a statement that gorm builds`
	db.First(&ds, 7)                                          // want `bypass: \(\*gorm.DB\).First runs`
	db.Model(&Deal{}).Count(&n)                               // want `bypass: \(\*gorm.DB\).Count runs`
	db.Model(&Deal{}).Updates(map[string]any{"stage": "won"}) // want `bypass: \(\*gorm.DB\).Updates runs`
	db.Delete(&Deal{}, 7)                                     // want `bypass: \(\*gorm.DB\).Delete runs`
	db.Create(&Deal{})                                        // want `bypass: \(\*gorm.DB\).Create runs`
	db.Model(&Deal{}).Pluck("name", &ds)                      // want `bypass: \(\*gorm.DB\).Pluck runs`
	db.InnerJoins("JOIN notes ON true").Find(&ds)             // want `bypass: SQL fragment passed to \(\*gorm.DB\).InnerJoins` `bypass: \(\*gorm.DB\).Find runs`
	db.Raw("SELECT * FROM deals WHERE tenant_id = ?", tenant).Scan(&ds)
	db.Session(&gorm.Session{}).Raw("SELECT * FROM deals WHERE tenant_id = ?", tenant).Scan(&ds)
	db.Raw("SELECT * FROM deals").Scan(&ds) // want `unpinned: table "deals"`
}

// bun runs what its query builders build at Scan, Exec, Count, Exists and Rows.
func bunQueries(ctx context.Context, db *bun.DB, tenant int64) {
	var ds []Deal
	db.NewSelect().Model(&ds).Scan(ctx)                                    // want `bypass: \(\*bun.SelectQuery\).Scan runs a statement that bun builds`
	db.NewSelect().Model(&ds).Where("tenant_id = ?", tenant).Scan(ctx)     // want `bypass: SQL fragment passed to \(\*bun.SelectQuery\).Where is composed into a statement by bun` `bypass: \(\*bun.SelectQuery\).Scan runs`
	db.NewSelect().Model(&ds).WhereOr("id = 1").Count(ctx)                 // want `bypass: SQL fragment passed to \(\*bun.SelectQuery\).WhereOr` `bypass: \(\*bun.SelectQuery\).Count runs`
	db.NewSelect().Model(&ds).Join("JOIN notes ON true").Exists(ctx)       // want `bypass: SQL fragment passed to \(\*bun.SelectQuery\).Join` `bypass: \(\*bun.SelectQuery\).Exists runs`
	db.NewSelect().Model(&ds).ColumnExpr("count(*)").Rows(ctx)             // want `bypass: \(\*bun.SelectQuery\).Rows runs`
	db.NewUpdate().Model(&Deal{}).Set("stage = 'won'").WherePK().Exec(ctx) // want `bypass: \(\*bun.UpdateQuery\).Exec runs`
	db.NewTruncateTable().Model(&Deal{}).Exec(ctx)                         // want `bypass: \(\*bun.TruncateTableQuery\).Exec runs`
	var n int
	db.NewRaw("SELECT count(*) FROM deals WHERE tenant_id = ?", tenant).Scan(ctx, &n)
}

// sqlx.LoadFile runs every statement of a file.
func sqlxLoadFile(db *sqlx.DB) {
	sqlx.LoadFile(db, "schema.sql") // want `bypass: sqlx.LoadFile runs a statement that sqlx builds`
}

// pgx v4's QueryFunc takes SQL text.
func pgxQueryFunc(ctx context.Context, c *pgxv4.Conn) {
	c.QueryFunc(ctx, "SELECT * FROM deals", nil, nil, nil) // want `unpinned: table "deals"`
}

// A function given the driver's connection by (*sql.Conn).Raw runs SQL through the
// database/sql/driver interfaces.
func driverConn(ctx context.Context, c *sql.Conn) {
	c.Raw(func(dc any) error {
		_, err := dc.(driver.ExecerContext).ExecContext(ctx, "DELETE FROM deals", nil) // want `unpinned: table "deals"`
		return err
	})
}

// SQL stored in the fields a driver runs as they are: a batch's queued query, and the protocol
// messages of pgproto3.
func sqlFields(b *pgx.Batch, where string) {
	b.QueuedQueries = append(b.QueuedQueries, &pgx.QueuedQuery{SQL: "DELETE FROM deals"}) // want `unpinned: table "deals" has no tenant predicate.*\(SQL stored in pgx.QueuedQuery.SQL\)`
	b.QueuedQueries = append(b.QueuedQueries, &pgx.QueuedQuery{SQL: "DELETE FROM deals WHERE tenant_id = $1", Arguments: []any{1}})
	q := &pgx.QueuedQuery{}
	q.SQL = "SELECT * FROM notes WHERE " + where                    // want `bypass: SQL stored in pgx.QueuedQuery.SQL is not built by tenantq`
	_ = pgproto3.Query{String: "SELECT * FROM deals"}               // want `unpinned: table "deals".*pgproto3.Query.String`
	_ = &pgproto3.Parse{Name: "s", Query: "UPDATE deals SET x = 1"} // want `unpinned: table "deals".*pgproto3.Parse.Query`
}

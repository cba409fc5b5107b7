// Package pgxcase exercises the pgx v5 and pgxpool sinks.
package pgxcase

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tenantq/tenantq/tenantq"
)

func conn(ctx context.Context, c *pgx.Conn, tenant, id int64) {
	c.Exec(ctx, "DELETE FROM deals WHERE id = $1", id)              // want `unpinned: table "deals"`
	c.Query(ctx, "SELECT * FROM deals WHERE id = $1", id)           // want `unpinned: table "deals"`
	c.QueryRow(ctx, "SELECT * FROM deals WHERE id = $1", id)        // want `unpinned: table "deals"`
	c.Prepare(ctx, "get_deal", "SELECT * FROM deals WHERE id = $1") // want `unpinned: table "deals"`
	c.Prepare(ctx, "get_deal", "SELECT * FROM deals WHERE tenant_id = $1 AND id = $2")
	c.Query(ctx, "SELECT * FROM deals WHERE tenant_id = $1", tenant)
	c.Exec(ctx, "UPDATE deals SET tenant_id = $2 WHERE tenant_id = $1", tenant, 7)                                                        // want `tenant-write: `
	c.Exec(ctx, "INSERT INTO deals (name) VALUES ($1)", "x")                                                                              // want `insert-tenant: `
	c.Exec(ctx, "INSERT INTO deals (tenant_id, name) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = excluded.name", tenant, "x") // want `upsert-conflict: `
	c.Query(ctx, "SELECT * FROM deals WHERE tenant_id = $1 OR id = $2", tenant, id)                                                       // want `unpinned: table "deals"`
	c.Query(ctx, "SELECT * FROM deals WHERE tenant_id = $1 AND tenant_id = $2", tenant, id)                                               // want `multiple-tenants: `
	c.Exec(ctx, "CALL recalc($1)", tenant)                                                                                                // want `unverifiable: `
}

func tx(ctx context.Context, t pgx.Tx, id int64) {
	t.Exec(ctx, "DELETE FROM notes WHERE id = $1", id)       // want `unpinned: table "notes"`
	t.Query(ctx, "SELECT * FROM notes WHERE id = $1", id)    // want `unpinned: table "notes"`
	t.QueryRow(ctx, "SELECT * FROM notes WHERE id = $1", id) // want `unpinned: table "notes"`
	t.Prepare(ctx, "n", "SELECT * FROM notes")               // want `unpinned: table "notes"`
	t.QueryRow(ctx, "SELECT * FROM notes WHERE tenant_id = $1", id)
}

func batch(b *pgx.Batch, tenant int64, where string) {
	b.Queue("UPDATE deals SET stage = 'won' WHERE id = $1", 1) // want `unpinned: table "deals"`
	b.Queue("UPDATE deals SET stage = 'won' WHERE tenant_id = $1", tenant)
	b.Queue("UPDATE deals SET stage = 'won' WHERE " + where) // want `bypass: SQL passed to \(\*pgx.Batch\).Queue is not built by tenantq`
}

func pool(ctx context.Context, p *pgxpool.Pool, pc *pgxpool.Conn, ptx *pgxpool.Tx, s tenantq.Scope, id int64, filter string) {
	p.Exec(ctx, "DELETE FROM deals WHERE id = $1", id)       // want `unpinned: table "deals"`
	p.Query(ctx, "SELECT * FROM deals WHERE id = $1", id)    // want `unpinned: table "deals"`
	p.QueryRow(ctx, "SELECT * FROM deals WHERE id = $1", id) // want `unpinned: table "deals"`
	p.Query(ctx, "SELECT * FROM deals WHERE "+filter)        // want `bypass: SQL passed to \(\*pgxpool.Pool\).Query is not built by tenantq and is not a constant: tenant scope cannot be verified; build it with tenantq or add //tenantvet:ignore <reason>`
	pc.Exec(ctx, "DELETE FROM deals WHERE id = $1", id)      // want `unpinned: table "deals"`
	pc.Query(ctx, "SELECT * FROM deals", id)                 // want `unpinned: table "deals"`
	pc.QueryRow(ctx, "SELECT * FROM deals", id)              // want `unpinned: table "deals"`
	ptx.Exec(ctx, "DELETE FROM deals WHERE id = $1", id)     // want `unpinned: table "deals"`
	ptx.Query(ctx, "SELECT * FROM deals", id)                // want `unpinned: table "deals"`
	ptx.QueryRow(ctx, "SELECT * FROM deals", id)             // want `unpinned: table "deals"`
	ptx.Prepare(ctx, "x", "SELECT * FROM deals")             // want `unpinned: table "deals"`
	sql, args, _ := s.Select("*").From("deals").ToSql()
	p.Query(ctx, sql, args...)
	ptx.Exec(ctx, sql, args...)
}

func copyFrom(ctx context.Context, c *pgx.Conn, t pgx.Tx, p *pgxpool.Pool, name string) {
	rows := pgx.CopyFromRows(nil)
	c.CopyFrom(ctx, pgx.Identifier{"deals"}, []string{"tenant_id", "name"}, rows)           // want `bulk: CopyFrom copies rows into tenant table "deals" without a check of their "tenant_id" \(through \(\*pgx.Conn\).CopyFrom\)`
	t.CopyFrom(ctx, pgx.Identifier{"public", "notes"}, []string{"tenant_id", "body"}, rows) // want `bulk: CopyFrom copies rows into tenant table "public.notes" .* \(through \(pgx.Tx\).CopyFrom\)`
	p.CopyFrom(ctx, pgx.Identifier{"plans"}, []string{"id", "name"}, rows)
	p.CopyFrom(ctx, pgx.Identifier{name}, []string{"id"}, rows) // want `bulk: CopyFrom copies rows into a table that cannot be named, which may be a tenant table \(through \(\*pgxpool.Pool\).CopyFrom\)`
}

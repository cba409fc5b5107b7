// Package db holds wrappers: functions that pass their SQL parameter to a sink. Each is a
// sink itself, exported as a fact, and its own body is not reported.
package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tenantq/tenantq/tenantq"
)

type Store struct {
	pool *pgxpool.Pool
	db   *sql.DB
}

// Query forwards its SQL to pgxpool.
func (s *Store) Query(ctx context.Context, sql string, args ...any) error { // want Query:`sink\(1\)`
	_, err := s.pool.Query(ctx, sql, args...)
	return err
}

// Exec forwards through another wrapper of this package.
func (s *Store) Exec(ctx context.Context, query string, args ...any) error { // want Exec:`sink\(1\)`
	return s.exec(ctx, query, args...)
}

func (s *Store) exec(ctx context.Context, query string, args ...any) error { // want exec:`sink\(1\)`
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}

// Count takes the SQL second, after a label.
func Count(db *sql.DB, label, query string) int { // want Count:`sink\(2\)`
	var n int
	db.QueryRow(query).Scan(&n)
	fmt.Println(label, n)
	return n
}

// Either passes one of two parameters, depending on a flag.
func Either(db *sql.DB, primary, fallback string, usePrimary bool) { // want Either:`sink\(1,2\)`
	q := fallback
	if usePrimary {
		q = primary
	}
	db.Exec(q)
}

// Generic wrappers carry the fact on their origin.
func First[T any](db *sql.DB, query string, dest *T) error { // want First:`sink\(1\)`
	return db.QueryRow(query).Scan(dest)
}

// Filtered builds on its parameter: not a wrapper, and its own SQL cannot be verified.
func Filtered(db *sql.DB, where string) {
	db.Query("SELECT * FROM deals WHERE tenant_id = $1 AND " + where) // want `bypass: SQL passed to \(\*sql.DB\).Query`
}

// Safe runs constant, tenant-safe SQL only.
func Safe(db *sql.DB, tenant int64) {
	db.Query("SELECT * FROM deals WHERE tenant_id = $1", tenant)
}

// Closure passes a captured parameter from a function literal: not a wrapper.
func Closure(db *sql.DB, query string) {
	run := func() {
		db.Exec(query) // want `bypass: SQL passed to \(\*sql.DB\).Exec`
	}
	run()
}

// Loader runs fixture files on purpose: the directive on its sink call makes it no wrapper,
// so its callers are not checked.
func Loader(db *sql.DB, script string) {
	//tenantvet:ignore test fixtures seed every tenant
	db.Exec(script)
}

// DealsQuery returns SQL built by tenantq, or nothing on error: its result is accepted at
// sinks, here and in other packages.
func DealsQuery(s tenantq.Scope) (string, []any, error) { // want DealsQuery:`built\(0\)`
	sql, args, err := s.Select("*").From("deals").ToSql()
	if err != nil {
		return "", nil, err
	}
	return sql, args, nil
}

// viaDealsQuery returns another function's built result.
func viaDealsQuery(s tenantq.Scope) string { // want viaDealsQuery:`built\(0\)`
	q, _, _ := DealsQuery(s)
	return q
}

// NotBuilt returns tenantq's output on one path only.
func NotBuilt(s tenantq.Scope, raw bool) string {
	if raw {
		return "SELECT * FROM deals"
	}
	q, _, _ := s.Select("*").From("deals").ToSql()
	return q
}

func useBuilt(db *sql.DB, s tenantq.Scope) {
	q, args, _ := DealsQuery(s)
	db.Query(q, args...)
	db.Query(viaDealsQuery(s))
	db.Query(NotBuilt(s, false)) // want `bypass: SQL passed to \(\*sql.DB\).Query`
}

// Package bun is a stub of github.com/uptrace/bun for the analyzer's tests.
package bun

import (
	"context"
	"database/sql"
)

type RawQuery struct{}

func (q *RawQuery) Scan(ctx context.Context, dest ...any) error { return nil }

type DB struct{}

func (db *DB) NewRaw(query string, args ...any) *RawQuery         { return nil }
func (db *DB) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }
func (db *DB) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }
func (db *DB) QueryRow(query string, args ...any) *sql.Row        { return nil }
func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return nil, nil
}
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return nil, nil
}

type IDB interface {
	NewRaw(query string, args ...any) *RawQuery
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

package bun

import (
	"context"
	"database/sql"
)

func (db *DB) NewSelect() *SelectQuery               { return nil }
func (db *DB) NewUpdate() *UpdateQuery               { return nil }
func (db *DB) NewTruncateTable() *TruncateTableQuery { return nil }

type SelectQuery struct{}

func (q *SelectQuery) Model(model any) *SelectQuery                              { return q }
func (q *SelectQuery) Where(query string, args ...any) *SelectQuery              { return q }
func (q *SelectQuery) WhereOr(query string, args ...any) *SelectQuery            { return q }
func (q *SelectQuery) Join(join string, args ...any) *SelectQuery                { return q }
func (q *SelectQuery) ColumnExpr(query string, args ...any) *SelectQuery         { return q }
func (q *SelectQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *SelectQuery) Count(ctx context.Context) (int, error)                    { return 0, nil }
func (q *SelectQuery) Exists(ctx context.Context) (bool, error)                  { return false, nil }
func (q *SelectQuery) Rows(ctx context.Context) (*sql.Rows, error)               { return nil, nil }
func (q *SelectQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type UpdateQuery struct{}

func (q *UpdateQuery) Model(model any) *UpdateQuery                              { return q }
func (q *UpdateQuery) Set(query string, args ...any) *UpdateQuery                { return q }
func (q *UpdateQuery) WherePK(cols ...string) *UpdateQuery                       { return q }
func (q *UpdateQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type TruncateTableQuery struct{}

func (q *TruncateTableQuery) Model(model any) *TruncateTableQuery { return q }
func (q *TruncateTableQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return nil, nil
}

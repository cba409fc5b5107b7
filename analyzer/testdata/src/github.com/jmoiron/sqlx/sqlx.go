// Package sqlx is a stub of github.com/jmoiron/sqlx for the analyzer's tests.
package sqlx

import (
	"context"
	"database/sql"
)

type Rows struct{}
type Row struct{}
type Stmt struct{}
type NamedStmt struct{}

type Queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
	Queryx(query string, args ...any) (*Rows, error)
	QueryRowx(query string, args ...any) *Row
}

type Execer interface {
	Exec(query string, args ...any) (sql.Result, error)
}

type Ext interface {
	Queryer
	Execer
}

type DB struct {
	*sql.DB
}

func (db *DB) Queryx(query string, args ...any) (*Rows, error)     { return nil, nil }
func (db *DB) QueryRowx(query string, args ...any) *Row            { return nil }
func (db *DB) Select(dest any, query string, args ...any) error    { return nil }
func (db *DB) Get(dest any, query string, args ...any) error       { return nil }
func (db *DB) MustExec(query string, args ...any) sql.Result       { return nil }
func (db *DB) NamedExec(query string, arg any) (sql.Result, error) { return nil, nil }
func (db *DB) NamedQuery(query string, arg any) (*Rows, error)     { return nil, nil }
func (db *DB) Preparex(query string) (*Stmt, error)                { return nil, nil }
func (db *DB) PrepareNamed(query string) (*NamedStmt, error)       { return nil, nil }
func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	return nil
}
func (db *DB) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	return nil
}
func (db *DB) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error) {
	return nil, nil
}
func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	return nil, nil
}
func (db *DB) Rebind(query string) string { return query }
func (db *DB) Beginx() (*Tx, error)       { return nil, nil }

type Tx struct {
	*sql.Tx
}

func (tx *Tx) Queryx(query string, args ...any) (*Rows, error)  { return nil, nil }
func (tx *Tx) Select(dest any, query string, args ...any) error { return nil }
func (tx *Tx) Get(dest any, query string, args ...any) error    { return nil }
func (tx *Tx) MustExec(query string, args ...any) sql.Result    { return nil }

func Select(q Queryer, dest any, query string, args ...any) error { return nil }
func Get(q Queryer, dest any, query string, args ...any) error    { return nil }
func MustExec(e Execer, query string, args ...any) sql.Result     { return nil }
func NamedExec(e Ext, query string, arg any) (sql.Result, error)  { return nil, nil }
func In(query string, args ...any) (string, []any, error)         { return query, args, nil }
func Rebind(bindType int, query string) string                    { return query }

const DOLLAR = 2

func LoadFile(e Execer, path string) (*sql.Result, error) { return nil, nil }

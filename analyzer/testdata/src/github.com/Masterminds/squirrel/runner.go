package squirrel

import (
	"context"
	"database/sql"
)

type BaseRunner interface {
	Execer
	Queryer
}

type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
}

type QueryRower interface {
	QueryRow(query string, args ...interface{}) RowScanner
}

type RowScanner interface {
	Scan(...interface{}) error
}

type StdSqlCtx interface {
	Query(string, ...interface{}) (*sql.Rows, error)
	QueryRow(string, ...interface{}) *sql.Row
	Exec(string, ...interface{}) (sql.Result, error)
	QueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)
}

func WrapStdSqlCtx(stdSqlCtx StdSqlCtx) interface {
	Exec(string, ...interface{}) (sql.Result, error)
} {
	return nil
}

func ExecWith(db Execer, s Sqlizer) (res sql.Result, err error)                     { return nil, nil }
func QueryWith(db Queryer, s Sqlizer) (rows *sql.Rows, err error)                   { return nil, nil }
func QueryRowWith(db QueryRower, s Sqlizer) RowScanner                              { return nil }
func ExecContextWith(ctx context.Context, db Execer, s Sqlizer) (sql.Result, error) { return nil, nil }

func (b SelectBuilder) RunWith(runner BaseRunner) SelectBuilder                    { return b }
func (b SelectBuilder) Query() (*sql.Rows, error)                                  { return nil, nil }
func (b SelectBuilder) QueryRow() RowScanner                                       { return nil }
func (b SelectBuilder) Scan(dest ...interface{}) error                             { return nil }
func (b SelectBuilder) QueryContext(ctx context.Context) (*sql.Rows, error)        { return nil, nil }
func (b SelectBuilder) ScanContext(ctx context.Context, dest ...interface{}) error { return nil }

type UpdateBuilder struct{}

func Update(table string) UpdateBuilder                                           { return UpdateBuilder{} }
func (b UpdateBuilder) Set(column string, value interface{}) UpdateBuilder        { return b }
func (b UpdateBuilder) Where(pred interface{}, args ...interface{}) UpdateBuilder { return b }
func (b UpdateBuilder) RunWith(runner BaseRunner) UpdateBuilder                   { return b }
func (b UpdateBuilder) Exec() (sql.Result, error)                                 { return nil, nil }
func (b UpdateBuilder) ExecContext(ctx context.Context) (sql.Result, error)       { return nil, nil }
func (b UpdateBuilder) ToSql() (string, []interface{}, error)                     { return "", nil, nil }

// Package pgx is a stub of github.com/jackc/pgx/v4 for the tenantvet analyzer's tests.
package pgx

import "context"

type CommandTag []byte

type QueryFuncRow interface{ RawValues() [][]byte }

type Conn struct{}

func (c *Conn) QueryFunc(ctx context.Context, sql string, args []interface{}, scans []interface{}, f func(QueryFuncRow) error) (CommandTag, error) {
	return nil, nil
}

// Package pgx is a stub of github.com/jackc/pgx/v5 for the tenantvet analyzer's tests: the
// types and method signatures the analyzer matches, and nothing else.
package pgx

import "context"

type CommandTag struct{}

type Rows interface {
	Next() bool
	Close()
}

type Row interface{ Scan(dest ...any) error }

type StatementDescription struct{}

type Identifier []string

type CopyFromSource interface{ Next() bool }

type Conn struct{}

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (CommandTag, error) {
	return CommandTag{}, nil
}
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { return nil, nil }
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row        { return nil }
func (c *Conn) Prepare(ctx context.Context, name, sql string) (*StatementDescription, error) {
	return nil, nil
}
func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	return 0, nil
}
func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults { return nil }
func (c *Conn) Begin(ctx context.Context) (Tx, error)                { return nil, nil }

type Tx interface {
	Exec(ctx context.Context, sql string, arguments ...any) (CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row
	Prepare(ctx context.Context, name, sql string) (*StatementDescription, error)
	CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	Commit(ctx context.Context) error
}

type QueuedQuery struct {
	SQL       string
	Arguments []any
}

type Batch struct{ QueuedQueries []*QueuedQuery }

func (b *Batch) Queue(query string, arguments ...any) *QueuedQuery { return nil }

type BatchResults interface{ Close() error }

func CopyFromRows(rows [][]any) CopyFromSource { return nil }

func (ident Identifier) Sanitize() string { return "" }

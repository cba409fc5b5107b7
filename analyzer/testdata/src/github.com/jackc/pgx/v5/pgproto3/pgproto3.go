// Package pgproto3 is a stub of github.com/jackc/pgx/v5/pgproto3 for the analyzer's tests.
package pgproto3

type Query struct{ String string }

type Parse struct {
	Name          string
	Query         string
	ParameterOIDs []uint32
}

package guard

import (
	"database/sql"

	"github.com/tenantq/tenantq/tenantq/sqlcheck"
)

// byNumber returns the argument of each placeholder by number: args[n-1] for $n and ?, or the
// sql.NamedArg named like a named placeholder (@name, :name, sqlc.arg(name)). A sql.NamedArg
// given for a positional placeholder stands for its value.
func byNumber(params []sqlcheck.Param, args []any) []any {
	if len(params) == 0 {
		return nil
	}
	named := false
	for _, p := range params {
		if p.Name != "" {
			named = true
			break
		}
	}
	if !named {
		out := args
		for i, a := range args {
			if na, ok := a.(sql.NamedArg); ok {
				if &out[0] == &args[0] {
					out = append([]any(nil), args...)
				}
				out[i] = na.Value
			}
		}
		return out
	}
	out := make([]any, len(params))
	for i, p := range params {
		if p.Name == "" {
			if i < len(args) {
				out[i] = args[i]
			}
			continue
		}
		for _, a := range args {
			if na, ok := a.(sql.NamedArg); ok && na.Name == p.Name {
				out[i] = na.Value
			}
		}
	}
	return out
}

// sqlNamed is sql.Named: pgx's named arguments are matched like database/sql's.
func sqlNamed(name string, v any) sql.NamedArg { return sql.Named(name, v) }

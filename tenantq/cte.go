package tenantq

import (
	sq "github.com/Masterminds/squirrel"
)

// A cte is one common table expression: name AS (q).
type cte struct {
	name      string
	q         sq.Sqlizer
	recursive bool
}

// statementAround puts the prefixes and the WITH clause before a rendered statement, in that
// order: "EXPLAIN WITH x AS (...) SELECT ...". ctes are the names in scope, the statement's own
// included, for rendering the CTE bodies.
func statementAround(prefixes []sq.Sqlizer, with []cte, ctes cteNames, sql string, args []any) (string, []any, error) {
	if len(prefixes) == 0 && len(with) == 0 {
		return sql, args, nil
	}
	w := &sqlWriter{ctes: ctes}
	if len(prefixes) > 0 {
		w.parts(prefixes, " ")
		w.str(" ")
	}
	if len(with) > 0 {
		w.str("WITH ")
		for _, c := range with {
			if c.recursive {
				w.str("RECURSIVE ")
				break
			}
		}
		for i, c := range with {
			if i > 0 {
				w.str(", ")
			}
			w.part(c.q, c.name+" AS (", ")")
		}
		w.str(" ")
	}
	if w.err != nil {
		return "", nil, w.err
	}
	w.expr(sql, args)
	return w.buf.String(), w.args, nil
}

package tenantq

import (
	"strings"

	sq "github.com/Masterminds/squirrel"
)

// A cte is one common table expression: name AS (q).
type cte struct {
	name      string
	q         sq.Sqlizer
	recursive bool
}

// withPrefix puts a WITH clause before a rendered statement.
func withPrefix(ctes []cte, sql string, args []any) (string, []any, error) {
	if len(ctes) == 0 {
		return sql, args, nil
	}
	var b strings.Builder
	var all []any
	b.WriteString("WITH ")
	for _, c := range ctes {
		if c.recursive {
			b.WriteString("RECURSIVE ")
			break
		}
	}
	for i, c := range ctes {
		if i > 0 {
			b.WriteString(", ")
		}
		cs, ca, err := c.q.ToSql()
		if err != nil {
			return "", nil, err
		}
		b.WriteString(c.name)
		b.WriteString(" AS (")
		b.WriteString(cs)
		b.WriteString(")")
		all = append(all, ca...)
	}
	b.WriteString(" ")
	b.WriteString(sql)
	return b.String(), append(all, args...), nil
}

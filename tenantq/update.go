package tenantq

import (
	"context"
	"fmt"
	"slices"

	sq "github.com/Masterminds/squirrel"
)

// UpdateBuilder builds an UPDATE whose target (and FROM table) is pinned to the scope's tenant.
// Its methods mirror [sq.UpdateBuilder]'s; each returns a new builder.
//
// Like [SelectBuilder], it keeps its parts and renders the statement itself, with squirrel's
// expressions rendering themselves: it reaches into no squirrel internals.
type UpdateBuilder struct {
	s        Scope
	text     string // the table as passed to Update
	table    tableRef
	ok       bool
	sets     []setClause
	from     *fromPart
	where    []sq.Sqlizer
	suffixes []sq.Sqlizer
	with     []cte
	prefixes []sq.Sqlizer
	err      error // the first error of a method, returned by ToSql
}

// setClause is one column = value of SET.
type setClause struct {
	column string
	value  any
}

// Update starts an UPDATE of a table ("deals" or "deals d").
func (s Scope) Update(table string) UpdateBuilder {
	t, ok := parseTableRef(table)
	return UpdateBuilder{s: s, text: table, table: t, ok: ok}
}

// Prefix adds an expression to the start of the statement.
func (b UpdateBuilder) Prefix(sql string, args ...any) UpdateBuilder {
	b.prefixes = append(slices.Clip(b.prefixes), sq.Expr(sql, args...))
	return b
}

// Set adds SET column = value; value may be a Sqlizer (a tenantq subquery is verified as part of
// this statement, and its placeholders numbered once with the rest).
func (b UpdateBuilder) Set(column string, value any) UpdateBuilder {
	b.sets = append(slices.Clip(b.sets), setClause{column, subquery(value)})
	return b
}

// SetMap adds SET clauses from a map, in key order.
func (b UpdateBuilder) SetMap(clauses map[string]any) UpdateBuilder {
	keys := make([]string, 0, len(clauses))
	for k := range clauses {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b = b.Set(k, clauses[k])
	}
	return b
}

// From adds UPDATE ... FROM a table, which is pinned like the target.
func (b UpdateBuilder) From(from string) UpdateBuilder {
	t, ok := parseTableRef(from)
	b.from = &fromPart{table: t, ok: ok, text: from}
	return b
}

// FromSelect adds UPDATE ... FROM (subquery) AS alias.
func (b UpdateBuilder) FromSelect(from sq.Sqlizer, alias string) UpdateBuilder {
	b.from = &fromPart{sub: sqlizer(from), alias: alias}
	return b
}

// Where adds a predicate, as [SelectBuilder.Where] does.
func (b UpdateBuilder) Where(pred any, args ...any) UpdateBuilder {
	b.where, b.err = addPred(slices.Clip(b.where), b.err, pred, args)
	return b
}

// Suffix adds an expression to the end: "RETURNING id, stage".
func (b UpdateBuilder) Suffix(sql string, args ...any) UpdateBuilder {
	b.suffixes = append(slices.Clip(b.suffixes), sq.Expr(sql, args...))
	return b
}

// With adds a common table expression: WITH name AS (q).
func (b UpdateBuilder) With(name string, q sq.Sqlizer) UpdateBuilder {
	b.with = append(slices.Clip(b.with), cte{name: name, q: sqlizer(q)})
	return b
}

// ToSql renders the statement, verifies it and returns it with its arguments, or a
// [*ViolationError] when it is not tenant-safe.
func (b UpdateBuilder) ToSql() (string, []any, error) { return b.toSql(context.Background()) }

func (b UpdateBuilder) toSql(ctx context.Context) (string, []any, error) {
	return b.s.finishRaw(ctx, b)
}

// MustSql is like ToSql but panics on error.
func (b UpdateBuilder) MustSql() (string, []any) { return must(b.ToSql()) }

func (b UpdateBuilder) toSqlRaw(outer cteNames) (string, []any, error) {
	if b.s.t == nil {
		return "", nil, fmt.Errorf("tenantq: UpdateBuilder was not made by a Scope")
	}
	switch {
	case b.err != nil:
		return "", nil, b.err
	case b.text == "":
		return "", nil, fmt.Errorf("update statements must specify a table")
	case len(b.sets) == 0:
		return "", nil, fmt.Errorf("update statements must have at least one Set clause")
	}
	where := b.where
	if pin := b.s.pinFor(b.table.name, b.table.ref); b.ok && pin != nil {
		where = append(slices.Clip(where), pin)
	}
	w := &sqlWriter{ctes: outer.with(b.with)}
	w.str("UPDATE " + b.text + " SET ")
	for i, c := range b.sets {
		if i > 0 {
			w.str(", ")
		}
		if v, ok := c.value.(sq.Sqlizer); ok {
			open, close := "", ""
			if _, ok := v.(sq.SelectBuilder); ok {
				open, close = "(", ")" // as squirrel writes a SelectBuilder value
			}
			w.part(v, c.column+" = "+open, close)
		} else {
			w.expr(c.column+" = ?", []any{c.value})
		}
	}
	if f := b.from; f != nil {
		if f.sub != nil {
			w.part(sq.Alias(f.sub, f.alias), " FROM ", "")
		} else {
			w.str(" FROM " + f.text)
			if pin := b.s.pinFor(f.table.name, f.table.ref); f.ok && pin != nil {
				where = append(slices.Clip(where), pin)
			}
		}
	}
	sql, args, err := w.tail(where, b.suffixes)
	if err != nil {
		return "", nil, err
	}
	return statementAround(b.prefixes, b.with, outer.with(b.with), sql, args)
}

// PrefixExpr adds an expression to the start of the statement.
func (b UpdateBuilder) PrefixExpr(e sq.Sqlizer) UpdateBuilder {
	b.prefixes = append(slices.Clip(b.prefixes), sqlizer(e))
	return b
}

// SuffixExpr adds an expression to the end of the statement.
func (b UpdateBuilder) SuffixExpr(e sq.Sqlizer) UpdateBuilder {
	b.suffixes = append(slices.Clip(b.suffixes), sqlizer(e))
	return b
}

package tenantq

import (
	"context"
	"fmt"
	"slices"

	sq "github.com/Masterminds/squirrel"
)

// DeleteBuilder builds a DELETE whose target is pinned to the scope's tenant. Its methods
// mirror [sq.DeleteBuilder]'s; each returns a new builder.
//
// Like [SelectBuilder], it keeps its parts and renders the statement itself.
type DeleteBuilder struct {
	s        Scope
	text     string // the table as passed to Delete
	table    tableRef
	ok       bool
	where    []sq.Sqlizer
	suffixes []sq.Sqlizer
	with     []cte
	prefixes []sq.Sqlizer
	err      error // the first error of a method, returned by ToSql
}

// Delete starts a DELETE FROM a table ("notes" or "notes n").
func (s Scope) Delete(from string) DeleteBuilder {
	t, ok := parseTableRef(from)
	return DeleteBuilder{s: s, text: from, table: t, ok: ok}
}

// Prefix adds an expression to the start of the statement.
func (b DeleteBuilder) Prefix(sql string, args ...any) DeleteBuilder {
	b.prefixes = append(slices.Clip(b.prefixes), sq.Expr(sql, args...))
	return b
}

// Where adds a predicate, as [SelectBuilder.Where] does.
func (b DeleteBuilder) Where(pred any, args ...any) DeleteBuilder {
	b.where, b.err = addPred(slices.Clip(b.where), b.err, pred, args)
	return b
}

// Suffix adds an expression to the end: "RETURNING id".
func (b DeleteBuilder) Suffix(sql string, args ...any) DeleteBuilder {
	b.suffixes = append(slices.Clip(b.suffixes), sq.Expr(sql, args...))
	return b
}

// With adds a common table expression: WITH name AS (q).
func (b DeleteBuilder) With(name string, q sq.Sqlizer) DeleteBuilder {
	b.with = append(slices.Clip(b.with), cte{name: name, q: sqlizer(q)})
	return b
}

// ToSql renders the statement, verifies it and returns it with its arguments, or a
// [*ViolationError] when it is not tenant-safe.
func (b DeleteBuilder) ToSql() (string, []any, error) { return b.toSql(context.Background()) }

func (b DeleteBuilder) toSql(ctx context.Context) (string, []any, error) {
	return b.s.finishRaw(ctx, b)
}

// MustSql is like ToSql but panics on error.
func (b DeleteBuilder) MustSql() (string, []any) { return must(b.ToSql()) }

func (b DeleteBuilder) toSqlRaw(outer cteNames) (string, []any, error) {
	if b.s.t == nil {
		return "", nil, fmt.Errorf("tenantq: DeleteBuilder was not made by a Scope")
	}
	switch {
	case b.err != nil:
		return "", nil, b.err
	case b.text == "":
		return "", nil, fmt.Errorf("delete statements must specify a From table")
	}
	where := b.where
	if pin := b.s.pinFor(b.table.name, b.table.ref); b.ok && pin != nil {
		where = append(slices.Clip(where), pin)
	}
	w := &sqlWriter{ctes: outer.with(b.with)}
	w.str("DELETE FROM " + b.text)
	sql, args, err := w.tail(where, b.suffixes)
	if err != nil {
		return "", nil, err
	}
	return statementAround(b.prefixes, b.with, outer.with(b.with), sql, args)
}

// PrefixExpr adds an expression to the start of the statement.
func (b DeleteBuilder) PrefixExpr(e sq.Sqlizer) DeleteBuilder {
	b.prefixes = append(slices.Clip(b.prefixes), sqlizer(e))
	return b
}

// SuffixExpr adds an expression to the end of the statement.
func (b DeleteBuilder) SuffixExpr(e sq.Sqlizer) DeleteBuilder {
	b.suffixes = append(slices.Clip(b.suffixes), sqlizer(e))
	return b
}

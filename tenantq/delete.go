package tenantq

import (
	"context"
	"fmt"
	"slices"

	sq "github.com/Masterminds/squirrel"
)

// DeleteBuilder builds a DELETE whose target is pinned to the scope's tenant. Its methods
// mirror [sq.DeleteBuilder]'s; each returns a new builder.
type DeleteBuilder struct {
	s        Scope
	b        sq.DeleteBuilder
	table    tableRef
	ok       bool
	with     []cte
	prefixes []sq.Sqlizer
}

// Delete starts a DELETE FROM a table ("notes" or "notes n").
func (s Scope) Delete(from string) DeleteBuilder {
	t, ok := parseTableRef(from)
	return DeleteBuilder{s: s, b: sq.Delete(from).PlaceholderFormat(sq.Question), table: t, ok: ok}
}

// Prefix adds an expression to the start of the statement.
func (b DeleteBuilder) Prefix(sql string, args ...any) DeleteBuilder {
	b.prefixes = append(slices.Clip(b.prefixes), sq.Expr(sql, args...))
	return b
}

// Where adds a predicate, as [SelectBuilder.Where] does.
func (b DeleteBuilder) Where(pred any, args ...any) DeleteBuilder {
	pred, args = wherePred(pred, args)
	b.b = b.b.Where(pred, args...)
	return b
}

// Suffix adds an expression to the end: "RETURNING id".
func (b DeleteBuilder) Suffix(sql string, args ...any) DeleteBuilder {
	b.b = b.b.Suffix(sql, args...)
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
	q := b.b
	if col := b.s.tenantColumn(b.table.name); b.ok && col != "" {
		q = q.Where(b.s.pin(b.table.ref, col))
	}
	sql, args, err := q.ToSql()
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
	b.b = b.b.SuffixExpr(sqlizer(e))
	return b
}

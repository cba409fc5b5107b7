package tenantq

import (
	"context"
	"fmt"
	"slices"
	"strings"

	sq "github.com/Masterminds/squirrel"
)

// InsertBuilder builds an INSERT that writes the scope's tenant into the tenant column of every
// row. Its methods mirror [sq.InsertBuilder]'s; each returns a new builder.
type InsertBuilder struct {
	s        Scope
	into     tableRef
	intoText string
	ok       bool
	cols     []string
	rows     [][]any
	sel      *SelectBuilder
	prefix   []sq.Sqlizer
	suffix   []sq.Sqlizer
	options  []string
	with     []cte
	err      error
}

// Insert starts an INSERT INTO a table. When the table is tenant-scoped and the column list
// lacks its tenant column, tenantq adds the column and the scope's tenant to every row.
func (s Scope) Insert(into string) InsertBuilder {
	t, ok := parseTableRef(into)
	return InsertBuilder{s: s, into: t, intoText: into, ok: ok}
}

func (b InsertBuilder) clone() InsertBuilder {
	b.cols, b.rows = slices.Clip(b.cols), slices.Clip(b.rows)
	b.prefix, b.suffix = slices.Clip(b.prefix), slices.Clip(b.suffix)
	b.options, b.with = slices.Clip(b.options), slices.Clip(b.with)
	return b
}

// Prefix adds an expression to the start of the statement.
func (b InsertBuilder) Prefix(sql string, args ...any) InsertBuilder {
	b = b.clone()
	b.prefix = append(b.prefix, sq.Expr(sql, args...))
	return b
}

// Options adds keywords after INSERT.
func (b InsertBuilder) Options(options ...string) InsertBuilder {
	b = b.clone()
	b.options = append(b.options, options...)
	return b
}

// Columns adds insert columns.
func (b InsertBuilder) Columns(columns ...string) InsertBuilder {
	b = b.clone()
	b.cols = append(b.cols, columns...)
	return b
}

// Values adds a row of values, one per column; a value may be a Sqlizer (sq.Expr("now()")) or
// a tenantq SelectBuilder (a scalar subquery).
func (b InsertBuilder) Values(values ...any) InsertBuilder {
	b = b.clone()
	b.rows = append(b.rows, slices.Clone(values))
	return b
}

// SetMap sets the columns and one row of values from a map, in key order.
func (b InsertBuilder) SetMap(clauses map[string]any) InsertBuilder {
	keys := make([]string, 0, len(clauses))
	for k := range clauses {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = clauses[k]
	}
	b = b.clone()
	b.cols, b.rows = keys, [][]any{vals}
	return b
}

// Select makes the statement INSERT ... SELECT. When the column list lacks the tenant column,
// tenantq adds it and selects the scope's tenant into it.
func (b InsertBuilder) Select(sb SelectBuilder) InsertBuilder {
	b.sel = &sb
	return b
}

// Suffix adds an expression to the end: "RETURNING id", "ON CONFLICT (tenant_id, email) DO ...".
func (b InsertBuilder) Suffix(sql string, args ...any) InsertBuilder {
	b = b.clone()
	b.suffix = append(b.suffix, sq.Expr(sql, args...))
	return b
}

// With adds a common table expression: WITH name AS (q).
func (b InsertBuilder) With(name string, q sq.Sqlizer) InsertBuilder {
	b = b.clone()
	b.with = append(b.with, cte{name: name, q: sqlizer(q)})
	return b
}

// ToSql renders the statement, verifies it and returns it with its arguments, or a
// [*ViolationError] when it is not tenant-safe.
func (b InsertBuilder) ToSql() (string, []any, error) { return b.toSql(context.Background()) }

func (b InsertBuilder) toSql(ctx context.Context) (string, []any, error) {
	return b.s.finishRaw(ctx, b)
}

// MustSql is like ToSql but panics on error.
func (b InsertBuilder) MustSql() (string, []any) { return must(b.ToSql()) }

func (b InsertBuilder) toSqlRaw(outer cteNames) (string, []any, error) {
	if b.err != nil {
		return "", nil, b.err
	}
	if b.s.t == nil {
		return "", nil, fmt.Errorf("tenantq: InsertBuilder was not made by a Scope")
	}
	ctes := outer.with(b.with)
	cols, rows, sel := b.cols, b.rows, b.sel
	hasTenant := func(col string) bool {
		return slices.ContainsFunc(cols, func(c string) bool { return foldIdent(c) == col })
	}
	if col := b.s.tenantColumn(b.into.name); b.ok && col != "" && !hasTenant(col) {
		cols = append([]string{col}, cols...)
		rows = make([][]any, len(b.rows))
		for i, r := range b.rows {
			rows[i] = append([]any{b.s.tenant}, r...)
		}
		if sel != nil {
			s := sel.withLeadingColumn(sq.Expr("?", b.s.tenant))
			sel = &s
		}
	}
	w := &sqlWriter{ctes: ctes}
	w.str("INSERT ")
	for _, o := range b.options {
		w.str(o + " ")
	}
	w.str("INTO " + b.intoText)
	if len(cols) > 0 {
		w.str(" (" + strings.Join(cols, ",") + ")")
	}
	if sel != nil {
		ss, sa, err := sel.toSqlRaw(ctes)
		if err != nil {
			return "", nil, err
		}
		w.expr(" "+ss, sa)
	} else {
		if len(rows) == 0 {
			return "", nil, fmt.Errorf("tenantq: insert statements must have at least one set of values or select clause")
		}
		w.str(" VALUES ")
		for i, r := range rows {
			if i > 0 {
				w.str(",")
			}
			w.str("(")
			for j, v := range r {
				if j > 0 {
					w.str(",")
				}
				switch x := subquery(v).(type) {
				case sq.Sqlizer:
					w.part(x, "", "")
				default:
					w.expr("?", []any{x})
				}
			}
			w.str(")")
		}
	}
	if len(b.suffix) > 0 {
		w.str(" ")
		w.parts(b.suffix, " ")
	}
	if w.err != nil {
		return "", nil, w.err
	}
	return statementAround(b.prefix, b.with, ctes, w.buf.String(), w.args)
}

// PrefixExpr adds an expression to the start of the statement.
func (b InsertBuilder) PrefixExpr(e sq.Sqlizer) InsertBuilder {
	b = b.clone()
	b.prefix = append(b.prefix, sqlizer(e))
	return b
}

// SuffixExpr adds an expression to the end of the statement.
func (b InsertBuilder) SuffixExpr(e sq.Sqlizer) InsertBuilder {
	b = b.clone()
	b.suffix = append(b.suffix, sqlizer(e))
	return b
}

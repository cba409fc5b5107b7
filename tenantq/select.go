package tenantq

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"
)

// SelectBuilder builds a SELECT whose tenant tables are pinned to the scope's tenant. Its
// methods mirror [sq.SelectBuilder]'s; each returns a new builder.
type SelectBuilder struct {
	s        Scope
	prefixes []sq.Sqlizer
	options  []string
	columns  []sq.Sqlizer
	from     *fromPart
	joins    []joinPart
	where    []sq.Sqlizer
	groupBy  []string
	having   []sq.Sqlizer
	orderBy  []sq.Sqlizer
	limit    string
	offset   string
	suffixes []sq.Sqlizer
	with     []cte
	setop    *setOp // set for Union and UnionAll: the builder is the set operation of two arms
	err      error
}

type fromPart struct {
	table tableRef
	ok    bool       // table is a table reference we understood
	text  string     // as passed to From
	sub   sq.Sqlizer // FromSelect
	alias string
}

type joinPart struct {
	kind string // "JOIN", "LEFT JOIN", ...
	spec joinSpec
	args []any
	pred sq.Sqlizer // JoinClause with a Sqlizer
}

// setOp is left UNION [ALL] right; the enclosing builder adds ORDER BY, LIMIT, OFFSET.
type setOp struct {
	op          string
	left, right SelectBuilder
}

// Select starts a SELECT of the given columns.
func (s Scope) Select(columns ...string) SelectBuilder {
	return SelectBuilder{s: s}.Columns(columns...)
}

// clone returns b with its slices detached, so appending never writes into an array another
// builder shares: builders are immutable values.
func (b SelectBuilder) clone() SelectBuilder {
	b.prefixes, b.options, b.columns = slices.Clip(b.prefixes), slices.Clip(b.options), slices.Clip(b.columns)
	b.joins, b.where, b.groupBy = slices.Clip(b.joins), slices.Clip(b.where), slices.Clip(b.groupBy)
	b.having, b.orderBy, b.suffixes = slices.Clip(b.having), slices.Clip(b.orderBy), slices.Clip(b.suffixes)
	b.with = slices.Clip(b.with)
	return b
}

// armOnly records an error for a method that only makes sense on one arm of a set operation.
func (b SelectBuilder) armOnly(method string) (SelectBuilder, bool) {
	if b.setop == nil {
		return b, false
	}
	if b.err == nil {
		b.err = fmt.Errorf("tenantq: %s after Union applies to no arm: add it to each arm, or select from the union with FromSelect", method)
	}
	return b, true
}

// Prefix adds an expression to the start of the query.
func (b SelectBuilder) Prefix(sql string, args ...any) SelectBuilder {
	b = b.clone()
	b.prefixes = append(b.prefixes, sq.Expr(sql, args...))
	return b
}

// Distinct adds DISTINCT to the query.
func (b SelectBuilder) Distinct() SelectBuilder { return b.Options("DISTINCT") }

// Options adds select options (such as DISTINCT ON (...)) to the query.
func (b SelectBuilder) Options(options ...string) SelectBuilder {
	if b, bad := b.armOnly("Options"); bad {
		return b
	}
	b = b.clone()
	b.options = append(b.options, options...)
	return b
}

// Columns adds result columns to the query.
func (b SelectBuilder) Columns(columns ...string) SelectBuilder {
	if b, bad := b.armOnly("Columns"); bad {
		return b
	}
	b = b.clone()
	for _, c := range columns {
		b.columns = append(b.columns, sq.Expr(c))
	}
	return b
}

// Column adds a result column: a string with args, or a Sqlizer (a tenantq builder for a
// scalar subquery, verified as part of this statement).
func (b SelectBuilder) Column(column any, args ...any) SelectBuilder {
	if b, bad := b.armOnly("Column"); bad {
		return b
	}
	b = b.clone()
	switch c := subquery(column).(type) {
	case string:
		b.columns = append(b.columns, sq.Expr(c, args...))
	case sq.Sqlizer:
		b.columns = append(b.columns, c)
	default:
		b.err = fmt.Errorf("tenantq: Column takes a string or a Sqlizer, not %T", column)
	}
	return b
}

// From sets the FROM clause. A tenant table named here ("contacts", "contacts c",
// "public.contacts AS c") is pinned to the scope's tenant in the WHERE clause.
func (b SelectBuilder) From(from string) SelectBuilder {
	if b, bad := b.armOnly("From"); bad {
		return b
	}
	t, ok := parseTableRef(from)
	b.from = &fromPart{table: t, ok: ok, text: from}
	return b
}

// FromSelect sets the FROM clause to a subquery with an alias. A tenantq subquery pins its own
// tables; a squirrel one is verified as part of this statement.
func (b SelectBuilder) FromSelect(from sq.Sqlizer, alias string) SelectBuilder {
	if b, bad := b.armOnly("FromSelect"); bad {
		return b
	}
	b.from = &fromPart{sub: sqlizer(from), alias: alias}
	return b
}

// JoinClause adds a join clause: a string with args, or a Sqlizer. A string that starts with
// JOIN, INNER JOIN, LEFT [OUTER] JOIN, RIGHT [OUTER] JOIN or CROSS JOIN is pinned like Join;
// anything else is left as written and the checker decides whether its tables are pinned.
func (b SelectBuilder) JoinClause(pred any, args ...any) SelectBuilder {
	if b, bad := b.armOnly("JoinClause"); bad {
		return b
	}
	b = b.clone()
	switch p := pred.(type) {
	case string:
		if kind, rest, ok := splitJoinKind(p); ok {
			return b.join(kind, rest, args)
		}
		b.joins = append(b.joins, joinPart{pred: sq.Expr(p, args...)})
	case sq.Sqlizer:
		b.joins = append(b.joins, joinPart{pred: sqlizer(p)})
	default:
		b.err = fmt.Errorf("tenantq: JoinClause takes a string or a Sqlizer, not %T", pred)
	}
	return b
}

func (b SelectBuilder) join(kind, join string, rest []any) SelectBuilder {
	if b, bad := b.armOnly(kind); bad {
		return b
	}
	b = b.clone()
	b.joins = append(b.joins, joinPart{kind: kind, spec: parseJoin(join), args: rest})
	return b
}

// Join adds a JOIN: "deals d ON d.contact_id = c.id". A tenant table joined this way is pinned
// in the ON clause.
func (b SelectBuilder) Join(join string, rest ...any) SelectBuilder {
	return b.join("JOIN", join, rest)
}

// LeftJoin adds a LEFT JOIN, pinning the joined tenant table in its ON clause.
func (b SelectBuilder) LeftJoin(join string, rest ...any) SelectBuilder {
	return b.join("LEFT JOIN", join, rest)
}

// RightJoin adds a RIGHT JOIN. The joined table is the preserved side, so it is pinned in the
// WHERE clause, and the tables before it are pinned in its ON clause.
func (b SelectBuilder) RightJoin(join string, rest ...any) SelectBuilder {
	return b.join("RIGHT JOIN", join, rest)
}

// InnerJoin adds an INNER JOIN, pinning the joined tenant table in its ON clause.
func (b SelectBuilder) InnerJoin(join string, rest ...any) SelectBuilder {
	return b.join("INNER JOIN", join, rest)
}

// FullJoin adds a FULL JOIN. A full join's condition filters neither side, so each tenant table
// of the statement is read through a pinned subquery instead:
// FROM (SELECT * FROM contacts WHERE tenant_id = $1) c FULL JOIN (SELECT * FROM deals WHERE ...) d.
func (b SelectBuilder) FullJoin(join string, rest ...any) SelectBuilder {
	return b.join("FULL JOIN", join, rest)
}

// CrossJoin adds a CROSS JOIN, pinning the joined tenant table in the WHERE clause.
func (b SelectBuilder) CrossJoin(join string, rest ...any) SelectBuilder {
	return b.join("CROSS JOIN", join, rest)
}

// Where adds a predicate, ANDed with the others: a string with args (parenthesised, so its OR
// cannot escape), a map (as [sq.Eq]), or a Sqlizer such as sq.Eq, sq.Or or sq.Expr.
func (b SelectBuilder) Where(pred any, args ...any) SelectBuilder {
	if b, bad := b.armOnly("Where"); bad {
		return b
	}
	b = b.clone()
	b.where, b.err = addPred(b.where, b.err, pred, args)
	return b
}

// GroupBy adds GROUP BY expressions.
func (b SelectBuilder) GroupBy(groupBys ...string) SelectBuilder {
	if b, bad := b.armOnly("GroupBy"); bad {
		return b
	}
	b = b.clone()
	b.groupBy = append(b.groupBy, groupBys...)
	return b
}

// Having adds a HAVING predicate, like Where.
func (b SelectBuilder) Having(pred any, rest ...any) SelectBuilder {
	if b, bad := b.armOnly("Having"); bad {
		return b
	}
	b = b.clone()
	b.having, b.err = addPred(b.having, b.err, pred, rest)
	return b
}

// OrderByClause adds an ORDER BY clause with args.
func (b SelectBuilder) OrderByClause(pred any, args ...any) SelectBuilder {
	b = b.clone()
	switch p := pred.(type) {
	case string:
		b.orderBy = append(b.orderBy, sq.Expr(p, args...))
	case sq.Sqlizer:
		b.orderBy = append(b.orderBy, sqlizer(p))
	default:
		b.err = fmt.Errorf("tenantq: OrderByClause takes a string or a Sqlizer, not %T", pred)
	}
	return b
}

// OrderBy adds ORDER BY expressions.
func (b SelectBuilder) OrderBy(orderBys ...string) SelectBuilder {
	b = b.clone()
	for _, o := range orderBys {
		b.orderBy = append(b.orderBy, sq.Expr(o))
	}
	return b
}

// Limit sets a LIMIT.
func (b SelectBuilder) Limit(limit uint64) SelectBuilder {
	b.limit = strconv.FormatUint(limit, 10)
	return b
}

// Offset sets an OFFSET.
func (b SelectBuilder) Offset(offset uint64) SelectBuilder {
	b.offset = strconv.FormatUint(offset, 10)
	return b
}

// Suffix adds an expression to the end of the query: "FOR UPDATE", "FOR SHARE SKIP LOCKED".
func (b SelectBuilder) Suffix(sql string, args ...any) SelectBuilder {
	b = b.clone()
	b.suffixes = append(b.suffixes, sq.Expr(sql, args...))
	return b
}

// With adds a common table expression: WITH name AS (q). A tenantq builder pins its own
// tables; anything else is verified as part of this statement.
func (b SelectBuilder) With(name string, q sq.Sqlizer) SelectBuilder {
	b = b.clone()
	b.with = append(b.with, cte{name: name, q: sqlizer(q)})
	return b
}

// WithRecursive adds a recursive common table expression: WITH RECURSIVE name AS (q).
func (b SelectBuilder) WithRecursive(name string, q sq.Sqlizer) SelectBuilder {
	b = b.clone()
	b.with = append(b.with, cte{name: name, q: sqlizer(q), recursive: true})
	return b
}

// Union returns b UNION q, each arm verified with the statement. OrderBy, Limit, Offset and
// Suffix called on the result apply to the whole union; methods that belong to one arm
// (Where, From, Join, ...) are an error there.
func (b SelectBuilder) Union(q SelectBuilder) SelectBuilder { return b.union("UNION", q) }

// UnionAll returns b UNION ALL q, like Union.
func (b SelectBuilder) UnionAll(q SelectBuilder) SelectBuilder { return b.union("UNION ALL", q) }

func (b SelectBuilder) union(op string, q SelectBuilder) SelectBuilder {
	return SelectBuilder{s: b.s, setop: &setOp{op: op, left: b, right: q}}
}

// withLeadingColumn puts c first in the select list of every arm.
func (b SelectBuilder) withLeadingColumn(c sq.Sqlizer) SelectBuilder {
	if b.setop != nil {
		op := *b.setop
		op.left, op.right = op.left.withLeadingColumn(c), op.right.withLeadingColumn(c)
		b.setop = &op
		return b
	}
	b.columns = append([]sq.Sqlizer{c}, b.columns...)
	return b
}

// ToSql renders the statement, verifies it and returns it with its arguments, or a
// [*ViolationError] when it is not tenant-safe.
func (b SelectBuilder) ToSql() (string, []any, error) {
	return b.toSql(context.Background())
}

func (b SelectBuilder) toSql(ctx context.Context) (string, []any, error) {
	return b.s.finishRaw(ctx, b)
}

// MustSql is like ToSql but panics on error.
func (b SelectBuilder) MustSql() (string, []any) { return must(b.ToSql()) }

// toSqlRaw renders with ? placeholders and the tenant predicates, without verification.
func (b SelectBuilder) toSqlRaw(outer cteNames) (string, []any, error) {
	if b.err != nil {
		return "", nil, b.err
	}
	if b.s.t == nil {
		return "", nil, fmt.Errorf("tenantq: SelectBuilder was not made by a Scope")
	}
	ctes := outer.with(b.with)
	w := &sqlWriter{ctes: ctes}
	if op := b.setop; op != nil {
		ls, la, err := op.left.toSqlRaw(ctes)
		if err != nil {
			return "", nil, err
		}
		rs, ra, err := op.right.toSqlRaw(ctes)
		if err != nil {
			return "", nil, err
		}
		w.expr("("+ls+") "+op.op+" ("+rs+")", append(la, ra...))
		return b.tail(w, outer)
	}
	if len(b.columns) == 0 {
		return "", nil, fmt.Errorf("tenantq: select statements must have at least one result column")
	}
	w.str("SELECT ")
	if len(b.options) > 0 {
		w.str(strings.Join(b.options, " ") + " ")
	}
	w.parts(b.columns, ", ")

	where := b.where
	// With a FULL JOIN, no condition of the statement filters the tables it joins: each tenant
	// table is then read through a subquery pinned inside.
	full := slices.ContainsFunc(b.joins, func(j joinPart) bool { return j.kind == "FULL JOIN" })
	pinned := func(t tableRef) (string, []any) {
		pred, _ := b.s.t.checker.PinPredicate(t.name, "")
		return "(SELECT * FROM " + t.written + " WHERE " + pred + ") " + t.ref, []any{b.s.tenant}
	}
	// pinOf returns the tenant column of a table the builder names and its pin, both empty
	// for a global table, a CTE or an unscoped builder. A table owned through a parent has a
	// pin but no tenant column.
	pinOf := func(t tableRef, ok bool) (string, sq.Sqlizer) {
		if !ok || ctes[t.name] {
			return "", nil
		}
		return b.s.tenantColumn(t.name), b.s.pinFor(t.name, t.ref)
	}
	// anchor is a pinned table joins can be equated to: "c.tenant_id".
	anchor := ""
	if f := b.from; f != nil {
		w.str(" FROM ")
		var col string
		var pin sq.Sqlizer
		if f.sub == nil {
			col, pin = pinOf(f.table, f.ok)
		}
		switch {
		case f.sub != nil:
			w.part(f.sub, "(", ") AS "+f.alias)
		case pin != nil && full:
			w.expr(pinned(f.table))
		default:
			w.str(f.text)
			if pin != nil {
				where = append(slices.Clip(where), pin)
			}
			if col != "" {
				anchor = f.table.ref + "." + col
			}
		}
	}
	for _, j := range b.joins {
		w.str(" ")
		if j.pred != nil {
			w.part(j.pred, "", "")
			continue
		}
		col, pin := pinOf(j.spec.table, j.spec.ok)
		switch {
		case pin != nil && full:
			sql, args := pinned(j.spec.table)
			cond := ""
			switch {
			case j.spec.on != "":
				cond = " ON " + j.spec.on
			case j.spec.rest != "":
				cond = " " + j.spec.rest
			}
			w.expr(j.kind+" "+sql+cond, append(args, j.args...))
		case pin == nil:
			w.expr(j.kind+" "+joinText(j.spec), j.args)
		case col != "" && j.spec.on == "" && j.spec.rest != "" && usingHas(j.spec.rest, col) && j.kind != "RIGHT JOIN":
			// USING (tenant_id, ...) equates the joined table's tenant with the left side's.
			w.expr(j.kind+" "+joinText(j.spec), j.args)
		case j.spec.on == "" && j.spec.rest != "" && j.kind != "JOIN" && j.kind != "INNER JOIN":
			if w.err == nil && col == "" {
				w.err = fmt.Errorf("tenantq: %s %s: an outer join with USING cannot pin a table that has no tenant column; join it with ON", j.kind, joinText(j.spec))
			} else if w.err == nil {
				w.err = fmt.Errorf("tenantq: %s %s: an outer join with USING can only be pinned through the USING list; add %q to it, or join with ON", j.kind, joinText(j.spec), col)
			}
		case j.kind == "CROSS JOIN" || j.spec.on == "":
			w.expr(j.kind+" "+joinText(j.spec), j.args)
			where = append(slices.Clip(where), pin)
		case j.kind == "RIGHT JOIN":
			// The joined table is preserved: pin it in WHERE. The tables before it become the
			// nullable side: WHERE pins would drop the rows the RIGHT JOIN keeps, so they move
			// into its ON.
			on, args := parens(j.spec.on), slices.Clip(j.args)
			for _, p := range where[len(b.where):] {
				ps, pa, _ := p.ToSql()
				on += " AND " + ps
				args = append(args, pa...)
			}
			where = append(slices.Clip(where[:len(b.where)]), pin)
			w.expr(j.kind+" "+j.spec.head+" ON "+on, args)
			anchor = ""
		case col == "" || anchor == "":
			ps, pa, _ := pin.ToSql()
			w.expr(j.kind+" "+j.spec.head+" ON "+parens(j.spec.on)+" AND "+ps, append(slices.Clip(j.args), pa...))
		default:
			w.expr(j.kind+" "+j.spec.head+" ON "+parens(j.spec.on)+" AND "+j.spec.table.ref+"."+col+" = "+anchor, j.args)
		}
	}
	if len(where) > 0 {
		w.str(" WHERE ")
		w.parts(where, " AND ")
	}
	if len(b.groupBy) > 0 {
		w.str(" GROUP BY " + strings.Join(b.groupBy, ", "))
	}
	if len(b.having) > 0 {
		w.str(" HAVING ")
		w.parts(b.having, " AND ")
	}
	return b.tail(w, outer)
}

// tail writes ORDER BY, LIMIT, OFFSET and suffixes, then the WITH clause and prefixes around
// the statement.
func (b SelectBuilder) tail(w *sqlWriter, outer cteNames) (string, []any, error) {
	if len(b.orderBy) > 0 {
		w.str(" ORDER BY ")
		w.parts(b.orderBy, ", ")
	}
	if b.limit != "" {
		w.str(" LIMIT " + b.limit)
	}
	if b.offset != "" {
		w.str(" OFFSET " + b.offset)
	}
	if len(b.suffixes) > 0 {
		w.str(" ")
		w.parts(b.suffixes, " ")
	}
	if w.err != nil {
		return "", nil, w.err
	}
	return statementAround(b.prefixes, b.with, w.ctes, w.buf.String(), w.args)
}

// joinText writes a join's text back: its table, and its ON or USING as given.
func joinText(j joinSpec) string {
	switch {
	case j.on != "":
		return j.head + " ON " + j.on
	case j.rest != "":
		return j.head + " " + j.rest
	}
	return j.head
}

// splitJoinKind splits "LEFT OUTER JOIN deals d ON ..." into "LEFT JOIN" and the rest.
func splitJoinKind(s string) (kind, rest string, ok bool) {
	toks := strings.Fields(s)
	var words []string
	for i, t := range toks {
		switch u := strings.ToUpper(t); u {
		case "INNER", "LEFT", "RIGHT", "CROSS", "OUTER", "FULL":
			words = append(words, u)
		case "JOIN":
			kinds := map[string]string{"": "JOIN", "INNER": "INNER JOIN", "LEFT": "LEFT JOIN", "LEFT OUTER": "LEFT JOIN",
				"RIGHT": "RIGHT JOIN", "RIGHT OUTER": "RIGHT JOIN", "CROSS": "CROSS JOIN", "FULL": "FULL JOIN", "FULL OUTER": "FULL JOIN"}
			k, ok := kinds[strings.Join(words, " ")]
			if !ok || i+1 >= len(toks) {
				return "", "", false
			}
			at := strings.Index(strings.ToUpper(s), "JOIN") + len("JOIN")
			return k, strings.TrimSpace(s[at:]), true
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// usingHas reports whether a "USING (a, b)" clause lists col.
func usingHas(using, col string) bool {
	open, end := strings.IndexByte(using, '('), strings.LastIndexByte(using, ')')
	if open < 0 || end < open {
		return false
	}
	for _, c := range strings.Split(using[open+1:end], ",") {
		if foldIdent(strings.TrimSpace(c)) == col {
			return true
		}
	}
	return false
}

// PrefixExpr adds an expression to the start of the query.
func (b SelectBuilder) PrefixExpr(e sq.Sqlizer) SelectBuilder {
	b = b.clone()
	b.prefixes = append(b.prefixes, sqlizer(e))
	return b
}

// SuffixExpr adds an expression to the end of the query.
func (b SelectBuilder) SuffixExpr(e sq.Sqlizer) SelectBuilder {
	b = b.clone()
	b.suffixes = append(b.suffixes, sqlizer(e))
	return b
}

// RemoveColumns removes every result column.
func (b SelectBuilder) RemoveColumns() SelectBuilder {
	b.columns = nil
	return b
}

// RemoveLimit removes the LIMIT.
func (b SelectBuilder) RemoveLimit() SelectBuilder {
	b.limit = ""
	return b
}

// RemoveOffset removes the OFFSET.
func (b SelectBuilder) RemoveOffset() SelectBuilder {
	b.offset = ""
	return b
}

// Scope returns the scope the builder belongs to.
func (b SelectBuilder) Scope() Scope { return b.s }

// Orders reports whether the builder has its own ORDER BY, LIMIT or OFFSET, or is a set
// operation: a pager, which adds its own, refuses such a query.
func (b SelectBuilder) Orders() bool {
	return len(b.orderBy) > 0 || b.limit != "" || b.offset != "" || b.setop != nil
}

package tenantq

import (
	"context"
	"fmt"
	"strings"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/sqlcheck"
)

// cteNames are the CTE names bound around a part being rendered, folded as PostgreSQL folds
// identifiers: a FROM or JOIN of such a name is a CTE reference, not a table to pin.
type cteNames map[string]bool

// with returns names plus the CTEs of a WITH clause.
func (names cteNames) with(ctes []cte) cteNames {
	if len(ctes) == 0 {
		return names
	}
	out := cteNames{}
	for n := range names {
		out[n] = true
	}
	for _, c := range ctes {
		out[foldIdent(c.name)] = true
	}
	return out
}

// foldIdent folds an identifier as PostgreSQL does: quoted exactly, otherwise to lower case.
func foldIdent(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return strings.ToLower(s)
}

// raw renders a tenantq builder with ? placeholders and no verification, for nesting it in
// another statement: only the outermost statement is verified and numbered, so placeholders of
// nested parts can never be numbered twice (squirrel #326).
type raw interface {
	toSqlRaw(ctes cteNames) (string, []any, error)
}

// nested is a part that renders tenantq builders inside it in the enclosing statement's
// context. Its ToSql (used when squirrel renders it) has no enclosing CTEs.
type nested interface {
	sq.Sqlizer
	sqlIn(ctes cteNames) (string, []any, error)
}

// rawPart adapts a raw builder to squirrel's Sqlizer.
type rawPart struct{ r raw }

func (p rawPart) ToSql() (string, []any, error)                { return p.sqlIn(nil) }
func (p rawPart) sqlIn(ctes cteNames) (string, []any, error)   { return p.r.toSqlRaw(ctes) }
func (p parenPart) ToSql() (string, []any, error)              { return p.sqlIn(nil) }
func (a aliasPart) ToSql() (string, []any, error)              { return a.sqlIn(nil) }
func (e exprPart) ToSql() (string, []any, error)               { return e.sqlIn(nil) }
func (p parenPart) sqlIn(ctes cteNames) (string, []any, error) { return wrapIn(p.r, ctes, "(", ")") }
func (a aliasPart) sqlIn(ctes cteNames) (string, []any, error) {
	return wrapIn(a.expr, ctes, "(", ") AS "+a.alias)
}
func wrapIn(p any, ctes cteNames, before, after string) (string, []any, error) {
	var sql string
	var args []any
	var err error
	switch x := p.(type) {
	case raw:
		sql, args, err = x.toSqlRaw(ctes)
	case nested:
		sql, args, err = x.sqlIn(ctes)
	case sq.Sqlizer:
		sql, args, err = x.ToSql()
	}
	return before + sql + after, args, err
}

// parenPart renders a raw builder in parentheses, as a scalar subquery.
type parenPart struct{ r raw }

// subquery returns v as a value: a tenantq builder becomes a parenthesised scalar subquery.
func subquery(v any) any {
	if r, ok := v.(raw); ok {
		return parenPart{r}
	}
	return v
}

// sqlizer returns s, or its raw form when it is a tenantq builder.
func sqlizer(s sq.Sqlizer) sq.Sqlizer {
	if r, ok := s.(raw); ok {
		return rawPart{r}
	}
	return s
}

// wherePred parenthesises a raw string predicate so that an OR in it cannot escape the AND with
// the tenant predicate (squirrel #151), and turns tenantq builders into their raw form. A line
// comment in the string cannot swallow the closing parenthesis either.
func wherePred(pred any, args []any) (any, []any) {
	switch p := pred.(type) {
	case string:
		if strings.TrimSpace(p) == "" {
			return nil, nil // squirrel ignores an empty predicate
		}
		return Expr(parens(p), args...), nil
	case raw:
		return rawPart{p}, args
	}
	return pred, args
}

// parens wraps raw SQL in parentheses, ending a trailing line comment first.
func parens(s string) string {
	if strings.Contains(s, "--") {
		return "(" + s + "\n)"
	}
	return "(" + s + ")"
}

// addPred appends a Where or Having predicate the way squirrel reads one: nil is nothing, a
// string takes args, a map is an sq.Eq, and a Sqlizer renders itself.
func addPred(list []sq.Sqlizer, err error, pred any, args []any) ([]sq.Sqlizer, error) {
	pred, _ = wherePred(pred, args) // a Sqlizer ignores args, as squirrel's Where does
	switch p := pred.(type) {
	case nil:
		return list, err
	case sq.Sqlizer:
		return append(list, p), err
	case map[string]any:
		return append(list, sq.Eq(p)), err
	}
	if err == nil {
		err = fmt.Errorf("tenantq: expected a string, a string-keyed map or a Sqlizer, not %T", pred)
	}
	return list, err
}

// sqlWriter renders parts into one statement, collecting their arguments and the first error.
type sqlWriter struct {
	buf  strings.Builder
	args []any
	err  error
	ctes cteNames // CTE names bound around the statement
}

// render renders one part, in the statement's CTE context when it is a tenantq part.
func (w *sqlWriter) render(p sq.Sqlizer) (string, []any, error) {
	if n, ok := p.(nested); ok {
		return n.sqlIn(w.ctes)
	}
	return p.ToSql()
}

func (w *sqlWriter) str(s string) { w.buf.WriteString(s) }

// expr writes sql with its args.
func (w *sqlWriter) expr(sql string, args []any) {
	w.buf.WriteString(sql)
	w.args = append(w.args, args...)
}

// part writes one Sqlizer between before and after.
func (w *sqlWriter) part(p sq.Sqlizer, before, after string) {
	sql, args, err := w.render(p)
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	w.buf.WriteString(before)
	w.buf.WriteString(sql)
	w.buf.WriteString(after)
	w.args = append(w.args, args...)
}

// parts writes Sqlizers separated by sep, skipping those that render nothing, as squirrel does.
func (w *sqlWriter) parts(ps []sq.Sqlizer, sep string) {
	first := true
	for _, p := range ps {
		sql, args, err := w.render(p)
		if err != nil {
			if w.err == nil {
				w.err = err
			}
			return
		}
		if sql == "" {
			continue
		}
		if !first {
			w.buf.WriteString(sep)
		}
		first = false
		w.buf.WriteString(sql)
		w.args = append(w.args, args...)
	}
}

// tail writes a write statement's WHERE and suffixes, and returns the statement, or the first
// error of its parts.
func (w *sqlWriter) tail(where, suffixes []sq.Sqlizer) (string, []any, error) {
	if len(where) > 0 {
		w.str(" WHERE ")
		w.parts(where, " AND ")
	}
	if len(suffixes) > 0 {
		w.str(" ")
		w.parts(suffixes, " ")
	}
	if w.err != nil {
		return "", nil, w.err
	}
	return w.buf.String(), w.args, nil
}

// pinFor returns the predicate that pins table, named ref, to the scope's tenant: its tenant
// column, or for a table owned through a parent (or reached through a link table) a
// semi-join on its key. It returns nil for a global table or an unscoped builder.
func (s Scope) pinFor(table, ref string) sq.Sqlizer {
	if s.reason != "" {
		return nil
	}
	pred, scoped := s.t.checker.PinPredicate(table, ref)
	if !scoped {
		return nil
	}
	args := []any{s.tenant}
	for sub := s.sub; sub != nil; sub = sub.parent {
		if col := s.t.checker.SubTenantColumn(table, sub.key); col != "" {
			if ref != "" {
				col = ref + "." + col
			}
			pred += " AND " + col + " = ?"
			args = append(args, sub.sent)
		}
	}
	return sq.Expr(pred, args...)
}

// tenantColumn returns the tenant column of a table named in a builder, "" for a global table
// or an unscoped builder.
func (s Scope) tenantColumn(table string) string {
	if s.reason != "" {
		return ""
	}
	col, _ := s.t.checker.TenantColumn(table)
	return col
}

// finishRaw renders a builder and verifies it.
func (s Scope) finishRaw(ctx context.Context, r raw) (string, []any, error) {
	sql, args, err := r.toSqlRaw(nil)
	if err != nil {
		return "", nil, err
	}
	return s.finish(ctx, sql, args)
}

// describeTenant names the scope's tenant in messages.
func (s Scope) describeTenant() string { return fmt.Sprintf("the scope's tenant (%v)", s.tenant) }

// must is MustSql: the statement, or a panic with the error.
func must(sql string, args []any, err error) (string, []any) {
	if err != nil {
		panic(err)
	}
	return sql, args
}

// finish verifies a statement rendered with ? placeholders and numbers its placeholders. What it
// verifies is the text that runs: with $n placeholders, the numbered text; the arguments are
// matched to placeholders by the checker's own reading of that text.
func (s Scope) finish(ctx context.Context, sql string, args []any) (string, []any, error) {
	out, err := s.t.format.ReplacePlaceholders(sql)
	if err != nil {
		return "", nil, err
	}
	if s.reason != "" {
		if s.t.audit != nil {
			s.t.audit(ctx, AuditEvent{Reason: s.reason, SQL: out, Args: args})
		}
		return out, args, nil
	}
	res := s.t.checker.Check(out)
	want := sqlcheck.StyleDollar
	if s.t.format == sq.Question {
		want = sqlcheck.StyleQuestion
	}
	for i, p := range res.Params {
		if p.Style != want || p.Number != i+1 {
			return "", nil, fmt.Errorf("tenantq: placeholder %d of %q is written %s, not as tenantq numbers its arguments; keep nested squirrel builders in their default Question format, nest tenantq builders through tenantq methods, and write a literal ? as ??", i+1, out, p.Style)
		}
	}
	if len(res.Params) != len(args) {
		return "", nil, fmt.Errorf("tenantq: the statement has %d placeholders but %d arguments (a ? inside a string literal or comment is numbered too; bind the value instead): %q", len(res.Params), len(args), out)
	}
	if viols := res.Bind(args, s.key, s.subs(), sameTenant, s.describeTenant); len(viols) > 0 {
		return "", nil, &ViolationError{SQL: out, Violations: viols}
	}
	return out, args, nil
}

// Verify checks a statement built elsewhere (by hand, by sqlc, by another library) as the
// scope's own: it runs the tenancy checker, then checks that every tenant value the statement
// relies on is bound to the scope's tenant. args holds the argument of each placeholder by
// number ($1 is args[0]); a placeholder without one is a violation. It returns nil or a
// [*ViolationError]. An unscoped Scope verifies nothing and returns nil. The runtime guard
// ([github.com/tenantq/tenantq/tenantq/guard]) calls it for every statement.
func (s Scope) Verify(sql string, args []any) error {
	return s.verify(sql, args, s.describeTenant, "")
}

// VerifyAs is [Scope.Verify] for a caller that holds the tenant under another name than a
// Scope, such as the runtime guard, which takes it from the context: who names the tenant in
// the messages ("the context's tenant" gives "not to the context's tenant (42)"), and hint
// replaces the hint of a tenant predicate bound to another value.
func (s Scope) VerifyAs(sql string, args []any, who, hint string) error {
	return s.verify(sql, args, func() string { return fmt.Sprintf("%s (%v)", who, s.tenant) }, hint)
}

func (s Scope) verify(sql string, args []any, name func() string, hint string) error {
	if s.key == nil {
		return nil
	}
	res := s.t.checker.Check(sql)
	if len(res.TenantValues) == 0 && res.Safe() {
		return nil
	}
	viols := res.Bind(args, s.key, s.subs(), sameTenant, name)
	if len(viols) == 0 {
		return nil
	}
	if hint != "" {
		// Bind's own violations come first, the checker's (Unbound) after them.
		for i := range viols[:len(viols)-len(res.Unbound())] {
			if !strings.Contains(viols[i].Hint, "Sub(") { // a sub-tenant's hint says more
				viols[i].Hint = hint
			}
		}
	}
	return &ViolationError{SQL: sql, Violations: viols}
}

// Alias is [sq.Alias] for tenantq builders, "(subquery) AS alias", as a select column:
// scope.Select("c.id").Column(tenantq.Alias(countNotes, "notes")). squirrel's own Alias would
// number the subquery's placeholders on its own, which tenantq refuses.
func Alias(expr sq.Sqlizer, alias string) sq.Sqlizer { return aliasPart{sqlizer(expr), alias} }

type aliasPart struct {
	expr  sq.Sqlizer
	alias string
}

// Expr is [sq.Expr] for tenantq builders: each ? stands for the next argument, and an argument
// that is a tenantq builder is rendered in its place, as part of this statement
// (scope.Select("*").From("contacts c").Where(tenantq.Expr("c.id IN (?)", dealContacts))).
// squirrel's own Expr would number the subquery's placeholders on its own, which tenantq refuses.
// ?? is a literal ?.
func Expr(sql string, args ...any) sq.Sqlizer { return exprPart{sql, args} }

type exprPart struct {
	sql  string
	args []any
}

func (e exprPart) sqlIn(ctes cteNames) (string, []any, error) {
	var b strings.Builder
	var out []any
	n := 0
	for i := 0; i < len(e.sql); i++ {
		c := e.sql[i]
		if c != '?' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(e.sql) && e.sql[i+1] == '?' {
			b.WriteString("??")
			i++
			continue
		}
		if n >= len(e.args) {
			return "", nil, fmt.Errorf("tenantq: Expr %q has more ? than arguments (%d)", e.sql, len(e.args))
		}
		arg := e.args[n]
		n++
		switch a := arg.(type) {
		case raw, nested:
			sql, args, err := wrapIn(a, ctes, "", "")
			if err != nil {
				return "", nil, err
			}
			b.WriteString(sql)
			out = append(out, args...)
		case sq.Sqlizer:
			sql, args, err := a.ToSql()
			if err != nil {
				return "", nil, err
			}
			b.WriteString(sql)
			out = append(out, args...)
		default:
			b.WriteByte('?')
			out = append(out, arg)
		}
	}
	if n != len(e.args) {
		return "", nil, fmt.Errorf("tenantq: Expr %q has %d ? for %d arguments", e.sql, n, len(e.args))
	}
	return b.String(), out, nil
}

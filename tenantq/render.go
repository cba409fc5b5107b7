package tenantq

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/tenantq/sqlcheck"
)

// raw renders a tenantq builder with ? placeholders and no verification, for nesting it in
// another statement: only the outermost statement is verified and numbered, so placeholders of
// nested parts can never be numbered twice (squirrel #326).
type raw interface {
	toSqlRaw() (string, []any, error)
}

// rawPart adapts a raw builder to squirrel's Sqlizer.
type rawPart struct{ r raw }

func (p rawPart) ToSql() (string, []any, error) { return p.r.toSqlRaw() }

// parenPart renders a raw builder in parentheses, as a scalar subquery.
type parenPart struct{ r raw }

func (p parenPart) ToSql() (string, []any, error) {
	sql, args, err := p.r.toSqlRaw()
	return "(" + sql + ")", args, err
}

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
// the tenant predicate (squirrel #151), and turns tenantq builders into their raw form.
func wherePred(pred any, args []any) (any, []any) {
	switch p := pred.(type) {
	case string:
		return sq.Expr("("+p+")", args...), nil
	case raw:
		return rawPart{p}, args
	}
	return pred, args
}

// addPred appends a Where or Having predicate the way squirrel reads one: nil is nothing, a
// string takes args, a map is an sq.Eq, and a Sqlizer renders itself.
func addPred(list []sq.Sqlizer, err error, pred any, args []any) ([]sq.Sqlizer, error) {
	pred, args = wherePred(pred, args)
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
}

func (w *sqlWriter) str(s string) { w.buf.WriteString(s) }

// expr writes sql with its args.
func (w *sqlWriter) expr(sql string, args []any) {
	w.buf.WriteString(sql)
	w.args = append(w.args, args...)
}

// part writes one Sqlizer between before and after.
func (w *sqlWriter) part(p sq.Sqlizer, before, after string) {
	sql, args, err := p.ToSql()
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
		sql, args, err := p.ToSql()
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

// pin renders "ref.col = ?" with the scope's tenant.
func (s Scope) pin(ref, col string) sq.Sqlizer {
	return sq.Expr(ref+"."+col+" = ?", s.tenant)
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

// finish verifies a statement rendered with ? placeholders and numbers its placeholders.
func (s Scope) finish(ctx context.Context, sql string, args []any) (string, []any, error) {
	if s.reason != "" {
		out, err := s.t.format.ReplacePlaceholders(sql)
		if err != nil {
			return "", nil, err
		}
		if s.t.audit != nil {
			s.t.audit(ctx, AuditEvent{Reason: s.reason, SQL: out, Args: args})
		}
		return out, args, nil
	}
	res := s.t.checker.Check(sql)
	if len(res.Params) > 0 && res.Params[0].Style != sqlcheck.StyleQuestion {
		return "", nil, fmt.Errorf("tenantq: a nested part rendered %s placeholders (%q); nest tenantq builders through tenantq methods (and tenantq.Alias, not sq.Alias), and leave squirrel builders in their default Question format", res.Params[0].Style, sql)
	}
	if len(res.Params) != len(args) {
		return "", nil, fmt.Errorf("tenantq: the statement has %d placeholders but %d arguments: %q", len(res.Params), len(args), sql)
	}
	viols := s.bindings(res, args)
	out, err := s.t.format.ReplacePlaceholders(sql)
	if err != nil {
		return "", nil, err
	}
	if len(viols) > 0 {
		if out != sql && s.t.format == sq.Dollar {
			// Report positions and placeholders as the caller would see the statement. The
			// checker reads $n too, and this is the error path, so checking again is cheap.
			if final := s.t.checker.Check(out); len(final.Violations) > 0 {
				viols = s.bindings(final, args)
				sql = out
			}
		}
		return "", nil, &ViolationError{SQL: sql, Violations: viols}
	}
	return out, args, nil
}

// bindings returns the checker's violations, with multiple-tenants decided on the arguments:
// one violation for each tenant value not bound to the scope's tenant.
func (s Scope) bindings(res *sqlcheck.Result, args []any) []Violation {
	var viols []Violation
	for _, tv := range res.TenantValues {
		var ours bool
		var what string
		if tv.Param > 0 {
			ours = sameTenant(args[tv.Param-1], s.tenant)
			what = fmt.Sprintf("argument %d (%v)", tv.Param, args[tv.Param-1])
		} else {
			ours = strings.Trim(tv.Literal, "'") == fmt.Sprint(s.tenant)
			what = "the constant " + tv.Literal
		}
		if !ours {
			viols = append(viols, Violation{
				Rule: sqlcheck.RuleMultipleTenants, Statement: tv.Statement,
				Message: fmt.Sprintf("a tenant predicate is bound to %s, not to the scope's tenant (%v)", what, s.tenant),
				Hint:    "let tenantq pin tenant tables, or bind the scope's Tenant()",
			})
		}
	}
	// The checker's multiple-tenants is about distinct values it cannot compare; the loop
	// above compared every one of them with the scope's tenant.
	for _, v := range res.Violations {
		if v.Rule != sqlcheck.RuleMultipleTenants {
			viols = append(viols, v)
		}
	}
	return viols
}

// sameTenant compares a bound argument with the scope's tenant: integers by value whatever
// their types, everything else with ==, or by deep equality when not comparable.
func sameTenant(arg, tenant any) bool {
	if a, ok := asInt(arg); ok {
		b, ok := asInt(tenant)
		return ok && a == b
	}
	av, tv := reflect.ValueOf(arg), reflect.ValueOf(tenant)
	if av.IsValid() && tv.IsValid() && av.Type() == tv.Type() && av.Comparable() {
		return av.Equal(tv)
	}
	return reflect.DeepEqual(arg, tenant)
}

func asInt(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := rv.Uint()
		return int64(u), u <= 1<<63-1
	}
	return 0, false
}

// Alias is [sq.Alias] for tenantq builders, "(subquery) AS alias", as a select column:
// scope.Select("c.id").Column(tenantq.Alias(countNotes, "notes")). squirrel's own Alias would
// number the subquery's placeholders on its own, which tenantq refuses.
func Alias(expr sq.Sqlizer, alias string) sq.Sqlizer { return aliasPart{sqlizer(expr), alias} }

type aliasPart struct {
	expr  sq.Sqlizer
	alias string
}

func (a aliasPart) ToSql() (string, []any, error) {
	sql, args, err := a.expr.ToSql()
	return "(" + sql + ") AS " + a.alias, args, err
}

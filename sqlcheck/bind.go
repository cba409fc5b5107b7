package sqlcheck

import "fmt"

// Bind decides the part of [RuleMultipleTenants] that needs the arguments: given the values a
// driver sends for the placeholders (args[i] for $i+1) and the one tenant they must name, it
// returns the statement's violations with multiple-tenants decided on the values. Each tenant
// value the pins and inserted rows rely on must be that tenant: a placeholder bound to
// another value, a placeholder with no argument, or another constant is a violation; distinct
// placeholders bound to equal values are one tenant, so the checker's own multiple-tenants
// violations (about values it could not compare) are dropped. same reports whether an
// argument sends tenant; the builder and the runtime guard pass the one comparison they share.
// name names the tenant in messages; it is called only when there is a violation.
//
// subs holds the sub-tenant values the caller vouches for, by sub-tenant key ("project_id":
// 42). A sub-tenant value that alone pins an occurrence must be bound to the one subs holds
// for its key; one beside a tenant value pins nothing more and is not checked.
func (r *Result) Bind(args []any, tenant any, subs map[string]any, same func(arg, tenant any) bool, name func() string) []Violation {
	var viols []Violation
	foreign := func(tv TenantValue, what string) {
		viols = append(viols, Violation{
			Rule: RuleMultipleTenants, Statement: tv.Statement,
			Message: fmt.Sprintf("a tenant predicate is bound to %s, not to %s", what, name()),
			Hint:    "let tenantq pin tenant tables, or bind the scope's Tenant()",
		})
	}
	for _, tv := range r.TenantValues {
		if tv.Sub != "" {
			if tv.Covered {
				continue
			}
			sub, ok := subs[tv.Sub]
			switch {
			case !ok:
				viols = append(viols, Violation{
					Rule: RuleMultipleTenants, Statement: tv.Statement,
					Message: fmt.Sprintf("a table is pinned only by its sub-tenant key %q, and the scope names no %s to check it against", tv.Sub, tv.Sub),
					Hint:    fmt.Sprintf("narrow the scope with Sub(%q, ...), or pin the tenant column too", tv.Sub),
				})
			case tv.Param > 0 && tv.Param <= len(args):
				if !same(args[tv.Param-1], sub) {
					foreign(tv, fmt.Sprintf("%s argument %d (%v)", tv.Sub, tv.Param, args[tv.Param-1]))
				}
			case tv.Param > 0:
				foreign(tv, fmt.Sprintf("placeholder %d, which has no argument", tv.Param))
			case !SameConstant(tv.Literal, sub):
				foreign(tv, "the "+tv.Sub+" constant "+tv.Literal)
			}
			continue
		}
		switch {
		case tv.Param > 0 && tv.Param <= len(args):
			if !same(args[tv.Param-1], tenant) {
				foreign(tv, fmt.Sprintf("argument %d (%v)", tv.Param, args[tv.Param-1]))
			}
		case tv.Param > 0:
			foreign(tv, fmt.Sprintf("placeholder %d, which has no argument", tv.Param))
		case !SameConstant(tv.Literal, tenant):
			foreign(tv, "the constant "+tv.Literal)
		}
	}
	return append(viols, r.Unbound()...)
}

// Unbound returns the violations that hold whatever the arguments are: all but
// multiple-tenants, which [Result.Bind] decides once the arguments are known. A caller that
// cannot see the arguments yet (a statement being prepared) checks these.
func (r *Result) Unbound() []Violation {
	var viols []Violation
	for _, v := range r.Violations {
		if v.Rule != RuleMultipleTenants {
			viols = append(viols, v)
		}
	}
	return viols
}

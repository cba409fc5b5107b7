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

// multipleTenantsDoc documents RuleMultipleTenants beside its checks: what it rejects, why, and the fix.
var multipleTenantsDoc = RuleDoc{
	Rule:  RuleMultipleTenants,
	Title: "a statement pins all its tables to one tenant value",
	Text:  `The pins and inserted rows of one statement must all use the same tenant value. Two placeholders ($1 and $2) or two constants are rejected, because nothing in the SQL says they are equal; the tenantq builder and runtime guard, which see the arguments, accept distinct placeholders bound to equal values. A sub-tenant value (project_id = $2 under sub_tenants) beside the tenant value on the same table is one tenant; alone on another table it is another value, which the builder and guard accept when it is the scope's sub-tenant (Scope.Sub).`,
	Bad:   `SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = $2 WHERE c.tenant_id = $1`,
	Good:  `SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1`,
}

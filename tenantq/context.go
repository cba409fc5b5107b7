package tenantq

import "context"

type (
	tenantKey   struct{}
	unscopedKey struct{}
)

// WithTenant returns a copy of ctx that carries a tenant. The runtime guard
// ([github.com/tenantq/tenantq/tenantq/guard]) checks that every statement run with the context
// is pinned to that tenant; the tenant follows the rules of [Tenancy.Scope], which the guard
// applies when a statement runs.
func WithTenant(ctx context.Context, tenant any) context.Context {
	return context.WithValue(ctx, tenantKey{}, tenant)
}

// TenantFrom returns the tenant [WithTenant] stored in ctx.
func TenantFrom(ctx context.Context) (tenant any, ok bool) {
	tenant = ctx.Value(tenantKey{})
	return tenant, tenant != nil
}

// WithUnscoped returns a copy of ctx that marks the statements run with it as deliberately
// cross-tenant (admin tools, migrations, reports), for the reason given. The runtime guard lets
// them pass and hands each to the Tenancy's audit hook; an empty reason is refused there with
// [ErrNoReason].
func WithUnscoped(ctx context.Context, reason string) context.Context {
	return context.WithValue(ctx, unscopedKey{}, reason)
}

// UnscopedFrom returns the reason [WithUnscoped] stored in ctx.
func UnscopedFrom(ctx context.Context) (reason string, ok bool) {
	reason, ok = ctx.Value(unscopedKey{}).(string)
	return reason, ok
}

// Audit passes an event to the Tenancy's audit hook, as unscoped builders do. The runtime guard
// calls it for the statements it lets pass under [WithUnscoped].
func (t *Tenancy) Audit(ctx context.Context, e AuditEvent) {
	t.audit(ctx, e)
}

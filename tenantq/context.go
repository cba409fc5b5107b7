package tenantq

import "context"

// stateKey is the context key of a ctxState.
type stateKey struct{}

// ctxState is what the context says about tenancy: a tenant, or an unscoped reason. The call
// made last wins, so a step for one tenant inside an unscoped job is scoped again.
type ctxState struct {
	tenant   any
	reason   string
	unscoped bool
}

// WithTenant returns a copy of ctx that carries a tenant, replacing any tenant or unscoped mark
// ctx carries. The runtime guard ([github.com/tenantq/tenantq/tenantq/guard]) checks that every
// statement run with the context is pinned to that tenant; the tenant follows the rules of
// [Tenancy.Scope], which the guard applies when a statement runs.
func WithTenant(ctx context.Context, tenant any) context.Context {
	return context.WithValue(ctx, stateKey{}, ctxState{tenant: tenant})
}

// TenantFrom returns the tenant [WithTenant] stored in ctx.
func TenantFrom(ctx context.Context) (tenant any, ok bool) {
	s, _ := ctx.Value(stateKey{}).(ctxState)
	return s.tenant, s.tenant != nil
}

// WithUnscoped returns a copy of ctx that marks the statements run with it as deliberately
// cross-tenant (admin tools, migrations, reports), for the reason given, replacing any tenant
// ctx carries. The runtime guard lets them pass and hands each to the Tenancy's audit hook; an
// empty reason is refused there with [ErrNoReason].
func WithUnscoped(ctx context.Context, reason string) context.Context {
	return context.WithValue(ctx, stateKey{}, ctxState{reason: reason, unscoped: true})
}

// UnscopedFrom returns the reason [WithUnscoped] stored in ctx.
func UnscopedFrom(ctx context.Context) (reason string, ok bool) {
	s, _ := ctx.Value(stateKey{}).(ctxState)
	return s.reason, s.unscoped
}

// Audit passes an event to the Tenancy's audit hook, as unscoped builders do. The runtime guard
// calls it for the statements it lets pass under [WithUnscoped].
func (t *Tenancy) Audit(ctx context.Context, e AuditEvent) {
	t.audit(ctx, e)
}

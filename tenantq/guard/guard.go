package guard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// ErrNoTenant is wrapped by the error for a statement that reads or writes tenant tables
// when its context carries no tenant ([tenantq.WithTenant]) and is not unscoped.
var ErrNoTenant = errors.New("no tenant in the context")

// A Mode says what a Guard does with a statement that fails its check.
type Mode uint8

const (
	// Enforce refuses the statement: it never reaches the database, and the call returns the
	// check's error.
	Enforce Mode = iota
	// Report tells the Handler and runs the statement anyway.
	Report
)

// An Event is a statement that failed the check.
type Event struct {
	// SQL and Args are the statement as the caller passed it.
	SQL  string
	Args []any
	// Err is why it failed: a [*tenantq.ViolationError] or an error wrapping [ErrNoTenant] or
	// [tenantq.ErrNoReason].
	Err error
	// Mode is the guard's mode: under Enforce the statement was refused, under Report it ran.
	Mode Mode
}

// A Handler is told of every statement that fails the check, in both modes.
type Handler func(ctx context.Context, e Event)

// An Option configures a Guard.
type Option func(*Guard)

// WithMode sets the mode; the default is [Enforce].
func WithMode(m Mode) Option { return func(g *Guard) { g.mode = m } }

// WithHandler sets the handler of failed statements, told of each in both modes (for a metric,
// say). The default logs each one with [slog.Default] at level Warn under Report, where the
// statement runs and the caller sees no error, and nothing under Enforce, where the refusal is
// returned to the caller, who handles it: an error is logged or returned, not both.
func WithHandler(h Handler) Option { return func(g *Guard) { g.handler = h } }

// A Guard checks statements for one Tenancy. Make one with [New] and wrap connections with it.
type Guard struct {
	t       *tenantq.Tenancy
	mode    Mode
	handler Handler
	rls     bool // the Tenancy has row-level security: statements run after their Session
}

// New returns a Guard that checks statements with t's checker and audit hook.
func New(t *tenantq.Tenancy, opts ...Option) *Guard {
	g := &Guard{t: t, handler: logEvent, rls: t.RowLevelSecurity() != nil}
	for _, o := range opts {
		o(g)
	}
	return g
}

// Check reports whether a statement may run with ctx, whatever the mode: nil, or the reason
// it may not. args are positional, as database/sql takes them ([sql.NamedArg] values stand for
// their value); named placeholders are refused, since only the driver knows how it binds them.
// A statement run with [tenantq.WithUnscoped] passes and is handed to the audit hook.
func (g *Guard) Check(ctx context.Context, sql string, args ...any) error {
	_, err := g.verify(ctx, sql, args, args, nil)
	return err
}

// verify checks a statement whose arguments by placeholder number are bound, and reports it to
// the audit hook with the arguments the caller gave (orig). It returns bound with the value of
// each driver.Valuer at a tenant placeholder resolved once: the caller sends what was checked.
// cur tracks the cursors of a session-bound wrapper, nil for others: a statement that passes
// is recorded there, and a FETCH or MOVE passes only for a cursor declared there for the
// context's tenant.
func (g *Guard) verify(ctx context.Context, sql string, bound, orig []any, cur *cursors) ([]any, error) {
	if reason, ok := tenantq.UnscopedFrom(ctx); ok {
		if reason == "" {
			return nil, errNoReason
		}
		g.t.Audit(ctx, tenantq.AuditEvent{Reason: reason, SQL: sql, Args: orig})
		if cur != nil {
			cur.record(sql, g.t.Checker().Check(sql), nil)
		}
		return bound, nil
	}
	res := g.t.Checker().Check(sql)
	for _, p := range res.Params {
		if p.Style != sqlcheck.StyleDollar && p.Style != sqlcheck.StyleQuestion {
			return nil, fmt.Errorf("tenantq/guard: placeholder %d is written %s: the guard cannot tell how the driver binds named placeholders (and PostgreSQL reads @name as the absolute value of name); use $n, or pgx.NamedArgs through the pgx wrapper", p.Number, p.Style)
		}
	}
	tenant, ok := tenantq.TenantFrom(ctx)
	if !ok {
		if len(res.TenantValues) == 0 && res.Safe() {
			return bound, nil // global tables only, or no table at all
		}
		if !res.Safe() {
			return nil, res.Err()
		}
		return nil, errNoTenant
	}
	scope, err := g.t.Scope(tenant)
	if err != nil {
		return nil, fmt.Errorf("tenantq/guard: the context's tenant: %w", err)
	}
	if name, ok := fetchOnly(res); ok && cur.owned(name, scope.Tenant()) {
		return bound, nil // the cursor was declared here, for this tenant
	}
	bound = resolveTenantArgs(res, bound)
	if err := scope.VerifyAs(sql, positional(bound), contextTenant, contextHint); err != nil {
		return nil, err
	}
	cur.record(sql, res, scope.Tenant())
	return bound, nil
}

// session returns the statement that tells the database who runs a statement with ctx under
// the Tenancy's row-level security: the context's tenant, or the unscoped role for an
// unscoped context. It is nil without row-level security, and for a context with neither (the
// statement then reads global tables only, or the check refused it). A tenant the Tenancy
// refuses, or one with no text form, is an error: the statement must not run without it.
func (g *Guard) session(ctx context.Context) (*tenantq.Session, error) {
	if !g.rls {
		return nil, nil
	}
	var scope tenantq.Scope
	var err error
	if reason, ok := tenantq.UnscopedFrom(ctx); ok {
		// An empty reason was refused by the check, or let through under Report: the
		// statement runs as the unscoped role all the same.
		scope, err = g.t.Unscoped(cmp.Or(reason, "(no reason)"))
	} else if tenant, ok := tenantq.TenantFrom(ctx); ok {
		scope, err = g.t.Scope(tenant)
	} else {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("tenantq/guard: %w: the context's tenant: %w", tenantq.ErrRowLevelSecurity, err)
	}
	sess, err := scope.Session()
	if err != nil {
		return nil, fmt.Errorf("tenantq/guard: %w", err)
	}
	return sess, nil
}

// How refusals name the tenant: the guard's callers made no Scope, the tenant is the
// context's.
const (
	contextTenant = "the context's tenant"
	contextHint   = "pass the context's tenant (tenantq.WithTenant) to every tenant predicate"
)

var (
	errNoReason = fmt.Errorf("tenantq/guard: %w: tenantq.WithUnscoped(ctx, \"\")", tenantq.ErrNoReason)
	errNoTenant = fmt.Errorf("tenantq/guard: %w: the statement reads or writes tenant tables; run it with a context from tenantq.WithTenant, or tenantq.WithUnscoped for cross-tenant work", ErrNoTenant)
)

// admit decides whether a statement runs, and with which arguments: those verify returns.
func (g *Guard) admit(ctx context.Context, sql string, args []any, cur *cursors) ([]any, error) {
	bound, err := g.verify(ctx, sql, args, args, cur)
	if err != nil {
		return args, g.decide(ctx, sql, args, err)
	}
	return bound, nil
}

// admitRules decides whether a statement whose arguments the guard cannot see (one being
// prepared) runs: it checks the tenancy rules but for multiple-tenants, which the arguments
// decide, and that its constant tenant values are the context's tenant.
func (g *Guard) admitRules(ctx context.Context, sql string) error {
	if reason, ok := tenantq.UnscopedFrom(ctx); ok {
		if reason == "" {
			return g.decide(ctx, sql, nil, errNoReason)
		}
		g.t.Audit(ctx, tenantq.AuditEvent{Reason: reason, SQL: sql})
		return nil
	}
	res := g.t.Checker().Check(sql)
	if viols := res.Unbound(); len(viols) > 0 {
		return g.decide(ctx, sql, nil, &sqlcheck.ViolationError{SQL: sql, Violations: viols})
	}
	if len(res.TenantValues) == 0 {
		return nil
	}
	tenant, ok := tenantq.TenantFrom(ctx)
	if !ok {
		return g.decide(ctx, sql, nil, errNoTenant)
	}
	scope, err := g.t.Scope(tenant)
	if err != nil {
		return g.decide(ctx, sql, nil, fmt.Errorf("tenantq/guard: the context's tenant: %w", err))
	}
	// Verify with each placeholder bound to the tenant: only the constants can fail.
	args := make([]any, len(res.Params))
	for i := range args {
		args[i] = scope.Tenant()
	}
	return g.decide(ctx, sql, nil, scope.VerifyAs(sql, args, contextTenant, contextHint))
}

// decide tells the handler of a failed check and returns the error to return: nil under
// Report.
func (g *Guard) decide(ctx context.Context, sql string, args []any, err error) error {
	if err == nil {
		return nil
	}
	if g.handler != nil {
		g.handler(ctx, Event{SQL: sql, Args: args, Err: err, Mode: g.mode})
	}
	if g.mode == Report {
		return nil
	}
	return err
}

// admitCopy decides whether a COPY into table runs: into a tenant table only when unscoped.
func (g *Guard) admitCopy(ctx context.Context, table string) error {
	stmt := "COPY " + table + " FROM STDIN"
	if strings.ContainsRune(table, 0) {
		return g.decide(ctx, stmt, nil, fmt.Errorf("tenantq/guard: the table name %q holds a NUL byte, which pgx drops", table))
	}
	if reason, ok := tenantq.UnscopedFrom(ctx); ok {
		if reason == "" {
			return g.decide(ctx, stmt, nil, errNoReason)
		}
		g.t.Audit(ctx, tenantq.AuditEvent{Reason: reason, SQL: stmt})
		return nil
	}
	v := g.t.Checker().CheckCopy(table)
	if v == nil {
		return nil
	}
	return g.decide(ctx, stmt, nil, &sqlcheck.ViolationError{SQL: stmt, Violations: []sqlcheck.Violation{*v}})
}

// logEvent is the default Handler. It logs only under Report, where the statement runs and
// the call returns no error: under Enforce the refusal is the call's error, and the caller
// handles it (logging it too would report each event twice).
func logEvent(ctx context.Context, e Event) {
	if e.Mode != Report {
		return
	}
	slog.Default().Log(ctx, slog.LevelWarn, "tenantq/guard: statement would be refused", "err", e.Err, "sql", e.SQL)
}

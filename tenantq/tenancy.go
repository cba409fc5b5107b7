package tenantq

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/sqlcheck"
)

// ViolationError is the error ToSql returns for a statement that is not tenant-safe. It is the
// checker's type, so [errors.As] finds it whichever package the caller names.
type ViolationError = sqlcheck.ViolationError

// Violation is one reason a statement is not tenant-safe.
type Violation = sqlcheck.Violation

var (
	// ErrUnsafe matches every [*ViolationError] with [errors.Is].
	ErrUnsafe = sqlcheck.ErrUnsafe
	// ErrBadTenant is wrapped by [Tenancy.Scope] for a tenant that cannot name one tenant: nil,
	// a typed nil, an empty or blank value, a negative integer, or a slice.
	ErrBadTenant = errors.New("invalid tenant")
	// ErrNoReason is returned by [Tenancy.Unscoped] without a reason.
	ErrNoReason = errors.New("unscoped statements need a reason")
)

// An AuditEvent describes one statement built by an unscoped builder.
type AuditEvent struct {
	// Reason is the reason given to [Tenancy.Unscoped].
	Reason string
	// SQL and Args are the statement as ToSql returns it.
	SQL  string
	Args []any
}

// An AuditHook is called with every statement an unscoped builder renders, before it is
// returned. ToSql passes [context.Background]; Exec, Query and QueryRow pass their context.
type AuditHook func(ctx context.Context, e AuditEvent)

// A Tenancy is the root of tenantq: a tenancy policy with the checker that enforces it, the
// placeholder format and the audit hook. Make one per policy and share it; it is safe for
// concurrent use.
type Tenancy struct {
	checker *sqlcheck.Checker
	format  sq.PlaceholderFormat
	audit   AuditHook
	rls     *sqlcheck.RowLevelSecurity // a copy of the policy's, nil when off
}

// An Option configures a [Tenancy].
type Option func(*Tenancy)

// WithPlaceholderFormat sets the placeholder format of rendered statements: [sq.Dollar] ($1,
// $2, ...), PostgreSQL's own and the default, or [sq.Question]. New refuses other formats.
func WithPlaceholderFormat(f sq.PlaceholderFormat) Option {
	return func(t *Tenancy) { t.format = f }
}

// WithAudit sets the hook called for every statement an unscoped builder renders. The default
// logs each one with [slog.Default] at level Info.
func WithAudit(h AuditHook) Option {
	return func(t *Tenancy) { t.audit = h }
}

// New returns a Tenancy for the policy. Load a policy from tenantq.yaml with the config package
// ([github.com/tenantq/tenantq/config]). It returns the checker's error for an invalid
// policy. With the policy's RowLevelSecurity set, every statement of the Tenancy's builders
// runs after the statement that tells the database its tenant ([Scope.Session]).
func New(p sqlcheck.Policy, opts ...Option) (*Tenancy, error) {
	c, err := sqlcheck.New(p)
	if err != nil {
		return nil, err
	}
	t := &Tenancy{checker: c, format: sq.Dollar, audit: logAudit}
	if p.RowLevelSecurity != nil {
		rls := *p.RowLevelSecurity // a copy: the caller's policy may change after New
		t.rls = &rls
	}
	for _, o := range opts {
		o(t)
	}
	if t.format != sq.Dollar && t.format != sq.Question {
		return nil, fmt.Errorf("tenantq: unsupported placeholder format %T: tenantq verifies the text that runs, with $n (sq.Dollar) or ? (sq.Question) placeholders", t.format)
	}
	return t, nil
}

// Checker returns the tenancy checker the Tenancy verifies statements with.
func (t *Tenancy) Checker() *sqlcheck.Checker { return t.checker }

// A Scope builds statements for one tenant. Its zero value is not usable: get one from
// [Tenancy.Scope] or [Tenancy.Unscoped]. A Scope is a small value; copy it freely.
type Scope struct {
	t      *Tenancy
	tenant any    // what the driver sends, resolved once when the scope was made: bound as an argument
	key    any    // canonical: compared with arguments
	reason string // set for unscoped builders
	sub    *subScope
}

// A subScope is a sub-tenant the scope is narrowed to; parent holds the ones before it.
type subScope struct {
	parent      *subScope
	key         string // the sub-tenant key, "project_id"
	sent, canon any
}

// Sub narrows the scope to one sub-tenant: the row named value by the policy's sub-tenant key
// key (a nested tenant, such as a project of an organization; see sqlcheck.Policy.SubTenants).
// The builders then pin, besides the tenant, the sub-tenant key of every table that has it,
// and Verify accepts statements pinned by the sub-tenant key alone when it is bound to value.
// The caller vouches that value belongs to the scope's tenant, as for the tenant itself. It
// returns an error wrapping [ErrBadTenant] for a key the policy does not declare, a value the
// scope's tenant rules refuse, an unscoped Scope, or a key the scope is narrowed on already.
func (s Scope) Sub(key string, value any) (Scope, error) {
	switch {
	case s.key == nil:
		return Scope{}, fmt.Errorf("%w: an unscoped Scope cannot be narrowed to %s %v", ErrBadTenant, key, value)
	case !s.t.checker.SubTenantKey(key):
		return Scope{}, fmt.Errorf("%w: %q is not a sub-tenant key of the policy", ErrBadTenant, key)
	case value == nil:
		return Scope{}, fmt.Errorf("%w: %s: nil", ErrBadTenant, key)
	}
	for sub := s.sub; sub != nil; sub = sub.parent {
		if sub.key == key {
			return Scope{}, fmt.Errorf("%w: the scope is narrowed to %s %v already", ErrBadTenant, key, sub.sent)
		}
	}
	sent, err := driverValue(value)
	if err != nil {
		return Scope{}, fmt.Errorf("%s: %w", key, err)
	}
	if b, ok := sent.([]byte); ok {
		sent = string(b)
	}
	canon, err := canonicalTenant(sent)
	if err != nil {
		return Scope{}, fmt.Errorf("%s: %w", key, err)
	}
	s.sub = &subScope{parent: s.sub, key: key, sent: sent, canon: canon}
	return s, nil
}

// subs returns the sub-tenant values the scope vouches for, by key.
func (s Scope) subs() map[string]any {
	if s.sub == nil {
		return nil
	}
	m := map[string]any{}
	for sub := s.sub; sub != nil; sub = sub.parent {
		m[sub.key] = sub.canon
	}
	return m
}

// Scope returns the builders of one tenant. The tenant is an integer of 0 or more, a string
// that is not blank, a UUID as a 16-byte array (any type whose underlying type is [16]byte,
// such as github.com/google/uuid's UUID), or a [driver.Valuer] that yields one of those. It
// returns an error wrapping [ErrBadTenant] for anything else: nil, a typed nil, a NULL Valuer,
// a negative integer, an empty or blank string ("  ", often a header that was not set), the
// all-zero UUID, a slice (a list would name several tenants), a pointer (the value behind it
// could change after verification), and a shared tenant value of the policy (shared rows are
// written by unscoped admin code).
//
// A Valuer is asked for its value once, here: the scope binds that value, not the Valuer, so a
// Valuer whose value changes later (a pointer to a TenantID type with a Value method, say)
// cannot make a statement verified for one tenant run for another.
func (t *Tenancy) Scope(tenant any) (Scope, error) {
	if tenant == nil {
		return Scope{}, fmt.Errorf("%w: nil", ErrBadTenant)
	}
	sent, err := driverValue(tenant)
	if err != nil {
		return Scope{}, err
	}
	if _, valuer := tenant.(driver.Valuer); valuer {
		if b, ok := sent.([]byte); ok {
			sent = string(b) // a Valuer's bytes: a copy, read as canonicalTenant reads them
		}
	}
	key, err := canonicalTenant(sent)
	if err != nil {
		return Scope{}, err
	}
	if t.checker.SharedTenant(key) {
		return Scope{}, fmt.Errorf("%w: %v is a shared tenant value of the policy", ErrBadTenant, tenant)
	}
	return Scope{t: t, tenant: sent, key: key}, nil
}

// Unscoped returns builders for cross-tenant work (admin tools, migrations, reports): they add
// no tenant predicates and skip the tenancy rules, and every statement they render is passed to
// the audit hook with the reason. It returns [ErrNoReason] for an empty reason.
func (t *Tenancy) Unscoped(reason string) (Scope, error) {
	if reason == "" {
		return Scope{}, ErrNoReason
	}
	return Scope{t: t, reason: reason}, nil
}

// Tenancy returns the Tenancy the Scope came from.
func (s Scope) Tenancy() *Tenancy { return s.t }

// Tenant returns the scope's tenant as it is bound to statements (the value of a
// [driver.Valuer], asked once), nil for an unscoped Scope.
func (s Scope) Tenant() any { return s.tenant }

// Reason returns the reason of an unscoped Scope, "" for a tenant's Scope.
func (s Scope) Reason() string { return s.reason }

// logAudit is the default audit hook.
func logAudit(ctx context.Context, e AuditEvent) {
	slog.Default().InfoContext(ctx, "tenantq: unscoped statement", "reason", e.Reason, "sql", e.SQL)
}

// TenantKey returns a canonical text of the scope's tenant: equal for tenants a driver sends
// alike (int 7 and int64 7), for binding tokens such as pagination cursors to the tenant. It is
// "" for an unscoped Scope.
func (s Scope) TenantKey() string {
	if s.key == nil {
		return ""
	}
	return fmt.Sprintf("%T:%v", s.key, s.key)
}

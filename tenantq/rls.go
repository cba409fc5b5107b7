package tenantq

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/sqlcheck"
)

// ErrRowLevelSecurity is wrapped by the errors of a statement that could not be run under the
// Tenancy's row-level security with its tenant told to the database: a Runner that did not
// set it, a handle that cannot run a statement in a transaction, a tenant that has no text
// form. The statement did not run, except where the error says otherwise.
var ErrRowLevelSecurity = errors.New("row-level security")

// A Session is the statement that tells the database who runs a statement under the
// Tenancy's row-level security ([sqlcheck.Policy.RowLevelSecurity]). It is run first, in the
// statement's transaction:
//
//	-- Value: the tenant as text; the role an Unscoped statement of the transaction left is undone
//	SELECT set_config('tenantq.tenant', $1, true), set_config('role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true)
//	-- Value: the unscoped role; the role before it is kept in tenantq.role
//	SELECT set_config('tenantq.role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true), set_config('role', $1, true)
//
// set_config(..., true) is local to the transaction: it ends with it, so no pooled connection
// keeps a previous request's tenant or role. set_config('role', name, true) is SET LOCAL ROLE
// with the name as a value, which needs no quoting. In a transaction of the caller's, an
// Unscoped statement's role would last to its end; the next scoped statement puts back the
// role that was current before the first Unscoped one.
type Session struct {
	// SQL is the statement, with one placeholder in the Tenancy's format for Value.
	SQL string
	// Value is what SQL sets: the tenant as text, or the unscoped role's name.
	Value string
	// Unscoped reports that Value is the unscoped role rather than a tenant.
	Unscoped bool
}

// RowLevelSecurity returns a copy of the policy's row-level security settings, nil when the
// policy has none (the runtime then sends statements as they are).
func (t *Tenancy) RowLevelSecurity() *sqlcheck.RowLevelSecurity {
	if t == nil || t.rls == nil {
		return nil
	}
	c := *t.rls
	return &c
}

// Session returns the statement that tells the database the scope's tenant (or, for an
// unscoped Scope, the unscoped role) before each of its statements, or nil when the Tenancy
// has no row-level security. The runners of [SQL] and [Pgx], [PgxQuery], [PgxQueryRow] and
// [PgxExec] run it for every statement of the scope's builders; call it for statements run
// another way. It returns an error wrapping [ErrRowLevelSecurity] for a scope whose tenant has
// no text form (a Scope's tenant is an integer, a string or a 16-byte UUID, all of which do).
func (s Scope) Session() (*Session, error) {
	if s.t == nil || s.t.rls == nil {
		return nil, nil
	}
	format := s.t.format
	if s.key == nil {
		return &Session{SQL: "SELECT set_config('" + RoleBeforeSetting + "', " + roleBefore + ", true), set_config('role', " + placeholder(format) + ", true)", Value: s.t.rls.Role(), Unscoped: true}, nil
	}
	text, err := tenantText(s.key)
	if err != nil {
		return nil, err
	}
	return &Session{SQL: setConfig(format, s.t.rls.TenantSetting()) + ", set_config('role', " + roleBefore + ", true)", Value: text}, nil
}

// RoleBeforeSetting is the parameter in which an Unscoped statement's [Session] keeps the role
// that was current before it, for the next scoped statement of the transaction to put back.
// Like the tenant's, only the runtime sets it: the checker refuses statements that set a
// tenantq.* parameter.
const RoleBeforeSetting = "tenantq.role"

// roleBefore is the role to put back: the one kept by the transaction's first Unscoped
// statement, else the current one.
const roleBefore = "COALESCE(NULLIF(current_setting('" + RoleBeforeSetting + "', true), ''), current_setting('role'))"

// placeholder is the first placeholder in format.
func placeholder(format sq.PlaceholderFormat) string {
	if format == sq.Question {
		return "?"
	}
	return "$1"
}

// setConfig returns the set_config statement of a setting, local to the transaction. The
// setting is a constant of the statement, so the checker (and the guard) read what it sets;
// [sqlcheck.RowLevelSecurity.Validate] has made sure it needs no quoting.
func setConfig(format sq.PlaceholderFormat, setting string) string {
	return "SELECT set_config('" + strings.ReplaceAll(setting, "'", "''") + "', " + placeholder(format) + ", true)"
}

// tenantText returns the text a tenant is set to: an integer in decimal, a string as it is,
// a 16-byte UUID in its canonical form (8-4-4-4-12 hexadecimal digits, lower case), which
// PostgreSQL's ::bigint, ::text and ::uuid casts in the policies read back.
func tenantText(key any) (string, error) {
	switch k := key.(type) {
	case int64:
		return strconv.FormatInt(k, 10), nil
	case string:
		return k, nil
	case [16]byte:
		h := hex.EncodeToString(k[:])
		return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
	}
	return "", fmt.Errorf("%w: the tenant %v (%T) has no text form to set; use an integer, a string or a 16-byte UUID", ErrRowLevelSecurity, key, key)
}

// A SessionSetter is a database handle that tells the database each statement's tenant
// itself, under row-level security, as the guard's wrappers do from the statement's context
// ([github.com/tenantq/tenantq/tenantq/guard]). The runners of [SQL] and [Pgx] over one leave
// the session to it rather than setting it twice.
type SessionSetter interface {
	// SetsSession reports whether the handle sets (or refuses) the session of every
	// statement it runs.
	SetsSession() bool
}

// sessionKey is the context key of the *sessionCall of a builder's statement.
type sessionKey struct{}

// A sessionCall carries a builder statement's Session to the Runner through the context, and
// records whether the Runner took it: a Runner of the caller's own that wraps [SQL] or [Pgx]
// passes the context on, and one that does not is caught when it returns.
type sessionCall struct {
	s     *Session
	taken atomic.Bool
}

// sessionFrom returns the Session the context carries for the Runner, marking it taken.
func sessionFrom(ctx context.Context) *Session {
	c, _ := ctx.Value(sessionKey{}).(*sessionCall)
	if c == nil {
		return nil
	}
	c.taken.Store(true)
	return c.s
}

// withSession returns the context to run a builder's statement with: one that carries its
// Session when the Tenancy has row-level security, ctx itself (and a nil call) when not.
func withSession(ctx context.Context, sc Scope) (context.Context, *sessionCall, error) {
	sess, err := sc.Session()
	if err != nil || sess == nil {
		return ctx, nil, err
	}
	c := &sessionCall{s: sess}
	return context.WithValue(ctx, sessionKey{}, c), c, nil
}

// check returns the error for a Runner that ran the statement without taking its Session,
// with the Runner's own error (runErr) if it returned one; nil when it took it.
func (c *sessionCall) check(r Runner, runErr error) error {
	if c == nil || c.taken.Load() {
		return nil
	}
	err := fmt.Errorf("tenantq: %w: the Runner %T ran the statement without setting its tenant, so row-level security saw no tenant; run it through tenantq.SQL or tenantq.Pgx, passing the context on, or run Scope.Session() yourself in the statement's transaction", ErrRowLevelSecurity, r)
	if runErr != nil {
		return fmt.Errorf("%w (and the Runner returned: %w)", err, runErr)
	}
	return err
}

// takeSession returns the Session a builder's statement carries in ctx for a runner over db,
// nil when it carries none or db sets sessions itself ([SessionSetter]).
func takeSession(ctx context.Context, db any) *Session {
	sess := sessionFrom(ctx)
	if ss, ok := db.(SessionSetter); ok && ss.SetsSession() {
		return nil
	}
	return sess
}

// scope returns the scope a builder belongs to.
func (b SelectBuilder) scope() Scope { return b.s }
func (b InsertBuilder) scope() Scope { return b.s }
func (b UpdateBuilder) scope() Scope { return b.s }
func (b DeleteBuilder) scope() Scope { return b.s }

package tenantq_test

import (
	"database/sql/driver"
	"testing"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// uuidValuer is a UUID type whose driver value is its text, as github.com/google/uuid's is.
type uuidValuer [16]byte

func (u uuidValuer) Value() (driver.Value, error) { return "6ba7b810-9dad-11d1-80b4-00c04fd430c8", nil }

// restoreRole ends a tenant's session statement: it puts back the role an Unscoped statement
// of the same transaction replaced.
const restoreRole = ", set_config('role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true)"

// TestSession checks the statement and the value each kind of tenant is set with.
func TestSession(t *testing.T) {
	t.Parallel()
	rls := &sqlcheck.RowLevelSecurity{Setting: "app.tenant_id", UnscopedRole: "Admin Role"}
	tests := []struct {
		name     string
		tenant   any // nil: unscoped
		format   sq.PlaceholderFormat
		sql      string
		value    string
		unscoped bool
	}{
		{"int64", int64(7), sq.Dollar, "SELECT set_config('app.tenant_id', $1, true)" + restoreRole, "7", false},
		{"uint8", uint8(7), sq.Dollar, "SELECT set_config('app.tenant_id', $1, true)" + restoreRole, "7", false},
		{"string", "acme", sq.Dollar, "SELECT set_config('app.tenant_id', $1, true)" + restoreRole, "acme", false},
		{"uuid array", [16]byte{1: 1, 15: 0xff}, sq.Dollar, "SELECT set_config('app.tenant_id', $1, true)" + restoreRole, "00010000-0000-0000-0000-0000000000ff", false},
		{"uuid valuer", uuidValuer{1}, sq.Dollar, "SELECT set_config('app.tenant_id', $1, true)" + restoreRole, "6ba7b810-9dad-11d1-80b4-00c04fd430c8", false},
		{"question format", int64(7), sq.Question, "SELECT set_config('app.tenant_id', ?, true)" + restoreRole, "7", false},
		{"unscoped", nil, sq.Dollar, "SELECT set_config('tenantq.role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true), set_config('role', $1, true)", "Admin Role", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tq, err := tenantq.New(sqlcheck.Policy{RowLevelSecurity: rls}, tenantq.WithPlaceholderFormat(tc.format))
			if err != nil {
				t.Fatal(err)
			}
			var s tenantq.Scope
			if tc.tenant == nil {
				s, err = tq.Unscoped("test")
			} else {
				s, err = tq.Scope(tc.tenant)
			}
			if err != nil {
				t.Fatal(err)
			}
			sess, err := s.Session()
			if err != nil || sess == nil {
				t.Fatalf("Session() = %v, %v", sess, err)
			}
			if sess.SQL != tc.sql || sess.Value != tc.value || sess.Unscoped != tc.unscoped {
				t.Errorf("Session() = %+v, want {%q %q %v}", *sess, tc.sql, tc.value, tc.unscoped)
			}
		})
	}
	// The Tenancy keeps a copy: changing the policy's settings afterwards changes nothing.
	p := sqlcheck.Policy{RowLevelSecurity: &sqlcheck.RowLevelSecurity{}}
	tq, _ := tenantq.New(p)
	p.RowLevelSecurity.Setting = "other.setting"
	tq.RowLevelSecurity().UnscopedRole = "changed"
	if got := tq.RowLevelSecurity(); got.TenantSetting() != sqlcheck.DefaultTenantSetting || got.Role() != sqlcheck.DefaultUnscopedRole {
		t.Errorf("RowLevelSecurity() = %+v after the caller changed its copies", got)
	}
}

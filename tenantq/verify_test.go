package tenantq_test

import (
	"database/sql/driver"
	"errors"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

func TestScopeVerify(t *testing.T) {
	t.Parallel()
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	scope, err := tq.Scope(int64(42))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sql  string
		args []any
		want string // a substring of the error, "" for nil
	}{
		{"pinned to the scope's tenant", "SELECT * FROM deals WHERE tenant_id = $1", []any{42}, ""},
		{"the tenant as text", "SELECT * FROM deals WHERE tenant_id = $1", []any{"42"}, "argument 1 (42)"},
		{"another tenant", "SELECT * FROM deals WHERE tenant_id = $1", []any{7}, "bound to argument 1 (7)"},
		{"no argument", "SELECT * FROM deals WHERE tenant_id = $1", nil, "placeholder 1, which has no argument"},
		{"two placeholders, one tenant", "SELECT * FROM deals d JOIN notes n ON n.deal_id = d.id AND n.tenant_id = $2 WHERE d.tenant_id = $1", []any{42, 42}, ""},
		{"two placeholders, two tenants", "SELECT * FROM deals d JOIN notes n ON n.deal_id = d.id AND n.tenant_id = $2 WHERE d.tenant_id = $1", []any{42, 7}, "argument 2 (7)"},
		{"the scope's constant", "SELECT * FROM deals WHERE tenant_id = 42", nil, ""},
		{"another constant", "SELECT * FROM deals WHERE tenant_id = 7", nil, "the constant 7"},
		{"unpinned", "SELECT * FROM deals", nil, `unpinned: table "deals"`},
		{"global only", "SELECT * FROM plans", nil, ""},
		{"a Valuer", "SELECT * FROM deals WHERE tenant_id = $1", []any{valuer(42)}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := scope.Verify(tc.sql, tc.args)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Verify(%q, %v) = %v, want nil", tc.sql, tc.args, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tenantq.ErrUnsafe)):
				t.Errorf("Verify(%q, %v) = %v, want an unsafe error containing %q", tc.sql, tc.args, err, tc.want)
			}
		})
	}
	admin, err := tq.Unscoped("report")
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.Verify("SELECT * FROM deals", nil); err != nil {
		t.Errorf("an unscoped Scope's Verify = %v, want nil", err)
	}
}

// valuer is a driver.Valuer tenant, as a typed id often is.
type valuer int64

func (v valuer) Value() (driver.Value, error) { return int64(v), nil }

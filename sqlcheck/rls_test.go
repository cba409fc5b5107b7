package sqlcheck_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

// TestRowLevelSecurityPolicy checks the defaults of RowLevelSecurity and that New refuses a
// setting or role PostgreSQL would not take.
func TestRowLevelSecurityPolicy(t *testing.T) {
	t.Parallel()
	var zero sqlcheck.RowLevelSecurity
	if zero.TenantSetting() != sqlcheck.DefaultTenantSetting || zero.Role() != sqlcheck.DefaultUnscopedRole {
		t.Errorf("zero RowLevelSecurity = (%q, %q), want the defaults", zero.TenantSetting(), zero.Role())
	}
	tests := []struct {
		rls  sqlcheck.RowLevelSecurity
		want string // "" for valid
	}{
		{sqlcheck.RowLevelSecurity{}, ""},
		{sqlcheck.RowLevelSecurity{Setting: "app.tenant_id", UnscopedRole: "ops"}, ""},
		{sqlcheck.RowLevelSecurity{Setting: "a.b.c$1"}, ""},
		{sqlcheck.RowLevelSecurity{Setting: "tenant"}, `setting "tenant"`},
		{sqlcheck.RowLevelSecurity{Setting: "app."}, `setting "app."`},
		{sqlcheck.RowLevelSecurity{Setting: "app.tenant'; drop"}, `setting "app.tenant'; drop"`},
		{sqlcheck.RowLevelSecurity{Setting: "1app.x"}, `setting "1app.x"`},
		{sqlcheck.RowLevelSecurity{UnscopedRole: strings.Repeat("r", 64)}, "at most 63 bytes"},
	}
	for _, tt := range tests {
		_, err := sqlcheck.New(sqlcheck.Policy{RowLevelSecurity: &tt.rls})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("New(%+v): %v", tt.rls, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, sqlcheck.ErrPolicy)):
			t.Errorf("New(%+v) = %v, want an ErrPolicy naming %s", tt.rls, err, tt.want)
		}
	}
}

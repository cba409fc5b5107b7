package sqlcheck_test

import (
	"errors"
	"slices"
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

// TestTenantSettingRefused checks that a statement may not set the parameter that carries the
// tenant to row-level security: tenantq.tenant always, and the one the policy names.
func TestTenantSettingRefused(t *testing.T) {
	t.Parallel()
	named, err := sqlcheck.New(sqlcheck.Policy{RowLevelSecurity: &sqlcheck.RowLevelSecurity{Setting: "App.Tenant_ID"}})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		checker *sqlcheck.Checker
		sql     string
		refused bool
	}{
		{named, "SELECT set_config('app.tenant_id', '2', true)", true},
		{named, "SET app.tenant_id = 2", true},
		{named, "SELECT set_config('tenantq.tenant', $1, false)", true},
		{named, "SELECT set_config('app.request_id', $1, true)", false},
		{plain, "SELECT set_config('app.tenant_id', '2', true)", false},
		{plain, "SET tenantq.tenant TO '2'", true},
		{plain, "RESET tenantq.tenant", false},
		{plain, "SELECT set_config('tenantq.role', 'admin', true)", true},
		// The server matches setting names in any case, quoted or not.
		{plain, `SET "TENANTQ.TENANT" TO '2'`, true},
		{plain, `SET LOCAL "TenantQ"."Tenant" TO '2'`, true},
		{named, `SET "App.Tenant_Id" = 2`, true},
		{plain, `ALTER ROLE CURRENT_USER SET "Tenantq.Tenant" = '2'`, true},
		// A function's SET clause holds while it runs: one that sets the role or the tenant
		// runs its statements past the policies (the unscoped role sees every tenant's rows).
		{plain, `CREATE FUNCTION f() RETURNS SETOF text LANGUAGE sql SET role = 'tenantq_unscoped' AS $$SELECT name FROM contacts$$`, true},
		{plain, `ALTER FUNCTION f() SET "ROLE" TO tenantq_unscoped`, true},
		{plain, `CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql SET session_authorization = 'admin' AS $$SELECT 1$$`, true},
		{named, `CREATE PROCEDURE p() LANGUAGE sql SET app.tenant_id = '2' AS $$SELECT 1$$`, true},
		{named, `ALTER PROCEDURE p() SET app.tenant_id FROM CURRENT`, true},
		{plain, `CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$SELECT 1$$`, false},
		{plain, `ALTER FUNCTION f() RESET role`, false},
	}
	for _, tt := range tests {
		res := tt.checker.Check(tt.sql)
		refused := slices.ContainsFunc(res.Violations, func(v sqlcheck.Violation) bool {
			return v.Rule == sqlcheck.RuleUnverifiable && strings.Contains(v.Message, "row-level security")
		})
		if refused != tt.refused {
			t.Errorf("Check(%q) = %v, want refused %v", tt.sql, res.Violations, tt.refused)
		}
	}
}

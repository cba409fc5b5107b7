package sqlcheck_test

import (
	"slices"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// TestAuditKeysThatKeepTheTenant checks that the audit does not fault a foreign key that takes
// the tenant column to the referenced table's tenant column, nor the unique keys of the
// tenants' own table, while it still faults the keys that can cross tenants.
func TestAuditKeysThatKeepTheTenant(t *testing.T) {
	t.Parallel()
	tables, err := config.ParseSchema("schema.sql", `
CREATE TABLE accounts (id bigint PRIMARY KEY, slug text NOT NULL UNIQUE);
CREATE TABLE customers (id bigint PRIMARY KEY, tenant_id bigint NOT NULL REFERENCES accounts (id));
CREATE TABLE datasets (id bigint NOT NULL, tenant_id bigint NOT NULL, PRIMARY KEY (id, tenant_id));
CREATE TABLE items (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, dataset_id bigint NOT NULL,
	customer_id bigint REFERENCES customers (id),
	FOREIGN KEY (dataset_id, tenant_id) REFERENCES datasets (id, tenant_id));
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := sqlcheck.New(sqlcheck.Policy{Schema: tables, Tables: map[string]string{"accounts": "id"}})
	if err != nil {
		t.Fatal(err)
	}
	_, findings := c.Audit()
	var got []string
	for _, f := range findings {
		got = append(got, f.Kind+" "+f.Table)
	}
	// items.customer_id is the one key that can point into another tenant.
	if want := []string{"cross-tenant-key items"}; !slices.Equal(got, want) {
		t.Errorf("Audit findings = %v, want %v", got, want)
	}
}

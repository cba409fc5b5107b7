package sqlcheck_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// auditDDL has one of each schema problem the audit finds.
const auditDDL = `
CREATE TABLE contacts (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, email text NOT NULL UNIQUE);
CREATE TABLE deals (id bigint PRIMARY KEY, tenant_id bigint NOT NULL,
	contact_id bigint REFERENCES contacts ON DELETE CASCADE);
CREATE TABLE attachments (id bigint PRIMARY KEY, deal_id bigint NOT NULL, name text);
CREATE TABLE line_items (id bigint PRIMARY KEY, deal_id bigint NOT NULL REFERENCES deals, sku text);
CREATE TABLE plans (id bigint PRIMARY KEY, name text);
`

const auditData = `
INSERT INTO contacts VALUES (1, 1, 'a@x'), (2, 2, 'b@x');
INSERT INTO deals VALUES (10, 1, 1), (20, 2, 2);
`

func auditChecker(t *testing.T, ddl string) *sqlcheck.Checker {
	t.Helper()
	tables, err := config.ParseSchema("schema.sql", ddl, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := sqlcheck.New(sqlcheck.Policy{Schema: tables})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAudit checks what the audit says of each table, and that the migration it proposes for a
// foreign key that can cross tenants runs on PostgreSQL, rejects a row that points into another
// tenant, and leaves a schema the audit no longer faults.
func TestAudit(t *testing.T) {
	t.Parallel()
	tables, findings := auditChecker(t, auditDDL).Audit()
	kinds := map[string]string{}
	for _, r := range tables {
		kinds[r.Table] = string(r.Kind) + " " + r.TenantColumn + r.Path
	}
	want := map[string]string{
		"contacts":    "tenant tenant_id",
		"deals":       "tenant tenant_id",
		"line_items":  "owned-through line_items.deal_id -> deals.id",
		"attachments": "unowned ",
		"plans":       "global ",
	}
	for name, w := range want {
		if kinds[name] != w {
			t.Errorf("Audit: %s is %q, want %q", name, kinds[name], w)
		}
	}
	var got []string
	var fix string
	for _, f := range findings {
		got = append(got, f.Kind+" "+f.Table)
		if f.Kind == "cross-tenant-key" {
			fix = f.Fix
			if !strings.Contains(f.Message, "ON DELETE CASCADE") {
				t.Errorf("the cross-tenant key's message %q does not warn of its cascade", f.Message)
			}
		}
	}
	if strings.Join(got, ", ") != "unowned attachments, unique-across-tenants contacts, cross-tenant-key deals" {
		t.Errorf("Audit findings = %v", got)
	}

	ctx := context.Background()
	// The migration runs, and afterwards the key holds the tenant column.
	pool := testdb.OpenSchema(t, auditDDL+auditData)
	//tenantvet:ignore runs the audit's migration, DDL that reads no tenant's rows for anyone
	if _, err := pool.Exec(ctx, fix); err != nil {
		t.Fatalf("the proposed migration fails on a consistent database: %v\n%s", err, fix)
	}
	_, after := auditChecker(t, auditDDL+fix).Audit()
	for _, f := range after {
		if f.Kind == "cross-tenant-key" {
			t.Errorf("after the migration the audit still finds %s: %s", f.Table, f.Message)
		}
	}
	// On a database where a deal points at another tenant's contact, VALIDATE refuses.
	bad := testdb.OpenSchema(t, auditDDL+auditData+"INSERT INTO deals VALUES (30, 2, 1);")
	//tenantvet:ignore runs the audit's migration, DDL that reads no tenant's rows for anyone
	_, err := bad.Exec(ctx, fix)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23503" {
		t.Errorf("the migration on a database with a cross-tenant row = %v, want a foreign key violation (23503)", err)
	}
}

package rls_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/rls"
	"github.com/tenantq/tenantq/sqlcheck"
)

func TestGenerateRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ddl string
		global    []string
		want      []string // substrings of the error, each
	}{
		{
			name: "no schema",
			want: []string{"no schema", "set schema in tenantq.yaml"},
		},
		{
			name: "a table that looks owned but has no key",
			ddl:  "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint); CREATE TABLE order_tags (order_id bigint, tag text);",
			want: []string{"order_tags: no tenant column and no owning foreign key", "global_tables"},
		},
		{
			name: "a tenant column of unknown type, and an owned table through it",
			ddl:  "CREATE TABLE src (id bigint PRIMARY KEY, tenant_id bigint); CREATE TABLE copy AS SELECT id, tenant_id FROM src; ALTER TABLE copy ADD PRIMARY KEY (id); CREATE TABLE child (id int, copy_id bigint REFERENCES copy (id));",
			want: []string{"2 tables", `copy: the type of its tenant column "tenant_id" is not known`, "child: through copy: the type"},
		},
	}
	for _, tt := range tests {
		var tables []sqlcheck.Table
		if tt.ddl != "" {
			var err error
			if tables, err = config.ParseSchema("schema.sql", tt.ddl, nil); err != nil {
				t.Fatal(err)
			}
		}
		m, err := rls.Generate(sqlcheck.Policy{Schema: tables, GlobalTables: tt.global})
		if err == nil {
			t.Errorf("%s: Generate = %q, want an error", tt.name, m.Up)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: Generate error %q does not say %q", tt.name, err, w)
			}
		}
		var e *rls.Error
		if tt.ddl != "" && !errors.As(err, &e) {
			t.Errorf("%s: Generate error %T is not an *rls.Error", tt.name, err)
		}
	}
}

// TestSharedTenantsByType checks that a shared tenant is written only into the policies of
// tables whose tenant column can hold it.
func TestSharedTenantsByType(t *testing.T) {
	t.Parallel()
	tables, err := config.ParseSchema("schema.sql", `
CREATE TABLE a (tenant_id bigint);
CREATE TABLE b (tenant_id uuid);
CREATE TABLE c (tenant_id text);`, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := rls.Generate(sqlcheck.Policy{Schema: tables, SharedTenants: []string{"0", "'00000000-0000-0000-0000-000000000000'", "'7'"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"USING (a.tenant_id IN (0::bigint, '7'::bigint))",
		"USING (b.tenant_id IN ('00000000-0000-0000-0000-000000000000'::uuid))",
		"USING (c.tenant_id IN (0::text, '00000000-0000-0000-0000-000000000000'::text, '7'::text))",
	} {
		if !strings.Contains(m.Up, want) {
			t.Errorf("Up lacks %s", want)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSchemaCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tenantq.yaml", "schema: schema.sql\nglobal_tables: [plans]\n")
	write("schema.sql", `CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders);
CREATE TABLE deals (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, order_id bigint REFERENCES orders);
CREATE TABLE plans (id bigint PRIMARY KEY);
`)
	var out, errb bytes.Buffer
	if code := run([]string{"schema", dir}, nil, &out, &errb); code != exitFindings {
		t.Fatalf("tenantvet schema = %d, want %d (a finding)\n%s%s", code, exitFindings, out.String(), errb.String())
	}
	for _, want := range []string{
		"4 tables: 2 tenant, 1 owned-through, 0 reached-through, 1 global",
		"line_items  owned-through: line_items.order_id -> orders.id",
		"plans       global, as tenantq.yaml says",
		"deals: cross-tenant-key",
		"ALTER TABLE orders ADD UNIQUE (tenant_id, id);",
		"ALTER TABLE deals VALIDATE CONSTRAINT deals_tenant_id_order_id_fkey;",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("tenantvet schema output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"schema", "-json", dir}, nil, &out, &errb); code != exitFindings {
		t.Fatalf("tenantvet schema -json = %d", code)
	}
	var doc struct {
		Tables   []map[string]any `json:"tables"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Tables) != 4 || len(doc.Findings) != 1 {
		t.Errorf("tenantvet schema -json: %v, %d tables, %d findings:\n%s", err, len(doc.Tables), len(doc.Findings), out.String())
	}

	// Without a schema there is nothing to audit: say where to add one.
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "tenantq.yaml"), []byte("tenant_columns: [tenant_id]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := run([]string{"schema", empty}, nil, &out, &errb); code != exitError || !strings.Contains(errb.String(), "names no schema") {
		t.Errorf("tenantvet schema without a schema = %d, %q; want 2 and a message naming the missing key", code, errb.String())
	}
}

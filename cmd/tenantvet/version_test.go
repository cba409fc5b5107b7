package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVetCacheFollowsPolicy runs tenantvet twice on unchanged sources with a changed policy in
// between: go vet caches analysis by source, so the second run must see the new policy (first
// tenantq.yaml, then the schema it names), not replay the first run's findings.
func TestVetCacheFollowsPolicy(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// app.go queries plans unpinned, which the e2e policy lists as global.
	if code, _, stderr := command(t, dir, bin, "./app"); strings.Contains(stderr, `table "plans"`) {
		t.Fatalf("first run (exit %d) reported plans, which is global:\n%s", code, stderr)
	}
	write("tenantq.yaml", "global_tables: []\n")
	if _, _, stderr := command(t, dir, bin, "./app"); !strings.Contains(stderr, `table "plans" has no tenant predicate`) {
		t.Errorf("after tenantq.yaml made plans a tenant table, tenantvet reported\n%s\nwant plans unpinned", stderr)
	}
	// The schema the policy names: plans has no tenant column, so it is global again...
	write("schema.sql", "CREATE TABLE plans (id int);\nCREATE TABLE deals (id int, tenant_id int);\nCREATE TABLE notes (id int, tenant_id int);\n")
	write("tenantq.yaml", "schema: schema.sql\n")
	if _, _, stderr := command(t, dir, bin, "./app"); strings.Contains(stderr, `table "plans"`) {
		t.Errorf("with a schema where plans is global, tenantvet reported\n%s", stderr)
	}
	// ...until a migration in the schema gives it one: only schema.sql changed.
	write("schema.sql", "CREATE TABLE plans (id int, tenant_id int);\nCREATE TABLE deals (id int, tenant_id int);\nCREATE TABLE notes (id int, tenant_id int);\n")
	if _, _, stderr := command(t, dir, bin, "./app"); !strings.Contains(stderr, `table "plans" has no tenant predicate`) {
		t.Errorf("after only schema.sql changed, tenantvet reported\n%s\nwant plans unpinned", stderr)
	}
	// go vet -vettool run directly sees the change as well.
	write("schema.sql", "CREATE TABLE plans (id int);\nCREATE TABLE deals (id int, tenant_id int);\nCREATE TABLE notes (id int, tenant_id int);\n")
	if _, _, stderr := command(t, dir, "go", "vet", "-vettool="+bin, "./app"); strings.Contains(stderr, `table "plans"`) {
		t.Errorf("go vet -vettool after schema.sql changed reported\n%s", stderr)
	}
}

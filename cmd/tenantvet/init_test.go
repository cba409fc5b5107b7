package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// initSchema has organizations as tenants, projects under them (a sub-tenant), tasks tied to
// both by a composite key, comments owned through tasks, attachments with two owners, and a
// global table.
const initSchema = `
CREATE TABLE organizations (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE projects (id bigint PRIMARY KEY, organization_id bigint NOT NULL REFERENCES organizations, UNIQUE (organization_id, id));
CREATE TABLE tasks (id bigint PRIMARY KEY, organization_id bigint NOT NULL, project_id bigint NOT NULL,
	FOREIGN KEY (organization_id, project_id) REFERENCES projects (organization_id, id));
CREATE TABLE comments (id bigint PRIMARY KEY, task_id bigint NOT NULL REFERENCES tasks, body text);
CREATE TABLE attachments (id bigint PRIMARY KEY, comment_id bigint REFERENCES comments, task_id bigint NOT NULL REFERENCES tasks);
CREATE TABLE countries (code text PRIMARY KEY);
`

func TestInitCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "db", "queries"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("db/schema.sql", initSchema)
	write("db/queries/tasks.sql", "-- name: Task :one\nSELECT * FROM tasks WHERE organization_id = $1 AND id = $2;\n\n-- name: Comments :many\nSELECT * FROM comments WHERE task_id = $1;\n")
	var out, errb bytes.Buffer
	if code := run([]string{"init", "-schema", "db/schema.sql", dir}, nil, &out, &errb); code != exitClean {
		t.Fatalf("tenantvet init = %d\n%s%s", code, out.String(), errb.String())
	}
	data, err := os.ReadFile(filepath.Join(dir, "tenantq.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`tenant_columns: ["organization_id"]`,
		"organization_id 2,",
		`  - "db/schema.sql"`,
		`  - "countries"`,
		// The tenants themselves: a tenant reads its own organization, not every one.
		"tables:\n  \"organizations\": \"id\"\n",
		`"attachments": ["task_id"]  # or [comment_id] to comments`,
		`"project_id": "projects.id"`,
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("tenantq.yaml lacks %q:\n%s", want, data)
		}
	}
	if bytes.Contains(data, []byte(`  - "organizations"`)) {
		t.Errorf("tenantq.yaml lists organizations, the tenants' table, as global:\n%s", data)
	}
	for _, want := range []string{
		"wrote " + filepath.Join(dir, "tenantq.yaml") + ": tenant columns organization_id; 6 tables: 3 tenant, 2 owned through a parent, 0 reached through a link, 1 global, 0 to decide; 0 schema findings",
		"owners: 1 table has several foreign keys to tenant-owned tables",
		"first check of 1 query file: 1 finding, unpinned 1",
		"tenantvet sql -write-baseline tenantvet-baseline.json " + dir,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("tenantvet init output lacks %q:\n%s", want, out.String())
		}
	}
	// The file it wrote is a policy the checker takes: comments are owned through tasks.
	cfg, err := config.Load(filepath.Join(dir, "tenantq.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := cfg.Policy()
	if err != nil {
		t.Fatal(err)
	}
	c, err := sqlcheck.New(*p)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Check("SELECT c.* FROM comments c JOIN tasks t ON t.id = c.task_id WHERE t.organization_id = $1"); !r.Safe() {
		t.Errorf("under the proposed policy a comment pinned through its task is refused: %v", r.Err())
	}
	// It does not overwrite the file without -force.
	errb.Reset()
	if code := run([]string{"init", "-schema", "db/schema.sql", dir}, nil, &out, &errb); code != exitError || !strings.Contains(errb.String(), "-force") {
		t.Errorf("a second tenantvet init = %d, %q; want 2 and a word about -force", code, errb.String())
	}
}

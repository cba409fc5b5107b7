package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// TestInitPublicSchemas runs tenantvet init on three public projects' schemas
// (testdata/schemas, each with its source in its header) of different shapes and checks the
// choices that matter: the tenant column, the tenants' own table, owned-through tables and
// their owners, membership suggestions, global tables and tables left for the team to decide.
// docs/adopt.md shows what init proposed on each.
func TestInitPublicSchemas(t *testing.T) {
	t.Parallel()
	type want struct {
		summary       string
		tenantColumns []string
		tables        map[string]string   // tenants' own tables, under tables
		owned         map[string]string   // owned-through table: the start of its path
		owners        map[string][]string // proposed under owners
		global        []string            // among the global tables
		notGlobal     []string            // tables that must not be proposed global
		yaml          []string            // lines of the file, comments included
		audit         string              // the first line of tenantvet schema
	}
	tests := []struct {
		name string
		want want
	}{{
		// A tenant column on almost every table, in two spellings.
		name: "hatchet",
		want: want{
			summary:       "tenant columns tenant_id, tenantId; 132 tables: 91 tenant, 16 owned through a parent, 0 reached through a link, 19 global, 6 to decide; 40 schema findings",
			tenantColumns: []string{"tenant_id", "tenantId"},
			tables:        map[string]string{"Tenant": "id"},
			owned: map[string]string{
				"WorkflowVersion":     "WorkflowVersion.workflowId -> Workflow.id",
				"WorkerLabel":         "WorkerLabel.workerId -> Worker.id",
				"WorkflowConcurrency": "WorkflowConcurrency.workflowVersionId -> WorkflowVersion.id, WorkflowVersion.workflowId -> Workflow.id",
				"_ActionToWorker":     "_ActionToWorker.A -> Action.id",
			},
			owners: map[string][]string{
				"WorkflowVersion":     {"workflowId"},
				"WorkflowConcurrency": {"workflowVersionId"},
				"_ActionToWorker":     {"A"},
			},
			global:    []string{"User", "UserPassword", "MessageQueue", "Ticker"},
			notGlobal: []string{"Tenant", "v1_dag_to_task", "v1_dag_data"},
			audit:     "132 tables: 91 tenant, 16 owned-through, 0 reached-through, 19 global, 6 unowned (refused until",
			yaml: []string{
				`"WorkflowVersion": ["workflowId"]  # or [onFailureJobId] to Job`,
				`#   "User": "TenantMember.userId"`,
				`#   v1_dag_to_task: its column task_id looks like a key of v1_task, whose rows belong to tenants`,
				`a key): userId 3.`,
			},
		},
	}, {
		// Child tables without the tenant column: feeds and entries under users.
		name: "miniflux",
		want: want{
			summary:       "tenant columns user_id; 14 tables: 9 tenant, 2 owned through a parent, 0 reached through a link, 3 global, 0 to decide; 6 schema findings",
			tenantColumns: []string{"user_id"},
			tables:        map[string]string{"users": "id"},
			owned: map[string]string{
				"feed_icons":       "feed_icons.feed_id -> feeds.id",
				"entry_tombstones": "entry_tombstones.feed_id -> feeds.id",
			},
			global:    []string{"icons", "acme_cache", "schema_version"},
			audit:     "14 tables: 9 tenant, 2 owned-through, 0 reached-through, 3 global\n",
			notGlobal: []string{"users", "feeds", "entries"},
		},
	}, {
		// Organizations above projects; project_id on almost every table.
		name: "langfuse",
		want: want{
			summary:       "tenant columns project_id; 71 tables: 56 tenant, 2 owned through a parent, 0 reached through a link, 13 global, 0 to decide; 23 schema findings",
			tenantColumns: []string{"project_id"},
			tables:        map[string]string{"projects": "id"},
			owned: map[string]string{
				"evaluator_versions": "evaluator_versions.evaluator_id -> evaluators.id",
				"pricing_tiers":      "pricing_tiers.model_id -> models.id",
			},
			global:    []string{"organizations", "organization_memberships", "users", "Account"},
			notGlobal: []string{"projects", "traces", "project_memberships"},
			yaml: []string{
				`#   "organizations": "projects.org_id"`,
				`#   "users": "project_memberships.user_id"`,
				`a key): user_id 4, org_id 4, organization_id 1.`,
			},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			schema, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schemas", tc.name, "schema.sql"))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "schema.sql"), schema, 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			if code := run([]string{"init", "-schema", "schema.sql", dir}, nil, &out, &errb); code != exitClean {
				t.Fatalf("tenantvet init = %d\n%s%s", code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tc.want.summary) {
				t.Errorf("tenantvet init printed\n%s\nwant %q", out.String(), tc.want.summary)
			}
			yaml, err := os.ReadFile(filepath.Join(dir, "tenantq.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range tc.want.yaml {
				if !bytes.Contains(yaml, []byte(line)) {
					t.Errorf("tenantq.yaml lacks %q:\n%s", line, yaml)
				}
			}
			cfg, err := config.Load(filepath.Join(dir, "tenantq.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.TenantColumns, tc.want.tenantColumns) {
				t.Errorf("tenant_columns = %q, want %q", cfg.TenantColumns, tc.want.tenantColumns)
			}
			if !reflect.DeepEqual(cfg.Tables, tc.want.tables) {
				t.Errorf("tables = %v, want %v", cfg.Tables, tc.want.tables)
			}
			for table, cols := range tc.want.owners {
				if got := cfg.Owners[table]; !slices.Equal(got, cols) {
					t.Errorf("owners[%q] = %q, want %q", table, got, cols)
				}
			}
			for _, g := range tc.want.global {
				if !slices.Contains(cfg.GlobalTables, g) {
					t.Errorf("global_tables lacks %q: %q", g, cfg.GlobalTables)
				}
			}
			for _, g := range tc.want.notGlobal {
				if slices.Contains(cfg.GlobalTables, g) {
					t.Errorf("global_tables lists %q", g)
				}
			}
			if tc.want.audit != "" {
				var audit bytes.Buffer
				run([]string{"schema", dir}, nil, &audit, io.Discard)
				if !strings.HasPrefix(audit.String(), tc.want.audit) {
					t.Errorf("tenantvet schema begins\n%.200s\nwant %q", audit.String(), tc.want.audit)
				}
			}
			// What the checker makes of the tables under the file written.
			p, err := cfg.Policy()
			if err != nil {
				t.Fatal(err)
			}
			c, err := sqlcheck.New(*p)
			if err != nil {
				t.Fatal(err)
			}
			reports, _ := c.Audit()
			kinds := map[string]sqlcheck.TableReport{}
			for _, r := range reports {
				kinds[r.Table] = r
			}
			for table := range tc.want.tables {
				if r := kinds[table]; r.Kind != sqlcheck.TenantTable {
					t.Errorf("tenants' table %q is %q, want %q", table, r.Kind, sqlcheck.TenantTable)
				}
			}
			for table, path := range tc.want.owned {
				if r := kinds[table]; r.Kind != sqlcheck.OwnedThroughTable || !strings.HasPrefix(r.Path, path) {
					t.Errorf("table %q is %q through %q, want owned through %q", table, r.Kind, r.Path, path)
				}
			}
		})
	}
}

package config_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// orgsProjects has projects as the tenants of most tables (project_id), organizations above
// them, a membership table, a per-organization table and a project's optional home dashboard.
const orgsProjects = `
CREATE TABLE organizations (id text PRIMARY KEY, name text NOT NULL);
CREATE TABLE users (id text PRIMARY KEY, email text);
CREATE TABLE projects (id text PRIMARY KEY, org_id text NOT NULL REFERENCES organizations, name text, home_dashboard_id text);
CREATE TABLE dashboards (id text PRIMARY KEY, project_id text NOT NULL REFERENCES projects);
ALTER TABLE projects ADD FOREIGN KEY (home_dashboard_id) REFERENCES dashboards;
CREATE TABLE traces (id text PRIMARY KEY, project_id text NOT NULL REFERENCES projects ON DELETE CASCADE, user_id text);
CREATE TABLE comments (id text PRIMARY KEY, project_id text NOT NULL REFERENCES projects, author_user_id text REFERENCES users);
CREATE TABLE project_memberships (project_id text NOT NULL REFERENCES projects, user_id text NOT NULL REFERENCES users, role text, PRIMARY KEY (project_id, user_id));
CREATE TABLE billing (id text PRIMARY KEY, org_id text NOT NULL REFERENCES organizations, amount int);
CREATE TABLE datasets (id text, project_id text NOT NULL REFERENCES projects, PRIMARY KEY (id, project_id));
CREATE TABLE dataset_items (id text PRIMARY KEY, project_id text NOT NULL, dataset_id text NOT NULL,
	FOREIGN KEY (dataset_id, project_id) REFERENCES datasets (id, project_id));
`

func propose(t *testing.T, ddl string) *config.Proposal {
	t.Helper()
	tables, err := config.ParseSchema("schema.sql", ddl, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := config.Propose(tables)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func kindOf(p *config.Proposal, table string) sqlcheck.TableKind {
	for _, r := range p.Tables {
		if r.Table == table {
			return r.Kind
		}
	}
	return ""
}

// TestProposeTenantsTable checks that the table the tenant column references is proposed as
// the tenants' own table, keyed by its id, rather than as a global table (whose every row
// each tenant could read) or as a table owned through one of its own foreign keys.
func TestProposeTenantsTable(t *testing.T) {
	p := propose(t, orgsProjects)
	if want := []string{"project_id"}; !reflect.DeepEqual(p.TenantColumns, want) {
		t.Fatalf("TenantColumns = %q, want %q", p.TenantColumns, want)
	}
	if want := map[string]string{"projects": "id"}; !reflect.DeepEqual(p.TenantTables, want) {
		t.Errorf("TenantTables = %v, want %v", p.TenantTables, want)
	}
	for table, want := range map[string]sqlcheck.TableKind{
		"projects": sqlcheck.TenantTable, "traces": sqlcheck.TenantTable,
		"organizations": sqlcheck.GlobalTable, "billing": sqlcheck.GlobalTable,
	} {
		if got := kindOf(p, table); got != want {
			t.Errorf("table %q is %q, want %q", table, got, want)
		}
	}
	// The foreign keys from project_id to projects.id, and from (dataset_id, project_id) to
	// datasets (id, project_id), tie each row to its tenant's: no cross-tenant-key finding;
	// the single-column key from projects to dashboards is one.
	var crossTenant []string
	for _, f := range p.Findings {
		if f.Kind == "cross-tenant-key" {
			crossTenant = append(crossTenant, f.Table+": "+f.Message[:strings.Index(f.Message, " can ")])
		}
	}
	if want := []string{"projects: foreign key projects_home_dashboard_id_fkey (home_dashboard_id) to dashboards (id)"}; !reflect.DeepEqual(crossTenant, want) {
		t.Errorf("cross-tenant-key findings %q, want %q", crossTenant, want)
	}
	// The organization is reached through the project's own key; users through the
	// membership table, whose (project_id, user_id) is unique, not through comments.
	wantLinks := map[string]sqlcheck.Link{
		"organizations": {Table: "projects", Column: "org_id"},
		"users":         {Table: "project_memberships", Column: "user_id"},
	}
	if !reflect.DeepEqual(p.Links, wantLinks) {
		t.Errorf("Links = %v, want %v", p.Links, wantLinks)
	}
	if want := []config.Candidate{{Column: "org_id", Tables: 1}}; !reflect.DeepEqual(p.Uncovered, want) {
		t.Errorf("Uncovered = %v, want %v", p.Uncovered, want)
	}
	yaml := string(p.YAML([]string{"schema.sql"}))
	for _, want := range []string{
		"tables:\n  \"projects\": \"id\"\n",
		"#   \"organizations\": \"projects.org_id\"\n",
		"a key): org_id 1.\n",
	} {
		if !strings.Contains(yaml, want) {
			t.Errorf("YAML lacks %q:\n%s", want, yaml)
		}
	}
	if strings.Contains(yaml, "  - \"projects\"\n") {
		t.Errorf("YAML lists projects as a global table:\n%s", yaml)
	}
	// The written file is a policy under which a tenant reads its own project only.
	cfg, err := config.Parse("tenantq.yaml", []byte(strings.Replace(yaml, "schema:\n  - \"schema.sql\"\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	pol, err := cfg.Policy()
	if err != nil {
		t.Fatal(err)
	}
	tables, _ := config.ParseSchema("schema.sql", orgsProjects, nil)
	pol.Schema = tables
	c, err := sqlcheck.New(*pol)
	if err != nil {
		t.Fatal(err)
	}
	for sql, safe := range map[string]bool{
		"SELECT name FROM projects WHERE id = $1":                                          true,
		"SELECT name FROM projects":                                                        false,
		"SELECT t.id FROM traces t JOIN projects p ON p.id = t.project_id WHERE p.id = $1": true,
	} {
		if got := c.Check(sql).Safe(); got != safe {
			t.Errorf("Check(%q).Safe() = %v, want %v", sql, got, safe)
		}
	}
}

// TestProposeQualifiedNames checks that a schema whose DDL names every table with "public."
// (as pg_dump writes it) gets the proposal of the same schema written without it.
func TestProposeQualifiedNames(t *testing.T) {
	qualifiedDDL := strings.NewReplacer("TABLE ", "TABLE public.", "REFERENCES ", "REFERENCES public.").Replace(orgsProjects)
	plain, qualified := propose(t, orgsProjects), propose(t, qualifiedDDL)
	if a, b := plain.YAML([]string{"schema.sql"}), qualified.YAML([]string{"schema.sql"}); string(a) != string(b) {
		t.Errorf("unqualified DDL proposes\n%s\npublic.-qualified DDL proposes\n%s", a, b)
	}
	if len(qualified.Links) == 0 || len(qualified.TenantTables) == 0 {
		t.Errorf("public.-qualified DDL: Links %v, TenantTables %v; want both", qualified.Links, qualified.TenantTables)
	}
}

// TestProposeSearchPath checks that search_path is written for tables read from schemas
// other than public alone, and not for public.
func TestProposeSearchPath(t *testing.T) {
	p := propose(t, orgsProjects)
	if strings.Contains(string(p.YAML([]string{"s.sql"})), "search_path") {
		t.Error("YAML has search_path without one set")
	}
	p.SearchPath = []string{"public"}
	if strings.Contains(string(p.YAML([]string{"s.sql"})), "search_path") {
		t.Error("YAML has search_path for public alone")
	}
	p.SearchPath = []string{"app", "public"}
	p.SchemaNote = []string{"read from a database", "  indented"}
	yaml := string(p.YAML([]string{"s.sql"}))
	for _, want := range []string{"search_path: [\"app\", \"public\"]\n", "# read from a database\n#   indented\nschema:\n"} {
		if !strings.Contains(yaml, want) {
			t.Errorf("YAML lacks %q:\n%s", want, yaml)
		}
	}
	if _, err := config.Parse("tenantq.yaml", []byte(yaml)); err != nil {
		t.Errorf("YAML does not parse: %v\n%s", err, yaml)
	}
}

// TestProposeSearchPathNames checks the names written for tables read from schema app first,
// then public (as ReadCatalog reads them under search_path app, public): public's tables are
// qualified, so that the file's search_path does not resolve them into app.
func TestProposeSearchPathNames(t *testing.T) {
	ddl := `CREATE SCHEMA app;
		CREATE TABLE public.plans (id int PRIMARY KEY);
		CREATE TABLE public.accounts (id int PRIMARY KEY);
		CREATE TABLE app.plans (id int PRIMARY KEY, account_id int NOT NULL REFERENCES public.accounts);
		CREATE TABLE app.notes (id int PRIMARY KEY, account_id int NOT NULL REFERENCES public.accounts, plan_id int REFERENCES public.plans);`
	tables, err := config.ParseSchema("schema.sql", ddl, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := config.Propose(tables)
	if err != nil {
		t.Fatal(err)
	}
	p.SearchPath = []string{"app", "public"}
	yaml := string(p.YAML([]string{"schema.sql"}))
	for _, want := range []string{
		"tables:\n  \"public.accounts\": \"id\"\n",
		"global_tables:\n  - \"public.plans\"\n",
		"#   \"public.plans\": \"app.notes.plan_id\"\n",
	} {
		if !strings.Contains(yaml, want) {
			t.Errorf("YAML lacks %q:\n%s", want, yaml)
		}
	}
	cfg, err := config.Parse("tenantq.yaml", []byte(strings.Replace(yaml, "schema:\n  - \"schema.sql\"\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	pol, err := cfg.Policy()
	if err != nil {
		t.Fatal(err)
	}
	pol.Schema = tables
	c, err := sqlcheck.New(*pol)
	if err != nil {
		t.Fatal(err)
	}
	for sql, safe := range map[string]bool{
		"SELECT * FROM public.plans":                true,
		"SELECT * FROM plans":                       false, // app.plans, a tenant table
		"SELECT * FROM plans WHERE account_id = $1": true,
		"SELECT * FROM public.accounts":             false,
	} {
		if got := c.Check(sql).Safe(); got != safe {
			t.Errorf("Check(%q).Safe() = %v, want %v", sql, got, safe)
		}
	}
}

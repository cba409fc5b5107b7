package config_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string // name passed to Parse
		src  string
		want *config.Config
	}{
		{
			name: "empty file",
			file: "tenantq.yaml",
			src:  "",
			want: &config.Config{Path: "tenantq.yaml", TenantColumns: []string{"tenant_id"}, SearchPath: []string{"public"}},
		},
		{
			name: "comments only",
			file: "tenantq.yaml",
			src:  "# nothing configured yet\n",
			want: &config.Config{Path: "tenantq.yaml", TenantColumns: []string{"tenant_id"}, SearchPath: []string{"public"}},
		},
		{
			name: "null document and null values keep the defaults",
			file: "tenantq.yaml",
			src:  "tenant_columns:\nschema: ~\nunknown_tables: null\n",
			want: &config.Config{Path: "tenantq.yaml", TenantColumns: []string{"tenant_id"}, SearchPath: []string{"public"}},
		},
		{
			name: "every key",
			file: filepath.Join("proj", "tenantq.yaml"),
			src: `tenant_columns: [tenant_id, account_id]
schema: db/schema.sql
global_tables:
  - plans
  - public.countries
tables:
  teams: id
  audit.events: org_id
unknown_tables: global
shared_tenants: [0, -7, 0x10, shared, "o'brien", "42"]
search_path: [app, public]
`,
			want: &config.Config{
				Path:          filepath.Join("proj", "tenantq.yaml"),
				TenantColumns: []string{"tenant_id", "account_id"},
				Schema:        []string{filepath.Join("proj", "db", "schema.sql")},
				GlobalTables:  []string{"plans", "public.countries"},
				Tables:        map[string]string{"teams": "id", "audit.events": "org_id"},
				UnknownTables: sqlcheck.UnknownGlobal,
				SharedTenants: []string{"0", "-7", "16", "'shared'", "'o''brien'", "'42'"},
				SearchPath:    []string{"app", "public"},
			},
		},
		{
			name: "unknown_tables tenant",
			file: "tenantq.yaml",
			src:  "unknown_tables: tenant\n",
			want: &config.Config{Path: "tenantq.yaml", TenantColumns: []string{"tenant_id"}, SearchPath: []string{"public"}},
		},
		{
			name: "schema relative to the file",
			file: filepath.Join("a", "b", "tenantq.yaml"),
			src:  "schema: ../migrations\n",
			want: &config.Config{
				Path: filepath.Join("a", "b", "tenantq.yaml"), TenantColumns: []string{"tenant_id"},
				Schema: []string{filepath.Join("a", "migrations")}, SearchPath: []string{"public"},
			},
		},
		{
			name: "schema relative to a bare file name",
			file: "tenantq.yaml",
			src:  "schema: ./schema.sql\n",
			want: &config.Config{
				Path: "tenantq.yaml", TenantColumns: []string{"tenant_id"},
				Schema: []string{"schema.sql"}, SearchPath: []string{"public"},
			},
		},
		{
			name: "absolute schema kept",
			file: filepath.Join("a", "tenantq.yaml"),
			src:  "schema: " + filepath.ToSlash(filepath.Join(string(filepath.Separator), "srv", "schema.sql")) + "\n",
			want: &config.Config{
				Path: filepath.Join("a", "tenantq.yaml"), TenantColumns: []string{"tenant_id"},
				Schema: []string{filepath.Join(string(filepath.Separator), "srv", "schema.sql")}, SearchPath: []string{"public"},
			},
		},
		{
			name: "empty lists and maps",
			file: "tenantq.yaml",
			src:  "global_tables: []\ntables: {}\nshared_tenants: []\n",
			want: &config.Config{Path: "tenantq.yaml", TenantColumns: []string{"tenant_id"}, SearchPath: []string{"public"}},
		},
		{
			name: "anchors and aliases",
			file: "tenantq.yaml",
			src:  "tenant_columns: &cols [org_id]\nglobal_tables: [&p plans]\ntables: {teams: *p}\n",
			want: &config.Config{
				Path: "tenantq.yaml", TenantColumns: []string{"org_id"}, GlobalTables: []string{"plans"},
				Tables: map[string]string{"teams": "plans"}, SearchPath: []string{"public"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := config.Parse(tc.file, []byte(tc.src))
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tc.src, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q) =\n%+v\nwant\n%+v", tc.src, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	const known = "(known keys: version, tenant_columns, schema, global_tables, tables, unknown_tables, shared_tenants, search_path, owners, reached_through, trust_foreign_keys, sub_tenants, row_level_security, sinks)"
	tests := []struct {
		name string
		src  string
		want string
		key  string
		line int
	}{
		{
			name: "unknown key",
			src:  "schema: schema.sql\nlinter: strict\n",
			want: `tenantq.yaml:2: unknown key "linter" ` + known,
			line: 2,
		},
		{
			name: "typo in key",
			src:  "# tenancy\n\ntenant_column: [tenant_id]\n",
			want: `tenantq.yaml:3: unknown key "tenant_column" ` + known,
			line: 3,
		},
		{
			name: "reached_through without a column",
			src:  "reached_through:\n  users: users_accounts\n",
			want: `tenantq.yaml:2: reached_through: "users": want the link table's foreign key column as "link_table.column", not "users_accounts"`,
			key:  "reached_through",
			line: 2,
		},
		{
			name: "owners with a map",
			src:  "owners:\n  shipments: {order_id: 1}\n",
			want: `tenantq.yaml:2: owners: want a list of column names, not a map`,
			key:  "owners",
			line: 2,
		},
		{
			name: "owners duplicate table",
			src:  "owners:\n  shipments: order_id\n  shipments: [a]\n",
			want: `tenantq.yaml:3: owners: duplicate table "shipments" (first on line 2)`,
			key:  "owners",
			line: 3,
		},
		{
			name: "row_level_security setting without a dot",
			src:  "row_level_security:\n  setting: tenant\n",
			want: `tenantq.yaml:2: row_level_security: setting "tenant": want a custom parameter name, identifiers joined by dots, such as "tenantq.tenant"`,
			key:  "row_level_security",
			line: 2,
		},
		{
			name: "row_level_security unknown key",
			src:  "row_level_security:\n  role: app\n",
			want: `tenantq.yaml:2: row_level_security: unknown key "role" (known: setting, unscoped_role)`,
			key:  "row_level_security",
			line: 2,
		},
		{
			name: "row_level_security list",
			src:  "row_level_security: [on]\n",
			want: `tenantq.yaml:1: row_level_security: want true, false or a map with setting and unscoped_role, not a list`,
			key:  "row_level_security",
			line: 1,
		},
		{
			name: "trust_foreign_keys string",
			src:  "trust_foreign_keys: \"yes\"\n",
			want: `tenantq.yaml:1: trust_foreign_keys: want true or false, not a string`,
			key:  "trust_foreign_keys",
			line: 1,
		},
		{
			name: "key in wrong case",
			src:  "Schema: x.sql\n",
			want: `tenantq.yaml:1: unknown key "Schema" ` + known,
			line: 1,
		},
		{
			name: "string instead of list",
			src:  "tenant_columns: tenant_id\n",
			want: `tenantq.yaml:1: tenant_columns: want a list of column names, not a string`,
			key:  "tenant_columns", line: 1,
		},
		{
			name: "map instead of a path",
			src:  "schema:\n  a: b.sql\n",
			want: `tenantq.yaml:2: schema: want a path or a list of paths, not a map`,
			key:  "schema", line: 2,
		},
		{
			name: "map instead of list",
			src:  "global_tables:\n  plans: true\n",
			want: `tenantq.yaml:2: global_tables: want a list of table names, not a map`,
			key:  "global_tables", line: 2,
		},
		{
			name: "integer list item",
			src:  "search_path: [public, 7]\n",
			want: `tenantq.yaml:1: search_path: item 2: want a schema name, not an integer`,
			key:  "search_path", line: 1,
		},
		{
			name: "nested list item",
			src:  "tenant_columns:\n  - tenant_id\n  - [a, b]\n",
			want: `tenantq.yaml:3: tenant_columns: item 2: want a column name, not a list`,
			key:  "tenant_columns", line: 3,
		},
		{
			name: "bad unknown_tables value",
			src:  "tenant_columns: [tenant_id]\nschema: schema.sql\nglobal_tables: []\n\nunknown_tables: maybe\n",
			want: `tenantq.yaml:5: unknown_tables: "maybe" is neither "tenant" nor "global"`,
			key:  "unknown_tables", line: 5,
		},
		{
			name: "unknown_tables is case-sensitive",
			src:  "unknown_tables: Global\n",
			want: `tenantq.yaml:1: unknown_tables: "Global" is neither "tenant" nor "global"`,
			key:  "unknown_tables", line: 1,
		},
		{
			name: "unknown_tables boolean",
			src:  "unknown_tables: true\n",
			want: `tenantq.yaml:1: unknown_tables: want "tenant" or "global", not a boolean`,
			key:  "unknown_tables", line: 1,
		},
		{
			name: "empty tenant column",
			src:  "tenant_columns: [tenant_id, \"\"]\n",
			want: `tenantq.yaml:1: tenant_columns: item 2: want a column name, not an empty string`,
			key:  "tenant_columns", line: 1,
		},
		{
			name: "no tenant columns",
			src:  "tenant_columns: []\n",
			want: `tenantq.yaml:1: tenant_columns: want at least one column name, not an empty list`,
			key:  "tenant_columns", line: 1,
		},
		{
			name: "empty search path",
			src:  "search_path: []\n",
			want: `tenantq.yaml:1: search_path: want at least one schema name, not an empty list`,
			key:  "search_path", line: 1,
		},
		{
			name: "empty schema",
			src:  "schema: ''\n",
			want: `tenantq.yaml:1: schema: want a path or a list of paths, not an empty string`,
			key:  "schema", line: 1,
		},
		{
			name: "duplicate key",
			src:  "schema: a.sql\nglobal_tables: [plans]\nschema: b.sql\n",
			want: `tenantq.yaml:3: schema: duplicate key (first on line 1)`,
			key:  "schema", line: 3,
		},
		{
			name: "tables with a list value",
			src:  "tables:\n  teams: id\n  deals: [tenant_id, org_id]\n",
			want: `tenantq.yaml:3: tables: "deals": want a column name, not a list`,
			key:  "tables", line: 3,
		},
		{
			name: "tables with an integer value",
			src:  "tables:\n  teams: 1\n",
			want: `tenantq.yaml:2: tables: "teams": want a column name, not an integer`,
			key:  "tables", line: 2,
		},
		{
			name: "tables with a null value",
			src:  "tables:\n  teams:\n",
			want: `tenantq.yaml:2: tables: "teams": want a column name, not null`,
			key:  "tables", line: 2,
		},
		{
			name: "tables with an empty column",
			src:  "tables: {teams: ''}\n",
			want: `tenantq.yaml:1: tables: "teams": want a column name, not an empty string`,
			key:  "tables", line: 1,
		},
		{
			name: "tables with a duplicate table",
			src:  "tables:\n  teams: id\n  teams: org_id\n",
			want: `tenantq.yaml:3: tables: duplicate table "teams" (first on line 2)`,
			key:  "tables", line: 3,
		},
		{
			name: "tables as a list",
			src:  "tables: [teams]\n",
			want: `tenantq.yaml:1: tables: want a map of table name to column name, not a list`,
			key:  "tables", line: 1,
		},
		{
			name: "table both global and tenant-scoped",
			src:  "tables:\n  plans: tenant_id\nglobal_tables:\n  - countries\n  - plans\n",
			want: `tenantq.yaml:5: global_tables: "plans" is also listed under tables (line 1)`,
			key:  "global_tables", line: 5,
		},
		{
			name: "shared tenant float",
			src:  "shared_tenants: [0, 1.5]\n",
			want: `tenantq.yaml:1: shared_tenants: item 2: want an integer or a string, not a number`,
			key:  "shared_tenants", line: 1,
		},
		{
			name: "shared tenant boolean",
			src:  "shared_tenants:\n  - true\n",
			want: `tenantq.yaml:2: shared_tenants: item 1: want an integer or a string, not a boolean`,
			key:  "shared_tenants", line: 2,
		},
		{
			name: "shared tenants as a scalar",
			src:  "shared_tenants: 0\n",
			want: `tenantq.yaml:1: shared_tenants: want a list of integers and strings, not an integer`,
			key:  "shared_tenants", line: 1,
		},
		{
			name: "top level list",
			src:  "- tenant_columns\n",
			want: `tenantq.yaml:1: want a map of settings, not a list`,
			line: 1,
		},
		{
			name: "top level scalar",
			src:  "tenant_id\n",
			want: `tenantq.yaml:1: want a map of settings, not a string`,
			line: 1,
		},
		{
			name: "non-string key",
			src:  "schema: x.sql\n42: y\n",
			want: `tenantq.yaml:2: want a key name, not an integer`,
			line: 2,
		},
		{
			name: "merge key",
			src:  "schema: x.sql\n<<: {search_path: [app]}\n",
			want: `tenantq.yaml:2: merge keys (<<) are not supported`,
			line: 2,
		},
		{
			name: "two documents",
			src:  "schema: a.sql\n---\nschema: b.sql\n",
			want: `tenantq.yaml:2: want one YAML document, found more`,
			line: 2,
		},
		{
			name: "yaml syntax error",
			src:  "schema: a.sql\n  global_tables: [plans]\n",
			want: `tenantq.yaml:2: invalid YAML: mapping values are not allowed in this context`,
			line: 2,
		},
		{
			name: "yaml syntax error without a line",
			src:  "schema: \"a\x01\"\n",
			want: `tenantq.yaml: invalid YAML: control characters are not allowed`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.Parse("tenantq.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error %q", tc.src, c, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("Parse(%q) error:\n got %s\nwant %s", tc.src, err, tc.want)
			}
			var e *config.Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) error %T is not a *config.Error", tc.src, err)
			}
			if e.File != "tenantq.yaml" || e.Line != tc.line || e.Key != tc.key || e.Err == nil {
				t.Errorf("Parse(%q) error = %#v, want file tenantq.yaml, line %d, key %q", tc.src, e, tc.line, tc.key)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	cause := errors.New("boom")
	tests := []struct {
		name string
		err  *config.Error
		want string
	}{
		{"everything", &config.Error{File: "f.yaml", Line: 3, Key: "schema", Err: cause}, "f.yaml:3: schema: boom"},
		{"column", &config.Error{File: "f.sql", Line: 3, Column: 7, Err: cause}, "f.sql:3:7: boom"},
		{"no line", &config.Error{File: "f.yaml", Err: cause}, "f.yaml: boom"},
		{"no file", &config.Error{Line: 2, Err: cause}, "2: boom"},
		{"nothing", &config.Error{}, "invalid configuration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			if tc.err.Err != nil && !errors.Is(tc.err, cause) {
				t.Errorf("errors.Is(%v, cause) = false", tc.err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	path := filepath.Join("testdata", "project", config.FileName)
	got, err := config.Load(path)
	if err != nil {
		t.Fatalf("Load(%q): %v", path, err)
	}
	want := &config.Config{
		Path:          path,
		TenantColumns: []string{"tenant_id", "account_id"},
		Schema:        []string{filepath.Join("testdata", "project", "db", "schema.sql")},
		GlobalTables:  []string{"plans", "public.countries"},
		Tables:        map[string]string{"teams": "id", "audit.events": "org_id"},
		UnknownTables: sqlcheck.UnknownGlobal,
		SharedTenants: []string{"0", "-1", "'shared'", "'o''brien'"},
		SearchPath:    []string{"app", "public"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load(%q) =\n%+v\nwant\n%+v", path, got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(bad, []byte("tenant_columns: tenant_id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := config.Load(bad)
	if want := bad + ":1: tenant_columns: want a list of column names, not a string"; err == nil || err.Error() != want {
		t.Errorf("Load(%q) error = %v, want %s", bad, err, want)
	}

	missing := filepath.Join(dir, "nope", config.FileName)
	_, err = config.Load(missing)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(%q) error = %v, want one matching fs.ErrNotExist", missing, err)
	}
}

func TestDefault(t *testing.T) {
	t.Parallel()
	empty, err := config.Parse("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := config.Default(); !reflect.DeepEqual(d, empty) {
		t.Errorf("Default() = %+v, want %+v (the result of an empty file)", d, empty)
	}
	p, err := config.Default().Policy()
	if err != nil {
		t.Fatal(err)
	}
	want := &sqlcheck.Policy{TenantColumns: []string{"tenant_id"}, SearchPath: []string{"public"}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Default().Policy() = %+v, want %+v", p, want)
	}
}

func TestPolicy(t *testing.T) {
	t.Parallel()
	c, err := config.Load(filepath.Join("testdata", "project", config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Policy()
	if err != nil {
		t.Fatalf("Policy(): %v", err)
	}
	want := &sqlcheck.Policy{
		TenantColumns: []string{"tenant_id", "account_id"},
		Tables:        map[string]string{"teams": "id", "audit.events": "org_id"},
		GlobalTables:  []string{"plans", "public.countries"},
		Schema: []sqlcheck.Table{
			{Schema: "app", Name: "contacts", Columns: []string{"id", "tenant_id", "email"}, Types: map[string]string{"id": "bigint", "tenant_id": "bigint", "email": "text"}, NotNull: []string{"id", "tenant_id"}},
			{Schema: "app", Name: "deals", Columns: []string{"id", "account_id", "contact_id"}, Types: map[string]string{"id": "bigint", "account_id": "bigint", "contact_id": "bigint"}, NotNull: []string{"id", "account_id"}},
			{Schema: "public", Name: "plans", Columns: []string{"id", "name"}, Types: map[string]string{"id": "bigint", "name": "text"}, NotNull: []string{"id"}},
		},
		UnknownTables: sqlcheck.UnknownGlobal,
		SharedTenants: []string{"0", "-1", "'shared'", "'o''brien'"},
		SearchPath:    []string{"app", "public"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Policy() =\n%+v\nwant\n%+v", got, want)
	}

	// The policy shares nothing with the configuration.
	got.TenantColumns[0] = "changed"
	got.Tables["teams"] = "changed"
	if c.TenantColumns[0] != "tenant_id" || c.Tables["teams"] != "id" {
		t.Errorf("changing the Policy changed the Config: %+v", c)
	}
}

func TestPolicySchemaError(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(filepath.Join("testdata", "bad", config.FileName), []byte("schema: syntax.sql\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Policy()
	want := filepath.Join("testdata", "bad", "syntax.sql") + `:5:19: syntax error at or near ","`
	if err == nil || err.Error() != want {
		t.Errorf("Policy() error = %v, want %s", err, want)
	}

	c.Schema = []string{filepath.Join("testdata", "missing.sql")}
	if _, err := c.Policy(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Policy() with a missing schema: error = %v, want one matching fs.ErrNotExist", err)
	}
}

// tree creates files (ending in "/" for a directory) under a new temporary directory.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if strings.HasSuffix(f, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files []string
		start string // relative to the tree's root
		want  string // relative to the tree's root; "" for ErrNotFound
	}{
		{
			name:  "in the start directory",
			files: []string{"repo/go.mod", "repo/tenantq.yaml", "repo/a/tenantq.yaml"},
			start: "repo/a",
			want:  "repo/a/tenantq.yaml",
		},
		{
			name:  "in a parent",
			files: []string{"repo/go.mod", "repo/tenantq.yaml", "repo/a/b/c/"},
			start: "repo/a/b/c",
			want:  "repo/tenantq.yaml",
		},
		{
			name:  "in the module root, beside go.mod",
			files: []string{"repo/.git/", "repo/svc/go.mod", "repo/svc/tenantq.yaml", "repo/svc/pkg/"},
			start: "repo/svc/pkg",
			want:  "repo/svc/tenantq.yaml",
		},
		{
			name:  "stops at go.mod",
			files: []string{"tenantq.yaml", "repo/go.mod", "repo/a/"},
			start: "repo/a",
		},
		{
			name:  "stops at .git",
			files: []string{"tenantq.yaml", "repo/.git/", "repo/a/b/"},
			start: "repo/a/b",
		},
		{
			name:  "stops at a .git file",
			files: []string{"tenantq.yaml", "repo/.git", "repo/a/"},
			start: "repo/a",
		},
		{
			name:  "stops at the nearest root",
			files: []string{"tenantq.yaml", "go.mod", "repo/go.mod", "repo/a/"},
			start: "repo/a",
		},
		{
			name:  "directory named tenantq.yaml is skipped",
			files: []string{"repo/go.mod", "repo/tenantq.yaml", "repo/a/tenantq.yaml/"},
			start: "repo/a",
			want:  "repo/tenantq.yaml",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := tree(t, tc.files...)
			start := filepath.Join(root, filepath.FromSlash(tc.start))
			got, err := config.Find(start)
			if tc.want == "" {
				if !errors.Is(err, config.ErrNotFound) {
					t.Fatalf("Find(%q) = %q, %v; want ErrNotFound", tc.start, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Find(%q): %v", tc.start, err)
			}
			if want := filepath.Join(root, filepath.FromSlash(tc.want)); got != want {
				t.Errorf("Find(%q) = %q, want %q", tc.start, got, want)
			}
		})
	}
}

func TestFindRelative(t *testing.T) {
	t.Parallel()
	// The package directory lies inside the module, so the walk ends at the module root
	// (which has no tenantq.yaml) or finds the project's own file: either way it ends.
	got, err := config.Find(".")
	if err != nil && !errors.Is(err, config.ErrNotFound) {
		t.Fatalf("Find(\".\"): %v", err)
	}
	if err == nil && !filepath.IsAbs(got) {
		t.Errorf("Find(\".\") = %q, want an absolute path", got)
	}
}

func TestFindErrorText(t *testing.T) {
	t.Parallel()
	root := tree(t, "repo/go.mod", "repo/a/")
	start := filepath.Join(root, "repo", "a")
	_, err := config.Find(start)
	want := fmt.Sprintf("no tenantq.yaml found in %s or its parents up to %s", start, filepath.Join(root, "repo"))
	if err == nil || err.Error() != want {
		t.Errorf("Find(%q) error = %v, want %s", start, err, want)
	}
}

func ExampleLoad() {
	cfg, err := config.Load("testdata/example/tenantq.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("tenant columns:", cfg.TenantColumns)
	fmt.Println("global tables:", cfg.GlobalTables)
	fmt.Println("unknown tables:", cfg.UnknownTables)
	policy, err := cfg.Policy()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range policy.Schema {
		fmt.Println("table", t.Name, t.Columns)
	}
	fmt.Println("shared tenants:", policy.SharedTenants)
	// Output:
	// tenant columns: [tenant_id]
	// global tables: [plans]
	// unknown tables: tenant
	// table contacts [id tenant_id name]
	// table notes [id tenant_id contact_id body]
	// table plans [id name]
	// shared tenants: [0]
}

func ExampleParse_errors() {
	_, err := config.Parse("tenantq.yaml", []byte("tenant_columns: [tenant_id]\nunknown_tables: maybe\n"))
	fmt.Println(err)
	var e *config.Error
	if errors.As(err, &e) {
		fmt.Println(e.Line, e.Key)
	}
	// Output:
	// tenantq.yaml:2: unknown_tables: "maybe" is neither "tenant" nor "global"
	// 2 unknown_tables
}

// TestDocExample checks that the example file in the package documentation is valid.
func TestDocExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "empty file gives the defaults:\n//\n")
	if !ok {
		t.Fatal("doc.go: example file not found")
	}
	var src strings.Builder
	for line := range strings.Lines(rest) {
		if line == "//\n" {
			src.WriteString("\n")
			continue
		}
		code, ok := strings.CutPrefix(line, "//\t")
		if !ok {
			break
		}
		src.WriteString(code)
	}
	c, err := config.Parse(config.FileName, []byte(src.String()))
	if err != nil {
		t.Fatalf("the example in doc.go does not parse: %v\n%s", err, src.String())
	}
	want := &config.Config{
		Path:             config.FileName,
		TenantColumns:    []string{"tenant_id", "account_id"},
		Schema:           []string{filepath.Join("db", "migrations")},
		GlobalTables:     []string{"plans", "countries"},
		Tables:           map[string]string{"teams": "id", "audit.events": "org_id"},
		SharedTenants:    []string{"0", "'shared'"},
		SearchPath:       []string{"public"},
		Owners:           map[string][]string{"shipments": {"order_id"}},
		ReachedThrough:   map[string]sqlcheck.Link{"users": {Table: "users_accounts", Column: "user_id"}},
		SubTenants:       []sqlcheck.SubTenant{{Column: "project_id", Table: "projects"}},
		RowLevelSecurity: &sqlcheck.RowLevelSecurity{Setting: "tenantq.tenant", UnscopedRole: "tenantq_unscoped"},
		Sinks:            []config.Sink{{Package: "example.com/app/store", Function: "(*Store).Run", Arg: 1, Line: 59}}, // the line in the example, after the version key and the yaml-language-server comment
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("doc.go example = %+v, want %+v", c, want)
	}
}

func TestParseSinks(t *testing.T) {
	t.Parallel()
	src := `sinks:
  - package: example.com/app/store
    function: (*Store).Run
    arg: 1
  - {package: example.com/app/db, function: Exec, arg: 0}
  - package: example.com/app/db
    function: DBTX.Query
    arg: 2
`
	c, err := config.Parse("tenantq.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []config.Sink{
		{Package: "example.com/app/store", Function: "(*Store).Run", Arg: 1, Line: 2},
		{Package: "example.com/app/db", Function: "Exec", Arg: 0, Line: 5},
		{Package: "example.com/app/db", Function: "DBTX.Query", Arg: 2, Line: 6},
	}
	if !reflect.DeepEqual(c.Sinks, want) {
		t.Errorf("Parse(sinks).Sinks = %+v, want %+v", c.Sinks, want)
	}
}

func TestParseSinksErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"not a list", "sinks: Run\n", `tenantq.yaml:1: sinks: want a list of sinks (package, function, arg), not a string`},
		{"item not a map", "sinks: [Run]\n", `tenantq.yaml:1: sinks: item 1: want a map with package, function and arg, not a string`},
		{"missing arg", "sinks:\n  - {package: p, function: Run}\n", `tenantq.yaml:2: sinks: item 1: arg is missing`},
		{"missing package", "sinks:\n  - {function: Run, arg: 0}\n", `tenantq.yaml:2: sinks: item 1: package is missing`},
		{"missing function", "sinks:\n  - {package: p, arg: 0}\n", `tenantq.yaml:2: sinks: item 1: function is missing`},
		{"negative arg", "sinks:\n  - {package: p, function: Run, arg: -1}\n", `tenantq.yaml:2: sinks: item 1: arg: want the 0-based index of the SQL argument, not -1`},
		{"string arg", "sinks:\n  - {package: p, function: Run, arg: one}\n", `tenantq.yaml:2: sinks: item 1: arg: want the 0-based index of the SQL argument, not one`},
		{"bad function", "sinks:\n  - {package: p, function: \"*Store.Run\", arg: 0}\n", `tenantq.yaml:2: sinks: item 1: function "*Store.Run" is not Name, Type.Method or (*Type).Method`},
		{"unknown key", "sinks:\n  - {package: p, function: Run, arg: 0, args: 1}\n", `tenantq.yaml:2: sinks: item 1: unknown key "args" (known keys: package, function, arg)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.Parse("tenantq.yaml", []byte(tc.src))
			if err == nil || err.Error() != tc.want {
				t.Errorf("Parse(%q) error = %v, want %s", tc.src, err, tc.want)
			}
		})
	}
}

// TestVersionAndSchemaList checks the version key and a schema given as a list, as sqlc's
// schema key takes it.
func TestVersionAndSchemaList(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(filepath.Join("proj", config.FileName), []byte("version: 1\nschema: [db/a.sql, db/migrations]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join("proj", "db", "a.sql"), filepath.Join("proj", "db", "migrations")}; !slices.Equal(c.Schema, want) {
		t.Errorf("Schema = %q, want %q", c.Schema, want)
	}
	for _, src := range []string{"version: 2\n", "version: one\n", "version: [1]\n"} {
		_, err := config.Parse("tenantq.yaml", []byte(src))
		var ce *config.Error
		if !errors.As(err, &ce) || ce.Key != "version" || ce.Line != 1 || !strings.Contains(err.Error(), "this tenantvet reads version 1") {
			t.Errorf("Parse(%q) = %v, want a version error naming the supported version", src, err)
		}
	}
}

// TestRowLevelSecurity checks the forms of row_level_security and that the policy gets a copy.
func TestRowLevelSecurity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want *sqlcheck.RowLevelSecurity
	}{
		{"row_level_security: true\n", &sqlcheck.RowLevelSecurity{}},
		{"row_level_security: false\n", nil},
		{"row_level_security:\n", nil},
		{"row_level_security:\n  setting: app.tenant_id\n", &sqlcheck.RowLevelSecurity{Setting: "app.tenant_id"}},
		{"row_level_security: {unscoped_role: ops}\n", &sqlcheck.RowLevelSecurity{UnscopedRole: "ops"}},
	}
	for _, tt := range tests {
		c, err := config.Parse(config.FileName, []byte(tt.src))
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if !reflect.DeepEqual(c.RowLevelSecurity, tt.want) {
			t.Errorf("Parse(%q).RowLevelSecurity = %+v, want %+v", tt.src, c.RowLevelSecurity, tt.want)
		}
		p, err := c.Policy()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.RowLevelSecurity, tt.want) {
			t.Errorf("Parse(%q).Policy().RowLevelSecurity = %+v, want %+v", tt.src, p.RowLevelSecurity, tt.want)
		}
		if p.RowLevelSecurity != nil && p.RowLevelSecurity == c.RowLevelSecurity {
			t.Errorf("Parse(%q): the policy shares its RowLevelSecurity with the configuration", tt.src)
		}
	}
}

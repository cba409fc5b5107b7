package golangci_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"

	_ "github.com/tenantq/tenantq/golangci"
)

// plugin gets the plugin as golangci-lint does, through the register API, and builds it with
// settings decoded from .golangci.yml.
func plugin(t *testing.T, settings any) (register.LinterPlugin, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin("tenantvet")
	if err != nil {
		t.Fatal(err)
	}
	return newPlugin(settings)
}

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "analyzer", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPluginSettings(t *testing.T) {
	p, err := plugin(t, map[string]any{"tenant_columns": []any{"org_id"}, "global_tables": []any{"deals"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil || len(analyzers) != 1 || analyzers[0].Name != "tenantvet" {
		t.Fatalf("BuildAnalyzers() = %v, %v; want the tenantvet analyzer", analyzers, err)
	}
	analysistest.Run(t, testdata(t), analyzers[0], "golangci")
}

// TestPluginDefaults builds the plugin without settings: each package uses its nearest
// tenantq.yaml, as tenantvet does.
func TestPluginDefaults(t *testing.T) {
	p, err := plugin(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata(t), analyzers[0], "stdsql")
}

func TestPluginConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tenantq.yaml")
	if err := os.WriteFile(path, []byte("tenant_columns: [org_id]\nglobal_tables: [deals]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := plugin(t, map[string]any{"config": path})
	if err != nil {
		t.Fatal(err)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata(t), analyzers[0], "golangci")
}

// TestPluginSettingsAreTenantqKeys checks that the settings take every tenantq.yaml key in
// every form the file takes: a version, and a schema given as a list of paths (sqlc's form).
func TestPluginSettingsAreTenantqKeys(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.sql": "CREATE TABLE accounts (id bigint, org_id bigint);\n",
		"b.sql": "CREATE TABLE deals (id bigint);\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := plugin(t, map[string]any{
		"version":        1,
		"tenant_columns": []any{"org_id"},
		"schema":         []any{filepath.Join(dir, "a.sql"), filepath.Join(dir, "b.sql")},
		"sinks":          []any{map[string]any{"package": "example.com/store", "function": "(*Store).Run", "arg": 1}},
		"shared_tenants": []any{0, "shared"},
	})
	if err != nil {
		t.Fatal(err)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	// deals has no org_id in the schema: global, as global_tables: [deals] makes it.
	analysistest.Run(t, testdata(t), analyzers[0], "golangci")
}

func TestPluginSettingsErrors(t *testing.T) {
	tests := []struct {
		name     string
		settings any
		want     string
	}{
		{"unknown key", map[string]any{"tenant_column": []any{"org_id"}}, `settings: unknown key "tenant_column" (known keys: version, tenant_columns,`},
		{"not a map", []any{"plans"}, "want a map of settings"},
		{"config not a path", map[string]any{"config": 3}, "config: want the path of a tenantq.yaml"},
		{"wrong type", map[string]any{"global_tables": "plans"}, "global_tables"},
		{"bad value", map[string]any{"unknown_tables": "maybe"}, `golangci.yml linters.settings.custom.tenantvet.settings: unknown_tables: "maybe" is neither "tenant" nor "global"`},
		{"config and keys", map[string]any{"config": "tenantq.yaml", "global_tables": []any{"plans"}}, "use one or the other"},
		{"missing config", map[string]any{"config": "/nonexistent/tenantq.yaml"}, "no such file"},
		{"bad sink", map[string]any{"sinks": []any{map[string]any{"package": "p", "function": "*Bad", "arg": 0}}}, `function "*Bad" is not`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plugin(t, tc.settings)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New(%v) error = %v, want one containing %q", tc.settings, err, tc.want)
			}
		})
	}
}

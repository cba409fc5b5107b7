package config_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantq/tenantq/config"
)

// write creates the files of a temporary module and returns its root.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestLoader checks which configuration each directory gets, with overrides applied, and that
// directories under one file share its checker.
func TestLoader(t *testing.T) {
	t.Parallel()
	root := write(t, map[string]string{
		"go.mod":             "module m\n",
		"tenantq.yaml":       "tenant_columns: [org_id]\nglobal_tables: [plans]\n",
		"a/a.go":             "",
		"b/c/c.go":           "",
		"db/tenantq.yaml":    "global_tables: [countries]\nschema: schema.sql\n",
		"db/schema.sql":      "CREATE TABLE deals (id int, tenant_id int);\n",
		"other/tenantq.yaml": "tenant_columns: [team_id]\n",
		"schema2.sql":        "CREATE TABLE notes (id int, org_id int);\n",
	})
	dir := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	tests := []struct {
		name      string
		overrides config.Overrides
		dir       string
		path      string // the configuration file, relative to root
		columns   []string
		globals   []string
		schema    []string
	}{
		{"nearest file", config.Overrides{}, "a", "tenantq.yaml", []string{"org_id"}, []string{"plans"}, nil},
		{"nearest file, two levels up", config.Overrides{}, "b/c", "tenantq.yaml", []string{"org_id"}, []string{"plans"}, nil},
		{"a nearer file", config.Overrides{}, "db", "db/tenantq.yaml", []string{"tenant_id"}, []string{"countries"}, []string{dir("db/schema.sql")}},
		{
			"flags replace the tenant columns and add globals",
			config.Overrides{TenantColumns: []string{"x_id", "y_id"}, GlobalTables: []string{"audit"}},
			"a", "tenantq.yaml", []string{"x_id", "y_id"}, []string{"plans", "audit"}, nil,
		},
		{
			"schema flag replaces the file's",
			config.Overrides{Schema: []string{dir("schema2.sql")}},
			"db", "db/tenantq.yaml", []string{"tenant_id"}, []string{"countries"}, []string{dir("schema2.sql")},
		},
		{
			"config flag for every directory",
			config.Overrides{Config: dir("other/tenantq.yaml")},
			"db", "other/tenantq.yaml", []string{"team_id"}, nil, nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := config.NewLoader(tc.overrides)
			cfg, checker, err := l.Load(dir(tc.dir))
			if err != nil {
				t.Fatal(err)
			}
			if want := dir(tc.path); cfg.Path != want {
				t.Errorf("Load(%s): file %s, want %s", tc.dir, cfg.Path, want)
			}
			if !slices.Equal(cfg.TenantColumns, tc.columns) || !slices.Equal(cfg.GlobalTables, tc.globals) || !slices.Equal(cfg.Schema, tc.schema) {
				t.Errorf("Load(%s) = columns %q, globals %q, schema %q; want %q, %q, %q", tc.dir, cfg.TenantColumns, cfg.GlobalTables, cfg.Schema, tc.columns, tc.globals, tc.schema)
			}
			if got := checker.TenantColumns(); !slices.Equal(got, tc.columns) {
				t.Errorf("Load(%s): checker's tenant columns %q, want %q", tc.dir, got, tc.columns)
			}
			// Loaded again, from another directory under the same file: the same values.
			cfg2, checker2, err := l.Load(dir(tc.dir))
			if err != nil || cfg2 != cfg || checker2 != checker {
				t.Errorf("Load(%s) twice: a new configuration or checker (%v)", tc.dir, err)
			}
		})
	}

	t.Run("no file", func(t *testing.T) {
		t.Parallel()
		bare := write(t, map[string]string{"go.mod": "module bare\n"})
		cfg, checker, err := config.NewLoader(config.Overrides{GlobalTables: []string{"plans"}}).Load(bare)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Path != "" || !slices.Equal(cfg.TenantColumns, []string{"tenant_id"}) || !slices.Equal(cfg.GlobalTables, []string{"plans"}) || checker == nil {
			t.Errorf("Load without a file = %+v, want the defaults and the -global table", cfg)
		}
	})

	t.Run("shared checker", func(t *testing.T) {
		t.Parallel()
		var l config.Loader // the zero Loader works, without overrides
		_, c1, err1 := l.Load(dir("a"))
		_, c2, err2 := l.Load(dir("b/c"))
		_, c3, err3 := l.Load(dir("db"))
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		if c1 != c2 || c1 == c3 {
			t.Errorf("checkers of a/, b/c/ and db/: %p %p %p; want the first two shared, the third apart", c1, c2, c3)
		}
	})
}

// TestLoaderConcurrent loads from many goroutines: one checker per file, no race.
func TestLoaderConcurrent(t *testing.T) {
	t.Parallel()
	root := write(t, map[string]string{"go.mod": "module m\n", "tenantq.yaml": "global_tables: [plans]\n", "a/x": "", "b/x": ""})
	l := config.NewLoader(config.Overrides{})
	var wg sync.WaitGroup
	checkers := make([]any, 16)
	for i := range checkers {
		wg.Go(func() {
			_, c, err := l.Load(filepath.Join(root, []string{"a", "b"}[i%2]))
			if err != nil {
				t.Error(err)
			}
			checkers[i] = c
		})
	}
	wg.Wait()
	for _, c := range checkers {
		if c != checkers[0] {
			t.Fatalf("concurrent loads gave different checkers")
		}
	}
}

// TestLoaderReloads checks that a changed file is read again, as golangci-lint's long-running
// process needs.
func TestLoaderReloads(t *testing.T) {
	t.Parallel()
	root := write(t, map[string]string{"go.mod": "module m\n", "tenantq.yaml": "tenant_columns: [org_id]\n"})
	l := config.NewLoader(config.Overrides{})
	cfg, _, err := l.Load(root)
	if err != nil || !slices.Equal(cfg.TenantColumns, []string{"org_id"}) {
		t.Fatalf("Load = %v, %v", cfg, err)
	}
	path := filepath.Join(root, config.FileName)
	if err := os.WriteFile(path, []byte("tenant_columns: [team_id]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	if cfg, _, err = l.Load(root); err != nil || !slices.Equal(cfg.TenantColumns, []string{"team_id"}) {
		t.Errorf("Load after a change = %v, %v; want team_id", cfg, err)
	}
}

func TestLoaderErrors(t *testing.T) {
	t.Parallel()
	root := write(t, map[string]string{
		"go.mod":                "module m\n",
		"bad/tenantq.yaml":      "global_tables: [plans]\ntenant_column: x\n",
		"noschema/tenantq.yaml": "schema: none.sql\n",
	})
	tests := []struct {
		name      string
		overrides config.Overrides
		dir       string
		want      string
	}{
		{"bad file", config.Overrides{}, "bad", `tenantq.yaml:2: unknown key "tenant_column"`},
		{"missing schema", config.Overrides{}, "noschema", "none.sql"},
		{"missing config flag", config.Overrides{Config: filepath.Join(root, "none.yaml")}, ".", "none.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := config.NewLoader(tc.overrides)
			for range 2 { // the error is cached, and the same
				_, _, err := l.Load(filepath.Join(root, tc.dir))
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("Load(%s) error = %v, want one containing %q", tc.dir, err, tc.want)
				}
			}
		})
	}
	var ce *config.Error
	if _, _, err := config.NewLoader(config.Overrides{}).Load(filepath.Join(root, "bad")); !errors.As(err, &ce) || ce.Line != 2 {
		t.Errorf("Load of a bad file: %v, want a *config.Error on line 2", err)
	}
}

func TestRegisterFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want config.Overrides
	}{
		{"none", nil, config.Overrides{}},
		{"one each", []string{"-config", "p.yaml", "-tenant-column", "org_id", "-global", "plans"},
			config.Overrides{Config: "p.yaml", TenantColumns: []string{"org_id"}, GlobalTables: []string{"plans"}}},
		{"commas and repeats", []string{"-global", "a, b", "-global", "c,,", "-tenant-column", "x,y"},
			config.Overrides{TenantColumns: []string{"x", "y"}, GlobalTables: []string{"a", "b", "c"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var o config.Overrides
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			o.RegisterFlags(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			if o.Config != tc.want.Config || !slices.Equal(o.TenantColumns, tc.want.TenantColumns) || !slices.Equal(o.GlobalTables, tc.want.GlobalTables) {
				t.Errorf("parse %q = %+v, want %+v", tc.args, o, tc.want)
			}
			// tenantvet passes the flags on to go vet as -name=String(): they read back the same.
			again := config.Overrides{}
			fs2 := flag.NewFlagSet("t", flag.ContinueOnError)
			again.RegisterFlags(fs2)
			var args []string
			fs.Visit(func(f *flag.Flag) { args = append(args, "-"+f.Name+"="+f.Value.String()) })
			if err := fs2.Parse(args); err != nil {
				t.Fatal(err)
			}
			if again.Config != o.Config || !slices.Equal(again.TenantColumns, o.TenantColumns) || !slices.Equal(again.GlobalTables, o.GlobalTables) {
				t.Errorf("flags %q read back as %+v, want %+v", args, again, o)
			}
		})
	}
}

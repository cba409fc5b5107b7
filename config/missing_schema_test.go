package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
)

// TestPolicyMissingSchemaNamesConfig checks that a schema path that does not exist is reported
// with the configuration file and line that name it: the path alone does not say which
// tenantq.yaml to fix.
func TestPolicyMissingSchemaNamesConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml string
		line       int
	}{
		{"one path", "tenant_columns: [tenant_id]\nschema: db/missing.sql\n", 2},
		{"a list", "schema:\n  - db/schema.sql\n  - db/missing.sql\n", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "db"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "db", "schema.sql"), []byte("CREATE TABLE deals (id int, tenant_id int);\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, config.FileName)
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := config.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Policy()
			var ce *config.Error
			if !errors.As(err, &ce) || ce.File != path || ce.Line != tc.line || ce.Key != "schema" ||
				!errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing.sql") {
				t.Errorf("Policy() error = %v; want a *config.Error at %s:%d, key schema, naming missing.sql and wrapping fs.ErrNotExist", err, path, tc.line)
			}
		})
	}
}

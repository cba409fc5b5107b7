package config_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tenantq/tenantq/config"
)

// TestLoadFS checks that a configuration and schema read from an fs.FS (as a program embeds
// them) give the policy that the same files give from disk, for a schema file and for every
// migrations layout of testdata.
func TestLoadFS(t *testing.T) {
	t.Parallel()
	disk, err := config.Load(filepath.Join("testdata", "project", "tenantq.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := disk.Policy()
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := config.LoadFS(os.DirFS(filepath.Join("testdata", "project")), "tenantq.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := embedded.Policy()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadFS(...).Policy() =\n%+v\nwant, as Load gives it,\n%+v", got, want)
	}

	layouts, err := os.ReadDir(filepath.Join("testdata", "migrations"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layouts {
		if !l.IsDir() {
			continue
		}
		t.Run(l.Name(), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join("testdata", "migrations", l.Name())
			want, wantErr := config.ReadSchema(dir)
			got, gotErr := config.ReadSchemaFS(os.DirFS(filepath.Join("testdata", "migrations")), l.Name())
			// Places name files as the FS does: from its root.
			prefix := filepath.Join("testdata", "migrations") + string(filepath.Separator)
			for i := range want {
				for j := range want[i].Dropped {
					want[i].Dropped[j].Where = filepath.ToSlash(strings.TrimPrefix(want[i].Dropped[j].Where, prefix))
				}
				for j := range want[i].ForeignKeys {
					want[i].ForeignKeys[j].Where = filepath.ToSlash(strings.TrimPrefix(want[i].ForeignKeys[j].Where, prefix))
				}
			}
			if (wantErr == nil) != (gotErr == nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("ReadSchemaFS(%s) = %v, %v; ReadSchema gives %v, %v", l.Name(), got, gotErr, want, wantErr)
			}
		})
	}
}

func TestLoadFSErrors(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"tenantq.yaml":     {Data: []byte("schema: db/missing.sql\n")},
		"bad/tenantq.yaml": {Data: []byte("tenant_column: x\n")},
	}
	if _, err := config.LoadFS(fsys, "nope.yaml"); err == nil {
		t.Error("LoadFS of a missing file: no error")
	}
	if _, err := config.LoadFS(fsys, "bad/tenantq.yaml"); err == nil {
		t.Error("LoadFS of an invalid file: no error")
	}
	c, err := config.LoadFS(fsys, "tenantq.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Policy(); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Policy() with a schema missing from the FS = %v, want fs.ErrNotExist", err)
	}
}

func ExampleLoadFS() {
	// In a program: //go:embed tenantq.yaml db/schema.sql, then config.LoadFS(files, ...).
	files := fstest.MapFS{
		"tenantq.yaml": {Data: []byte("schema: db/schema.sql\nglobal_tables: [plans]\n")},
		"db/schema.sql": {Data: []byte(`CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders);
CREATE TABLE plans (id bigint PRIMARY KEY, name text);`)},
	}
	cfg, err := config.LoadFS(files, "tenantq.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	policy, err := cfg.Policy()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range policy.Schema {
		fmt.Println(t.Name, t.Columns, t.ForeignKeys)
	}
	// Output:
	// line_items [id order_id] [{line_items_order_id_fkey [order_id]  orders [id] no action no action db/schema.sql:2}]
	// orders [id tenant_id] []
	// plans [id name] []
}

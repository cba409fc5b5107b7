package config_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// keyString renders a table's keys compactly: "nn(a,b) u(a) u(b,c) fk(x)->t(y)/cascade".
func keyString(t sqlcheck.Table) string {
	var parts []string
	if len(t.NotNull) > 0 {
		parts = append(parts, "nn("+strings.Join(t.NotNull, ",")+")")
	}
	for _, u := range t.Unique {
		parts = append(parts, "u("+strings.Join(u, ",")+")")
	}
	for _, fk := range t.ForeignKeys {
		ref := fk.RefTable
		if fk.RefSchema != "" {
			ref = fk.RefSchema + "." + ref
		}
		s := fmt.Sprintf("fk(%s)->%s(%s)", strings.Join(fk.Columns, ","), ref, strings.Join(fk.RefColumns, ","))
		if fk.OnDelete != "no action" {
			s += "/" + fk.OnDelete
		}
		parts = append(parts, s+":"+fk.Name)
	}
	return strings.Join(parts, " ")
}

func TestSchemaKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, sql string
		want      map[string]string // table -> keyString
	}{
		{
			name: "inline keys",
			sql: `CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, code text UNIQUE);
CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders ON DELETE CASCADE, sku text);`,
			want: map[string]string{
				"orders":     "nn(id,tenant_id) u(id) u(code)",
				"line_items": "nn(id,order_id) u(id) fk(order_id)->orders(id)/cascade:line_items_order_id_fkey",
			},
		},
		{
			name: "table constraints, composite",
			sql: `CREATE TABLE projects (id bigint, tenant_id bigint, CONSTRAINT p_pk PRIMARY KEY (id), UNIQUE (tenant_id, id));
CREATE TABLE tasks (id bigint PRIMARY KEY, tenant_id bigint, project_id bigint,
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id));`,
			want: map[string]string{
				"projects": "nn(id) u(id) u(tenant_id,id)",
				"tasks":    "nn(id) u(id) fk(tenant_id,project_id)->projects(tenant_id,id):tasks_tenant_id_project_id_fkey",
			},
		},
		{
			name: "alter table add, drop, rename",
			sql: `CREATE TABLE orders (id bigint, tenant_id bigint);
ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY (id);
CREATE TABLE items (id bigint, ord bigint);
ALTER TABLE items ADD CONSTRAINT items_ord FOREIGN KEY (ord) REFERENCES orders (id) NOT VALID;
ALTER TABLE items RENAME COLUMN ord TO order_id;
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE items ADD COLUMN note_id bigint REFERENCES purchases;
ALTER TABLE items DROP CONSTRAINT items_ord;
ALTER TABLE items ALTER COLUMN order_id SET NOT NULL;`,
			want: map[string]string{
				"purchases": "nn(id) u(id)",
				"items":     "nn(order_id) fk(note_id)->purchases(id):items_note_id_fkey",
			},
		},
		{
			name: "unique indexes: plain only, dropped, renamed",
			sql: `CREATE TABLE users (id bigint, tenant_id bigint, email text, deleted_at timestamptz);
CREATE UNIQUE INDEX users_email ON users (tenant_id, email);
CREATE UNIQUE INDEX users_live ON users (email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_lower ON users (lower(email));
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_id ON users (id) INCLUDE (email);
ALTER INDEX users_id RENAME TO users_id_key;
DROP INDEX users_email;`,
			want: map[string]string{"users": "u(id)"},
		},
		{
			name: "dropping a column drops its keys and the keys referencing it",
			sql: `CREATE TABLE a (id bigint PRIMARY KEY, k bigint UNIQUE);
CREATE TABLE b (id bigint PRIMARY KEY, a_k bigint REFERENCES a (k), a_id bigint REFERENCES a);
ALTER TABLE a DROP COLUMN k CASCADE;`,
			want: map[string]string{"a": "nn(id) u(id)", "b": "nn(id) u(id) fk(a_id)->a(id):b_a_id_fkey"},
		},
		{
			name: "dropping a referenced table drops the foreign keys",
			sql: `CREATE TABLE a (id bigint PRIMARY KEY);
CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a);
DROP TABLE a CASCADE;`,
			want: map[string]string{"b": "nn(id) u(id)"},
		},
		{
			name: "a table created later, as sqlc reads schema files in any order",
			sql: `CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a);
CREATE TABLE a (id bigint PRIMARY KEY);`,
			want: map[string]string{"b": "nn(id) u(id) fk(a_id)->a(id):b_a_id_fkey"},
		},
		{
			name: "self reference and schema move",
			sql: `CREATE SCHEMA app;
CREATE TABLE comments (id bigint PRIMARY KEY, parent_id bigint REFERENCES comments (id));
ALTER TABLE comments SET SCHEMA app;`,
			want: map[string]string{"app.comments": "nn(id) u(id) fk(parent_id)->app.comments(id):comments_parent_id_fkey"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tables, err := config.ParseSchema("schema.sql", tc.sql, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, tb := range tables {
				name := tb.Name
				if tb.Schema != "" {
					name = tb.Schema + "." + name
				}
				got[name] = keyString(tb)
			}
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s: keys = %q, want %q", name, got[name], want)
				}
			}
		})
	}
}

func TestSchemaKeyErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ sql, want string }{
		{"CREATE TABLE b (id bigint, a_id bigint REFERENCES nowhere);", `schema.sql:1: foreign key of "b" references "nowhere", which the schema does not create: add the file that creates it to schema:`},
		{"CREATE TABLE a (id bigint);\nCREATE TABLE b (a_id bigint REFERENCES a);", `schema.sql:2:1: foreign key of "b" references "a", which has no primary key here: name the referenced columns`},
	} {
		_, err := config.ParseSchema("schema.sql", tc.sql, nil)
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseSchema(%q) = %v, want %s", tc.sql, err, tc.want)
		}
	}
}

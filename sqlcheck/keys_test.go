package sqlcheck_test

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

// keysPolicy is the policy of docs/contract.md section 6's table: orders is a tenant table,
// line_items is owned through orders by order_id, users is reached through users_accounts.
func keysPolicy() sqlcheck.Policy {
	return sqlcheck.Policy{
		Tables: map[string]string{"users_accounts": "account_id"},
		Schema: []sqlcheck.Table{
			{Name: "orders", Columns: []string{"id", "tenant_id", "total"}, Unique: [][]string{{"id"}}, NotNull: []string{"id", "tenant_id"}},
			{Name: "line_items", Columns: []string{"id", "order_id", "sku"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"order_id"}, RefTable: "orders", RefColumns: []string{"id"}}}},
			{Name: "item_notes", Columns: []string{"id", "line_item_id", "body"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"line_item_id"}, RefTable: "line_items", RefColumns: []string{"id"}}}},
			{Name: "users", Columns: []string{"id", "email"}, Unique: [][]string{{"id"}}},
			{Name: "users_accounts", Columns: []string{"user_id", "account_id"},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}}}},
			{Name: "plans", Columns: []string{"id", "name"}, Unique: [][]string{{"id"}}},
		},
		ReachedThrough: map[string]sqlcheck.Link{"users": {Table: "users_accounts", Column: "user_id"}},
	}
}

func TestKeyPins(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(keysPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ sql, want string }{
		{"SELECT * FROM line_items WHERE id = $1", "unpinned line_items"},
		{"SELECT li.* FROM line_items li JOIN orders o ON o.id = li.order_id WHERE o.tenant_id = $1", ""},
		{"SELECT * FROM line_items WHERE order_id IN (SELECT id FROM orders WHERE tenant_id = $1)", ""},
		{"SELECT * FROM line_items li LEFT JOIN orders o ON o.id = li.order_id AND o.tenant_id = $1", "unpinned li"},
		{"SELECT * FROM line_items WHERE order_id = (SELECT id FROM orders WHERE tenant_id = $1 AND id = $2)", ""},
		{"SELECT * FROM line_items li WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = li.order_id AND o.tenant_id = $1)", ""},
		{"SELECT * FROM line_items li WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = li.order_id AND o.tenant_id = $1)", "unpinned li"},
		{"SELECT * FROM line_items WHERE order_id NOT IN (SELECT id FROM orders WHERE tenant_id = $1)", "unpinned line_items"},
		{"SELECT * FROM line_items WHERE order_id IN (SELECT id FROM orders WHERE tenant_id = $1) OR id = $2", "unpinned line_items"},
		{"SELECT n.* FROM item_notes n JOIN line_items li ON li.id = n.line_item_id JOIN orders o ON o.id = li.order_id WHERE o.tenant_id = $1", ""},
		{"SELECT n.* FROM item_notes n JOIN line_items li ON li.id = n.line_item_id JOIN orders o ON o.id = li.id WHERE o.tenant_id = $1", "unpinned li, unpinned n"},
		{"SELECT * FROM orders o WHERE o.tenant_id = $1 AND o.id IN (SELECT order_id FROM line_items)", ""},
		{"SELECT * FROM orders o WHERE o.tenant_id = $1 AND o.id IN (SELECT order_id FROM line_items LIMIT 5)", "unpinned line_items"},
		{"DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE tenant_id = $1 LIMIT 10)", ""},
		{"DELETE FROM orders WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM orders WHERE tenant_id = $1)", ""},
		{"DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE total > 10)", "unpinned orders, unpinned orders"},
		{"SELECT count(*) FROM users", "unpinned users"},
		{"SELECT u.* FROM users u JOIN users_accounts ua ON ua.user_id = u.id WHERE ua.account_id = $1", ""},
		{"SELECT u.* FROM users u JOIN users_accounts ua ON ua.user_id = u.id", "unpinned u, unpinned ua"},
		{"SELECT * FROM plans", ""},
		{"WITH mine AS (SELECT id FROM orders WHERE tenant_id = $1 LIMIT 10) SELECT * FROM line_items WHERE order_id IN (SELECT id FROM mine)", ""},
		{"SELECT li.* FROM line_items li JOIN (SELECT id FROM orders WHERE tenant_id = $1) o ON o.id = li.order_id", ""},
		{"SELECT li.* FROM line_items li JOIN (SELECT id FROM orders) o ON o.id = li.order_id", "unpinned li, unpinned orders"},
		{"TRUNCATE line_items", "bulk line_items"},
	} {
		got := strings.Join(verdict(c.Check(tc.sql)), ", ")
		if got != tc.want {
			t.Errorf("Check(%q) = %q, want %q", tc.sql, got, tc.want)
		}
	}
}

func TestKeyPolicyErrors(t *testing.T) {
	t.Parallel()
	p := keysPolicy()
	p.Schema = append(slices.Clone(p.Schema), sqlcheck.Table{Name: "shipments", Columns: []string{"id", "order_id", "line_item_id"},
		ForeignKeys: []sqlcheck.ForeignKey{
			{Columns: []string{"order_id"}, RefTable: "orders", RefColumns: []string{"id"}},
			{Columns: []string{"line_item_id"}, RefTable: "line_items", RefColumns: []string{"id"}},
		}})
	_, err := sqlcheck.New(p)
	if err == nil || !strings.Contains(err.Error(), `"shipments"`) || !strings.Contains(err.Error(), "(order_id) to orders, (line_item_id) to line_items") {
		t.Errorf("New(two owners) = %v, want an error naming shipments and both candidates", err)
	}
	p.Owners = map[string][]string{"shipments": {"order_id"}}
	if _, err := sqlcheck.New(p); err != nil {
		t.Errorf("New(owner named) = %v", err)
	}
}

func TestOwnedWrites(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(keysPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ sql, want string }{
		{"INSERT INTO line_items (order_id, sku) VALUES ($2, $3)", "insert-tenant line_items"},
		{"INSERT INTO line_items (sku) VALUES ($3)", "insert-tenant line_items"},
		{"INSERT INTO line_items VALUES (1, $2, $3)", "insert-tenant line_items"},
		{"INSERT INTO line_items (order_id, sku) SELECT o.id, $3 FROM orders o WHERE o.tenant_id = $1 AND o.id = $2", ""},
		{"INSERT INTO line_items (order_id, sku) SELECT o.id, $3 FROM orders o WHERE o.id = $2", "insert-tenant line_items, unpinned o"},
		{"INSERT INTO line_items (order_id, sku) SELECT o.total, $3 FROM orders o WHERE o.tenant_id = $1", "insert-tenant line_items"},
		{"INSERT INTO line_items (order_id, sku) VALUES ((SELECT id FROM orders WHERE tenant_id = $1 AND id = $2), $3)", ""},
		{"INSERT INTO line_items (order_id, sku) VALUES ((SELECT id FROM orders WHERE id = $2), $3)", "insert-tenant line_items, unpinned orders"},
		{"INSERT INTO line_items (order_id, sku) SELECT o.id, $3 FROM orders o WHERE o.tenant_id = $1 UNION ALL SELECT o.id, $3 FROM orders o WHERE o.tenant_id = $1", "insert-tenant line_items"},
		{"INSERT INTO line_items (order_id, sku) SELECT o.id, $3 FROM orders o WHERE o.tenant_id = $1 RETURNING (SELECT count(*) FROM orders WHERE tenant_id = $2)", "multiple-tenants"},
		{"UPDATE line_items SET sku = $3 WHERE id = $2 AND order_id IN (SELECT id FROM orders WHERE tenant_id = $1)", ""},
		{"UPDATE line_items SET order_id = $4 WHERE id = $2 AND order_id IN (SELECT id FROM orders WHERE tenant_id = $1)", "tenant-write line_items"},
		{"UPDATE line_items SET order_id = (SELECT id FROM orders WHERE tenant_id = $1 AND id = $4) WHERE id = $2 AND order_id IN (SELECT id FROM orders WHERE tenant_id = $1)", ""},
		{"UPDATE line_items SET order_id = (SELECT id FROM orders WHERE tenant_id = $5 AND id = $4) WHERE id = $2 AND order_id IN (SELECT id FROM orders WHERE tenant_id = $1)", "multiple-tenants"},
		{"INSERT INTO line_items (order_id, sku) SELECT o.id, $3 FROM orders o WHERE o.tenant_id = $1 ON CONFLICT (id) DO UPDATE SET sku = excluded.sku", "upsert-conflict line_items"},
		{"DELETE FROM line_items WHERE order_id IN (SELECT id FROM orders WHERE tenant_id = $1) AND id = $2", ""},
		{"DELETE FROM line_items WHERE id = $2", "unpinned line_items"},
	} {
		got := strings.Join(verdict(c.Check(tc.sql)), ", ")
		if got != tc.want {
			t.Errorf("Check(%q) = %q, want %q", tc.sql, got, tc.want)
		}
	}
}

// nestedPolicy: organizations are tenants (tenant_id); projects belong to one; tasks carry both
// columns tied by a composite foreign key; boards have no tenant column and are owned through
// projects; notes have a project_id that nothing ties to their tenant.
func nestedPolicy() sqlcheck.Policy {
	return sqlcheck.Policy{
		Schema: []sqlcheck.Table{
			{Name: "projects", Columns: []string{"id", "tenant_id", "name"}, Unique: [][]string{{"id"}, {"tenant_id", "id"}}},
			{Name: "tasks", Columns: []string{"id", "tenant_id", "project_id", "title"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"tenant_id", "project_id"}, RefTable: "projects", RefColumns: []string{"tenant_id", "id"}}}},
			{Name: "boards", Columns: []string{"id", "project_id"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"project_id"}, RefTable: "projects", RefColumns: []string{"id"}}}},
			{Name: "notes", Columns: []string{"id", "tenant_id", "project_id"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"project_id"}, RefTable: "projects", RefColumns: []string{"id"}}}},
		},
		SubTenants: []sqlcheck.SubTenant{{Column: "project_id", Table: "projects"}},
	}
}

func TestNestedTenants(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(nestedPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ sql, want, values string }{
		{"SELECT * FROM tasks WHERE project_id = $1", "", "$1 project_id"},
		{"SELECT * FROM tasks WHERE tenant_id = $1 AND project_id = $2", "", "$1, $2 project_id covered"},
		{"SELECT * FROM boards WHERE project_id = $1", "", "$1 project_id"},
		{"SELECT * FROM projects WHERE id = $1", "", "$1 project_id"},
		{"SELECT * FROM notes WHERE project_id = $1", "unpinned notes", ""},
		{"SELECT * FROM tasks WHERE tenant_id = $1 AND project_id = $1", "", "$1, $1 project_id covered"},
		{"SELECT t.* FROM tasks t JOIN boards b ON b.project_id = t.project_id WHERE t.project_id = $1", "", "$1 project_id"},
		{"SELECT * FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.tenant_id = $1", "", "$1"},
		{"SELECT * FROM tasks t, boards b WHERE t.project_id = $1 AND b.project_id = $2", "multiple-tenants", "$1 project_id, $2 project_id"},
		{"SELECT * FROM tasks t, projects p WHERE t.project_id = $2 AND p.tenant_id = $1", "multiple-tenants", "$2 project_id, $1"},
		{"SELECT * FROM tasks WHERE project_id > $1", "unpinned tasks", ""},
	} {
		r := c.Check(tc.sql)
		got := strings.Join(verdict(r), ", ")
		var vals []string
		for _, v := range r.TenantValues {
			s := "$" + strconv.Itoa(v.Param)
			if v.Sub != "" {
				s += " " + v.Sub
			}
			if v.Covered {
				s += " covered"
			}
			vals = append(vals, s)
		}
		if got != tc.want || strings.Join(vals, ", ") != tc.values {
			t.Errorf("Check(%q) = %q with values %q, want %q with %q", tc.sql, got, strings.Join(vals, ", "), tc.want, tc.values)
		}
	}
	same := func(a, b any) bool { return a == b }
	name := func() string { return "tenant 1" }
	r := c.Check("SELECT * FROM boards WHERE project_id = $1")
	if v := r.Bind([]any{int64(5)}, int64(1), nil, same, name); len(v) != 1 || !strings.Contains(v[0].Hint, `Sub("project_id"`) {
		t.Errorf("Bind without a sub-tenant = %v, want one violation asking to narrow the scope", v)
	}
	if v := r.Bind([]any{int64(5)}, int64(1), map[string]any{"project_id": int64(5)}, same, name); len(v) != 0 {
		t.Errorf("Bind with project 5 = %v, want none", v)
	}
	if v := r.Bind([]any{int64(6)}, int64(1), map[string]any{"project_id": int64(5)}, same, name); len(v) != 1 {
		t.Errorf("Bind of project 6 in the scope of project 5 = %v, want one violation", v)
	}
	r = c.Check("SELECT * FROM tasks WHERE tenant_id = $1 AND project_id = $2")
	if v := r.Bind([]any{int64(1), int64(99)}, int64(1), nil, same, name); len(v) != 0 {
		t.Errorf("Bind of a covered sub-tenant value = %v, want none", v)
	}
}

// TestContractKeysTable checks the examples of docs/contract.md section 6 under keysPolicy, so
// the page and the checker cannot drift apart.
func TestContractKeysTable(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../docs/contract.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(doc), "## 6. Tenancy through keys")
	if !ok {
		t.Fatal("docs/contract.md has no section 6")
	}
	c, err := sqlcheck.New(keysPolicy())
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\| ([^|]+) \\|$")
	n := 0
	for _, m := range row.FindAllStringSubmatch(sec, -1) {
		n++
		sql, want := m[1], strings.TrimSpace(m[2])
		got := verdict(c.Check(sql))
		if strings.HasPrefix(want, "safe") {
			if len(got) > 0 {
				t.Errorf("%s: got %v, the contract says %s", sql, got, want)
			}
			continue
		}
		for _, w := range strings.Split(want, ", ") {
			if !slices.ContainsFunc(got, func(g string) bool { return g == w || strings.HasPrefix(g, w+" ") }) {
				t.Errorf("%s: got %v, the contract says %s", sql, got, want)
			}
		}
	}
	if n < 10 {
		t.Errorf("found %d examples in section 6, want the table's 10", n)
	}
}

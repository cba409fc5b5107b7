package tenantq_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// ownedDDL holds 500 tenants with 20 orders each and 5 line items per order. line_items has
// no tenant column: it is owned through orders by order_id.
const ownedDDL = `
CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, total numeric NOT NULL);
CREATE INDEX orders_tenant ON orders (tenant_id);
CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), sku text NOT NULL);
CREATE INDEX line_items_order ON line_items (order_id);
INSERT INTO orders SELECT t * 100 + o, t, o FROM generate_series(1, 500) t, generate_series(1, 20) o;
INSERT INTO line_items SELECT o.id * 10 + i, o.id, 'sku-' || i FROM orders o, generate_series(1, 5) i;
ANALYZE orders;
ANALYZE line_items;
`

// ownedPolicy is the policy ownedDDL's schema gives, as the schema reader reads it.
func ownedPolicy() sqlcheck.Policy {
	return sqlcheck.Policy{Schema: []sqlcheck.Table{
		{Name: "orders", Columns: []string{"id", "tenant_id", "total"}, Unique: [][]string{{"id"}}},
		{Name: "line_items", Columns: []string{"id", "order_id", "sku"}, Unique: [][]string{{"id"}},
			ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"order_id"}, RefTable: "orders", RefColumns: []string{"id"}}}},
	}}
}

// TestOwnedThroughTables shows the builder pinning a table with no tenant column through its
// parent: the user writes From("line_items") and reads, updates and deletes only the
// tenant's rows, with a plan that uses the index on the owning key.
func TestOwnedThroughTables(t *testing.T) {
	t.Parallel()
	pool := testdb.OpenSchema(t, ownedDDL)
	ctx := context.Background()
	tn, err := tenantq.New(ownedPolicy())
	if err != nil {
		t.Fatal(err)
	}
	s, err := tn.Scope(int64(7))
	if err != nil {
		t.Fatal(err)
	}
	db := tenantq.Pgx(pool)

	sel := s.Select("li.id", "li.order_id").From("line_items li")
	sql, args, err := sel.ToSql()
	if err != nil {
		t.Fatal(err)
	}
	want := "SELECT li.id, li.order_id FROM line_items li WHERE li.order_id IN (SELECT id FROM orders WHERE tenant_id = $1)"
	if sql != want {
		t.Errorf("ToSql() = %q, want %q", sql, want)
	}
	rows, err := sel.Query(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id, order int64
		if err := rows.Scan(&id, &order); err != nil {
			t.Fatal(err)
		}
		if order/100 != 7 {
			t.Errorf("line item %d of order %d belongs to tenant %d, not 7", id, order, order/100)
		}
		n++
	}
	rows.Close()
	if n != 100 {
		t.Errorf("read %d line items, want the tenant's 100", n)
	}

	var plan strings.Builder
	//tenantvet:ignore explains the statement ToSql built, whose tenant scope ToSql verified
	prows, err := pool.Query(ctx, "EXPLAIN "+sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range must(pgx.CollectRows(prows, pgx.RowTo[string])) {
		plan.WriteString(line + "\n")
	}
	t.Logf("plan of %s:\n%s", sql, plan.String())
	if strings.Contains(plan.String(), "Seq Scan on line_items") || !strings.Contains(plan.String(), "line_items_order") {
		t.Errorf("the pinned read does not use the index on line_items (order_id):\n%s", plan.String())
	}

	// A join from the parent keeps the equality on the key; the child is pinned in ON.
	j, _, err := s.Select("o.id", "li.sku").From("orders o").Join("line_items li ON li.order_id = o.id").ToSql()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j, "ON (li.order_id = o.id) AND li.order_id IN (SELECT id FROM orders WHERE tenant_id = $1)") {
		t.Errorf("join ToSql() = %q, want the child pinned in its ON", j)
	}

	if n, err := s.Update("line_items").Set("sku", "x").Where("id > ?", 0).Exec(ctx, db); err != nil || n != 100 {
		t.Errorf("Update = %d, %v; want the tenant's 100 rows", n, err)
	}
	var other int
	//tenantvet:ignore counts the other tenants' rows to prove the update left them unchanged
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM line_items WHERE sku = 'x' AND order_id / 100 <> 7").Scan(&other); err != nil || other != 0 {
		t.Errorf("Update reached %d rows of other tenants (%v)", other, err)
	}
	if n, err := s.Delete("line_items").Where("sku = ?", "x").Exec(ctx, db); err != nil || n != 100 {
		t.Errorf("Delete = %d, %v; want the tenant's 100 rows", n, err)
	}

	// A bare parent key could attach a row under another tenant's order: refused.
	_, _, err = s.Insert("line_items").Columns("id", "order_id", "sku").Values(1, 801, "stolen").ToSql()
	if !errors.Is(err, tenantq.ErrUnsafe) || !strings.Contains(err.Error(), "insert-tenant") {
		t.Errorf("Insert with a bare order_id: err = %v, want an insert-tenant violation", err)
	}
	// Taken from a pinned parent, it is accepted and runs.
	ins := s.Insert("line_items").Columns("id", "order_id", "sku").
		Select(s.Select("o.id * 100", "o.id", "'new'").From("orders o").Where("o.id = ?", 701))
	if n, err := ins.Exec(ctx, db); err != nil || n != 1 {
		t.Errorf("Insert ... Select from a pinned order = %d, %v; want 1 row", n, err)
	}
	if n, err := s.Insert("line_items").Columns("id", "order_id", "sku").
		Select(s.Select("o.id * 100 + 1", "o.id", "'new'").From("orders o").Where("o.id = ?", 801)).Exec(ctx, db); err != nil || n != 0 {
		t.Errorf("Insert ... Select from another tenant's order = %d, %v; want 0 rows", n, err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// nestedDDL: tenants (organizations) 1 and 2 with two projects each; tasks carry both keys,
// tied by a composite foreign key; boards are owned through projects.
const nestedDDL = `
CREATE TABLE projects (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, UNIQUE (tenant_id, id));
CREATE TABLE tasks (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, project_id bigint NOT NULL,
	FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id));
CREATE TABLE boards (id bigint PRIMARY KEY, project_id bigint NOT NULL REFERENCES projects (id));
INSERT INTO projects VALUES (11, 1), (12, 1), (21, 2), (22, 2);
INSERT INTO tasks SELECT p.id * 10 + i, p.tenant_id, p.id FROM projects p, generate_series(1, 3) i;
INSERT INTO boards SELECT p.id * 10 + i, p.id FROM projects p, generate_series(1, 2) i;
`

func TestSubTenantScope(t *testing.T) {
	t.Parallel()
	pool := testdb.OpenSchema(t, nestedDDL)
	ctx := context.Background()
	tn, err := tenantq.New(sqlcheck.Policy{
		Schema: []sqlcheck.Table{
			{Name: "projects", Columns: []string{"id", "tenant_id"}, Unique: [][]string{{"id"}, {"tenant_id", "id"}}},
			{Name: "tasks", Columns: []string{"id", "tenant_id", "project_id"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"tenant_id", "project_id"}, RefTable: "projects", RefColumns: []string{"tenant_id", "id"}}}},
			{Name: "boards", Columns: []string{"id", "project_id"}, Unique: [][]string{{"id"}},
				ForeignKeys: []sqlcheck.ForeignKey{{Columns: []string{"project_id"}, RefTable: "projects", RefColumns: []string{"id"}}}},
		},
		SubTenants: []sqlcheck.SubTenant{{Column: "project_id", Table: "projects"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	org, err := tn.Scope(int64(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := org.Sub("team_id", 1); !errors.Is(err, tenantq.ErrBadTenant) {
		t.Errorf("Sub(undeclared key) = %v, want ErrBadTenant", err)
	}
	proj, err := org.Sub("project_id", int64(12))
	if err != nil {
		t.Fatal(err)
	}
	db := tenantq.Pgx(pool)
	for _, tc := range []struct {
		table, want string
		ids         []int64
	}{
		{"tasks", "SELECT id FROM tasks WHERE tasks.tenant_id = $1 AND tasks.project_id = $2 ORDER BY id", []int64{121, 122, 123}},
		{"boards", "SELECT id FROM boards WHERE boards.project_id IN (SELECT id FROM projects WHERE tenant_id = $1) AND boards.project_id = $2 ORDER BY id", []int64{121, 122}},
		{"projects", "SELECT id FROM projects WHERE projects.tenant_id = $1 AND projects.id = $2 ORDER BY id", []int64{12}},
	} {
		b := proj.Select("id").From(tc.table).OrderBy("id")
		if sql, _, err := b.ToSql(); err != nil || sql != tc.want {
			t.Errorf("%s: ToSql() = %q, %v; want %q", tc.table, sql, err, tc.want)
			continue
		}
		rows, err := b.Query(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if fmt.Sprint(ids) != fmt.Sprint(tc.ids) {
			t.Errorf("%s: read %v, want project 12's %v", tc.table, ids, tc.ids)
		}
	}
	// Verify (the guard's check) takes a statement pinned by the project alone when it is
	// the scope's project, and only then.
	const byProject = "SELECT * FROM boards WHERE project_id = $1"
	if err := proj.Verify(byProject, []any{int64(12)}); err != nil {
		t.Errorf("Verify(project 12 in its scope) = %v", err)
	}
	if err := proj.Verify(byProject, []any{int64(21)}); !errors.Is(err, tenantq.ErrUnsafe) {
		t.Errorf("Verify(project 21 of another tenant) = %v, want refused", err)
	}
	if err := org.Verify(byProject, []any{int64(12)}); !errors.Is(err, tenantq.ErrUnsafe) {
		t.Errorf("Verify(pinned by a project, scope names none) = %v, want refused", err)
	}
}

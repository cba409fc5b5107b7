package isolation

import (
	"fmt"
	"strings"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// KeysDDL creates and seeds the tables whose tenancy goes through keys (docs/keys.md):
//   - orders is a tenant table; line_items have no tenant column and are owned through orders by
//     order_id, item_notes through line_items by line_item_id;
//   - users have no tenant column and are reached through the membership table memberships
//     (tenant_id, user_id): a user is visible to every tenant linked to it;
//   - projects are a sub-tenant (the key project_id); tasks carry both keys, tied by the
//     composite foreign key (tenant_id, project_id); boards have no tenant column and are owned
//     through projects; milestones have a tenant column and a project_id whose single-column
//     foreign key ties nothing to the tenant, and one milestone of each tenant names another
//     tenant's project.
//
// Each table with no tenant column has the column truth_tenant, which the policy does not take
// for a tenant column: the data keeps it equal to the tenant of the row's parent, and a
// trigger sets it to the tenant a statement runs as (the setting isolation.tenant) on every
// insert. A child whose truth_tenant differs from its parent's tenant was attached to another
// tenant's parent. Ids of the owned-through tables come from one sequence, so inserts need not
// name them; the ids and names of the others overlap across tenants where keys allow.
const KeysDDL = `
CREATE SEQUENCE key_ids START 100000;
CREATE TABLE orders (
	tenant_id bigint NOT NULL, id bigint PRIMARY KEY, num int NOT NULL, status text NOT NULL,
	UNIQUE (tenant_id, id), UNIQUE (tenant_id, num));
CREATE TABLE line_items (
	id bigint PRIMARY KEY DEFAULT nextval('key_ids'),
	order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	sku text NOT NULL, qty int NOT NULL, truth_tenant bigint NOT NULL, UNIQUE (order_id, sku));
CREATE TABLE item_notes (
	id bigint PRIMARY KEY DEFAULT nextval('key_ids'),
	line_item_id bigint NOT NULL REFERENCES line_items (id) ON DELETE CASCADE,
	body text NOT NULL, truth_tenant bigint NOT NULL);
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE memberships (
	tenant_id bigint NOT NULL, id bigint NOT NULL, user_id bigint NOT NULL REFERENCES users (id),
	role text NOT NULL, PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, user_id));
CREATE TABLE projects (
	tenant_id bigint NOT NULL, id bigint PRIMARY KEY, name text NOT NULL, UNIQUE (tenant_id, id));
CREATE TABLE tasks (
	tenant_id bigint NOT NULL, id bigint PRIMARY KEY DEFAULT nextval('key_ids'),
	project_id bigint NOT NULL, title text NOT NULL, done boolean NOT NULL,
	FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id));
CREATE TABLE boards (
	id bigint PRIMARY KEY DEFAULT nextval('key_ids'),
	project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name text NOT NULL, truth_tenant bigint NOT NULL);
CREATE TABLE milestones (
	tenant_id bigint NOT NULL, id bigint NOT NULL, project_id bigint NOT NULL REFERENCES projects (id),
	title text NOT NULL, PRIMARY KEY (tenant_id, id));
INSERT INTO orders SELECT t, t * 100 + k, k, (ARRAY['new', 'paid', 'sent'])[1 + k % 3]
	FROM generate_series(1, 3) t, generate_series(1, 4) k;
INSERT INTO line_items SELECT o.id * 10 + i, o.id, 'sku-' || i, i, o.tenant_id FROM orders o, generate_series(1, 2) i;
INSERT INTO item_notes SELECT l.id * 10 + 1, l.id, 'on ' || l.sku, l.truth_tenant FROM line_items l
	WHERE l.qty = 1 OR l.order_id % 2 = 0;
INSERT INTO users SELECT u, 'u' || u || '@x', (ARRAY['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal'])[u]
	FROM generate_series(1, 8) u;
INSERT INTO memberships VALUES (1, 1, 1, 'owner'), (1, 2, 2, 'member'), (1, 3, 3, 'member'), (1, 4, 4, 'member'),
	(2, 1, 3, 'owner'), (2, 2, 4, 'member'), (2, 3, 5, 'member'), (2, 4, 6, 'member'),
	(3, 1, 6, 'owner'), (3, 2, 7, 'member'), (3, 3, 8, 'member');
INSERT INTO projects SELECT t, t * 10 + k, 'p' || k FROM generate_series(1, 3) t, generate_series(1, 3) k;
INSERT INTO tasks SELECT t, t * 100 + k, t * 10 + 1 + k % 3, 'task ' || k, k % 2 = 0
	FROM generate_series(1, 3) t, generate_series(1, 5) k;
INSERT INTO boards SELECT p.id * 10 + k, p.id, 'board ' || k, p.tenant_id FROM projects p, generate_series(1, 2) k;
INSERT INTO milestones SELECT t, k, t * 10 + k, 'm' || k FROM generate_series(1, 3) t, generate_series(1, 2) k;
INSERT INTO milestones SELECT t, 3, 10 * (t % 3) + 11, 'stray' FROM generate_series(1, 3) t;
CREATE FUNCTION set_truth_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.truth_tenant := current_setting('isolation.tenant')::bigint;
	RETURN NEW;
END $$;
CREATE TRIGGER line_items_truth BEFORE INSERT ON line_items FOR EACH ROW EXECUTE FUNCTION set_truth_tenant();
CREATE TRIGGER item_notes_truth BEFORE INSERT ON item_notes FOR EACH ROW EXECUTE FUNCTION set_truth_tenant();
CREATE TRIGGER boards_truth BEFORE INSERT ON boards FOR EACH ROW EXECUTE FUNCTION set_truth_tenant();
`

// OwnedTables are the tables of DDL with no tenant column that are owned through a parent;
// each keeps its row's tenant in truth_tenant.
var OwnedTables = []string{"line_items", "item_notes", "boards"}

// ReachedTables are the tables of DDL reached through a membership table, each with its link.
var ReachedTables = map[string]sqlcheck.Link{"users": {Table: "memberships", Column: "user_id"}}

// SubTenants are the sub-tenant keys of DDL: project_id names a project.
var SubTenants = []sqlcheck.SubTenant{{Column: "project_id", Table: "projects"}}

// UserColumnPrefix starts the name of every result column that carries a user id: a user is
// the tenant's when a membership of the tenant names it.
const UserColumnPrefix = "tq_u"

// truthTables lists every table holding tenant data with the column that holds its true
// tenant, for the checksums of other tenants' rows.
var truthTables = []struct{ name, col string }{
	{"contacts", "tenant_id"}, {"deals", "tenant_id"}, {"notes", "tenant_id"}, {"tags", "tenant_id"},
	{"orders", "tenant_id"}, {"line_items", "truth_tenant"}, {"item_notes", "truth_tenant"},
	{"memberships", "tenant_id"}, {"projects", "tenant_id"}, {"tasks", "tenant_id"},
	{"boards", "truth_tenant"}, {"milestones", "tenant_id"},
}

// strayChildrenSQL counts the rows of owned-through tables whose true tenant is not their
// parent's: a child attached to another tenant's parent.
const strayChildrenSQL = `(SELECT count(*) FROM line_items l JOIN orders o ON o.id = l.order_id WHERE l.truth_tenant <> o.tenant_id)
	+ (SELECT count(*) FROM item_notes n JOIN line_items l ON l.id = n.line_item_id WHERE n.truth_tenant <> l.truth_tenant)
	+ (SELECT count(*) FROM boards b JOIN projects p ON p.id = b.project_id WHERE b.truth_tenant <> p.tenant_id)`

// checksumSQL computes, for each table of truthTables, a checksum of the rows of every tenant
// but $1, then one of the users not linked to $1, then the number of stray children.
var checksumSQL = func() string {
	var cols []string
	for _, t := range truthTables {
		cols = append(cols, fmt.Sprintf("(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM %s x WHERE x.%s IS DISTINCT FROM $1)", t.name, t.col))
	}
	// A user belongs to every tenant a membership links it to: the others' are the users not
	// linked to $1.
	cols = append(cols, "(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM users x WHERE x.id NOT IN (SELECT m.user_id FROM memberships m WHERE m.tenant_id = $1))")
	return "SELECT " + strings.Join(cols, ",\n\t") + ",\n\t" + strayChildrenSQL
}()

// Policy returns the policy of DDL's schema: the tables, columns and keys as config.ParseSchema
// reads them (TestSchemaKeys checks the keys against PostgreSQL's catalog), the global tables,
// users reached through memberships, and the sub-tenant key project_id.
func Policy() (sqlcheck.Policy, error) {
	tables, err := config.ParseSchema("isolation.sql", DDL, nil)
	if err != nil {
		return sqlcheck.Policy{}, fmt.Errorf("parse DDL: %w", err)
	}
	return sqlcheck.Policy{
		GlobalTables:   GlobalTables,
		Schema:         tables,
		ReachedThrough: ReachedTables,
		SubTenants:     SubTenants,
	}, nil
}

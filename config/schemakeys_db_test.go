package config_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
)

// keysDDL uses every form of key the schema reader follows, in migration order.
const keysDDL = `
CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, code text UNIQUE);
ALTER TABLE orders ADD CONSTRAINT orders_tenant_id UNIQUE (tenant_id, id);
CREATE TABLE line_items (id bigint, ord bigint NOT NULL, sku text,
	CONSTRAINT line_items_pk PRIMARY KEY (id),
	FOREIGN KEY (ord) REFERENCES orders ON DELETE CASCADE);
ALTER TABLE line_items RENAME COLUMN ord TO order_id;
CREATE TABLE shipments (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, order_id bigint);
ALTER TABLE shipments ADD CONSTRAINT shipments_order FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) NOT VALID;
ALTER TABLE shipments ADD COLUMN line_item_id bigint REFERENCES line_items ON UPDATE SET NULL;
CREATE TABLE users (id bigint, email text, deleted_at timestamptz);
CREATE UNIQUE INDEX users_id ON users (id);
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id;
CREATE TABLE memberships (user_id bigint REFERENCES users, tenant_id bigint NOT NULL, UNIQUE (tenant_id, user_id));
ALTER TABLE memberships RENAME CONSTRAINT memberships_user_id_fkey TO memberships_user;
CREATE TABLE audit (id bigint PRIMARY KEY, tmp bigint UNIQUE);
ALTER TABLE audit DROP COLUMN tmp;
ALTER TABLE orders RENAME TO purchases;
`

// TestSchemaKeysMatchTheCatalog applies keysDDL to a real PostgreSQL and compares the keys the
// schema reader finds with the catalog's: names, columns, referenced tables and actions.
func TestSchemaKeysMatchTheCatalog(t *testing.T) {
	pool := testdb.OpenSchema(t, keysDDL)
	ctx := context.Background()
	rows, err := pool.Query(ctx, `
SELECT c.relname::text, 'u ' || array_to_string(array(
	SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
	JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY o), ',')
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace = current_schema()::regnamespace AND i.indisunique AND i.indpred IS NULL
	AND NOT 0 = ANY (i.indkey::int2[])
UNION ALL
SELECT c.relname::text, 'fk ' || con.conname || ' ' || array_to_string(array(
	SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
	JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY o), ',')
	|| ' ' || r.relname || ' ' || array_to_string(array(
	SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
	JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY o), ',')
	|| ' ' || con.confdeltype::text || con.confupdtype::text
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
WHERE c.relnamespace = current_schema()::regnamespace AND con.contype = 'f'
UNION ALL
SELECT c.relname::text, 'nn ' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND a.attnotnull AND NOT a.attisdropped`)
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
		var table, key string
		err := row.Scan(&table, &key)
		return table + ": " + key, err
	})
	if err != nil {
		t.Fatal(err)
	}
	tables, err := config.ParseSchema("keys.sql", keysDDL, nil)
	if err != nil {
		t.Fatal(err)
	}
	action := map[string]string{"no action": "a", "restrict": "r", "cascade": "c", "set null": "n", "set default": "d"}
	var read []string
	for _, tb := range tables {
		for _, u := range tb.Unique {
			read = append(read, tb.Name+": u "+strings.Join(u, ","))
		}
		for _, fk := range tb.ForeignKeys {
			read = append(read, fmt.Sprintf("%s: fk %s %s %s %s %s%s", tb.Name, fk.Name, strings.Join(fk.Columns, ","), fk.RefTable, strings.Join(fk.RefColumns, ","), action[fk.OnDelete], action[fk.OnUpdate]))
		}
		for _, c := range tb.NotNull {
			read = append(read, tb.Name+": nn "+c)
		}
	}
	slices.Sort(catalog)
	slices.Sort(read)
	if len(catalog) < 20 {
		t.Fatalf("the catalog lists %d keys of keysDDL, want its 21:\n%s", len(catalog), strings.Join(catalog, "\n"))
	}
	if !slices.Equal(catalog, read) {
		t.Errorf("the schema reader's keys differ from the catalog's\nreader:  %s\ncatalog: %s", strings.Join(read, "\n         "), strings.Join(catalog, "\n         "))
	}
}

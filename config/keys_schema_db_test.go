package config_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// keysSchema is a schema with every form of key the reader follows, one statement a line
// group, run one by one (CREATE INDEX CONCURRENTLY runs outside a transaction).
var keysSchema = []string{
	`CREATE SCHEMA app`,
	// Column and table constraints, generated names.
	`CREATE TABLE tenants (id bigint PRIMARY KEY, name text NOT NULL UNIQUE, slug text)`,
	`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS tenants_slug_uq ON tenants (slug) INCLUDE (name)`,
	`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS tenants_slug_uq ON tenants (lower(slug))`,
	`CREATE UNIQUE INDEX ON tenants (lower(name))`,
	`CREATE UNIQUE INDEX tenants_partial ON tenants (slug) WHERE slug IS NOT NULL`,
	// Another equality than the column type's: not a key.
	`CREATE UNIQUE INDEX tenants_pattern ON tenants (slug text_pattern_ops)`,
	`CREATE UNIQUE INDEX tenants_collate ON tenants (name COLLATE "C")`,
	`CREATE TABLE accounts (
		tenant_id bigint NOT NULL REFERENCES tenants,
		id bigserial,
		code text,
		PRIMARY KEY (tenant_id, id),
		UNIQUE NULLS NOT DISTINCT (tenant_id, code)
	)`,
	`CREATE TABLE users (
		id int GENERATED ALWAYS AS IDENTITY,
		email text,
		tenant_id bigint REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE SET NULL,
		CONSTRAINT users_pk PRIMARY KEY (id)
	)`,
	`CREATE UNIQUE INDEX ON users (email)`,
	`CREATE TABLE memberships (
		tenant_id bigint,
		account_id bigint,
		user_id int REFERENCES users ON DELETE RESTRICT,
		FOREIGN KEY (tenant_id, account_id) REFERENCES accounts ON DELETE SET DEFAULT,
		UNIQUE (user_id, account_id),
		UNIQUE (user_id, account_id),
		UNIQUE (account_id)
	)`,
	// ALTER TABLE ... ADD.
	`CREATE TABLE notes (id int, tenant_id bigint, author int, body text)`,
	`ALTER TABLE notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id), ADD UNIQUE (tenant_id, id)`,
	`ALTER TABLE notes ADD CONSTRAINT notes_author FOREIGN KEY (author) REFERENCES users NOT VALID`,
	`ALTER TABLE notes ADD COLUMN owner int NOT NULL REFERENCES users ON UPDATE CASCADE`,
	`ALTER TABLE notes ADD COLUMN IF NOT EXISTS owner int UNIQUE`,
	`ALTER TABLE notes ALTER COLUMN body SET NOT NULL`,
	`ALTER TABLE notes ALTER COLUMN owner DROP NOT NULL`,
	`CREATE TABLE tags (id int NOT NULL, name text)`,
	`CREATE UNIQUE INDEX tags_id_idx ON tags (id)`,
	`ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_id_idx`,
	`CREATE UNIQUE INDEX tags_name_idx ON tags (name)`,
	`ALTER TABLE tags ADD UNIQUE USING INDEX tags_name_idx`,
	`CREATE TABLE note_tags (note_id int REFERENCES notes, tag_id int REFERENCES tags, extra int, UNIQUE (note_id, tag_id))`,
	// Renames.
	`ALTER TABLE note_tags RENAME CONSTRAINT note_tags_tag_id_fkey TO nt_tag`,
	`ALTER INDEX tags_name_idx RENAME TO tags_name_uq`,
	`ALTER TABLE tags DROP CONSTRAINT tags_name_uq`,
	`ALTER TABLE tags RENAME COLUMN id TO tag_id`,
	`ALTER TABLE note_tags RENAME COLUMN tag_id TO tag`,
	`ALTER TABLE tags RENAME TO labels`,
	// Drops.
	`ALTER TABLE note_tags DROP COLUMN extra`,
	`ALTER TABLE notes DROP CONSTRAINT notes_pkey CASCADE`,
	`ALTER TABLE memberships DROP CONSTRAINT IF EXISTS memberships_user_id_account_id_key`,
	`ALTER TABLE memberships DROP CONSTRAINT IF EXISTS nope`,
	`DROP INDEX users_email_idx`,
	`CREATE TABLE scratch (id int PRIMARY KEY)`,
	`CREATE TABLE scratch_ref (s int REFERENCES scratch, r int)`,
	`DROP TABLE scratch CASCADE`,
	`ALTER TABLE users DROP COLUMN email`,
	`CREATE TABLE parents2 (a int, b int, UNIQUE (a, b))`,
	`CREATE TABLE kids2 (a int, b int, FOREIGN KEY (a, b) REFERENCES parents2 (a, b))`,
	`ALTER TABLE parents2 DROP COLUMN b CASCADE`,
	// SET SCHEMA, schemas.
	`CREATE TABLE moved (id int PRIMARY KEY)`,
	`CREATE TABLE points_to_moved (m int REFERENCES moved)`,
	`ALTER TABLE moved SET SCHEMA app`,
	`CREATE TABLE app.things (id int PRIMARY KEY, moved_id int REFERENCES app.moved, t bigint REFERENCES public.tenants)`,
	// Name clashes and truncation.
	`CREATE TABLE a_b (c int PRIMARY KEY, x int REFERENCES a_b)`,
	`CREATE TABLE a (b_x int REFERENCES a_b)`,
	`CREATE TABLE dup (x int REFERENCES a_b, y int, FOREIGN KEY (x) REFERENCES a_b, UNIQUE (y), UNIQUE (x, y))`,
	`ALTER TABLE dup DROP CONSTRAINT dup_x_fkey`,
	`ALTER TABLE dup ADD FOREIGN KEY (x) REFERENCES a_b, ADD FOREIGN KEY (x) REFERENCES a_b (c), ADD FOREIGN KEY (y) REFERENCES a_b`,
	`ALTER TABLE a_b RENAME TO a_b_renamed`,
	`CREATE TABLE a_b (c int PRIMARY KEY, x int REFERENCES a_b)`,
	`CREATE TABLE a_very_long_table_name_that_goes_on_and_on_and_on_forever (
		a_very_long_column_name_that_also_goes_on_and_on_and_on int REFERENCES a_b,
		"ünïcødé_çolumn_ñame_with_multibyte_characters_that_is_long" int REFERENCES a_b,
		UNIQUE (a_very_long_column_name_that_also_goes_on_and_on_and_on)
	)`,
	`CREATE TABLE a_very_long_table_name_that_goes_on_and_on_and_on_forevex (
		a_very_long_column_name_that_also_goes_on_and_on_and_on int REFERENCES a_b
	)`,
	// Partitions and inheritance.
	`CREATE TABLE events (tenant_id bigint NOT NULL REFERENCES tenants, id int, at date, PRIMARY KEY (tenant_id, id, at)) PARTITION BY RANGE (at)`,
	`CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
	`CREATE TABLE events_2025 (tenant_id bigint NOT NULL, id int NOT NULL, at date NOT NULL)`,
	`ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`,
	`CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2024-01-01')`,
	`CREATE TABLE event_refs (tenant_id bigint, event_id int, at date, FOREIGN KEY (tenant_id, event_id, at) REFERENCES events ON DELETE CASCADE)`,
	`ALTER TABLE events DETACH PARTITION events_old`,
	// ON ONLY: valid, so a key, while the table has no partitions (pg_dump writes every index
	// of a partitioned table so); invalid until attached when it has some.
	`CREATE TABLE parted (a int, b int, c int) PARTITION BY RANGE (a)`,
	`CREATE UNIQUE INDEX parted_ab ON ONLY parted (a, b)`,
	`CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10)`,
	`CREATE UNIQUE INDEX parted_ac ON ONLY parted (a, c)`,
	`CREATE UNIQUE INDEX ON ONLY labels (name)`,
	`CREATE TABLE base (id int PRIMARY KEY, t bigint NOT NULL REFERENCES tenants)`,
	`CREATE TABLE derived (extra int) INHERITS (base)`,
	`CREATE TABLE copy_all (LIKE accounts INCLUDING ALL)`,
	`CREATE TABLE copy_plain (LIKE accounts)`,
	`CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree)`,
	`CREATE TABLE empty ()`,
	// Procedural code that adds keys.
	`DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'tree_parent_uq') THEN
			ALTER TABLE tree ADD CONSTRAINT tree_parent_uq UNIQUE (parent);
		END IF;
		ALTER TABLE points_to_moved ALTER COLUMN m SET NOT NULL;
	END $$`,
}

// TestKeysMatchPostgreSQL applies keysSchema to a real PostgreSQL, reads the keys back from
// the catalog with ReadCatalog, and compares them with what ReadSchema reads from the same
// file: generated names, primary key resolution, renames and drops are checked against the
// real thing, and ReadCatalog against ReadSchema.
func TestKeysMatchPostgreSQL(t *testing.T) {
	conn := testdb.Database(t, "")
	ctx := context.Background()
	for _, stmt := range keysSchema {
		//tenantvet:ignore DDL in a database of the test's own
		if _, err := conn.Exec(ctx, stmt, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	path := filepath.Join(t.TempDir(), "schema.sql")
	if err := os.WriteFile(path, []byte(strings.Join(keysSchema, ";\n")+";\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	catalog, err := config.ReadCatalog(ctx, conn, "public", "app")
	if err != nil {
		t.Fatal(err)
	}
	if len(catalog) < 20 {
		t.Fatalf("ReadCatalog read %d tables, want the 20 or more of keysSchema", len(catalog))
	}
	compareSchemas(t, path, catalog)
}

// compareSchemas compares what ReadSchema reads from path with the tables ReadCatalog read
// after applying it. They differ only where the catalog cannot know the DDL: Where (a file
// and line from ReadSchema, the constraint's name from ReadCatalog), Dropped, "public"
// written or not (in table and type names), and the order of the foreign keys, which
// normalizeKeys sorts by name.
func compareSchemas(t *testing.T, path string, catalog []sqlcheck.Table) {
	t.Helper()
	read, err := config.ReadSchema(path)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]sqlcheck.Table{}
	for _, tb := range read {
		tb.Dropped = nil
		for i := range tb.ForeignKeys {
			if tb.ForeignKeys[i].Where == "" {
				t.Errorf("foreign key %q of %q has no Where", tb.ForeignKeys[i].Name, tb.Name)
			}
			tb.ForeignKeys[i].Where = ""
			if tb.ForeignKeys[i].RefSchema == "public" {
				tb.ForeignKeys[i].RefSchema = ""
			}
		}
		if tb.Schema == "public" {
			tb.Schema = ""
		}
		for col, typ := range tb.Types {
			tb.Types[col] = strings.TrimPrefix(typ, "public.")
		}
		got[qualified(tb.Schema, tb.Name)] = normalizeKeys(tb)
	}
	want := map[string]sqlcheck.Table{}
	for _, tb := range catalog {
		for i, fk := range tb.ForeignKeys {
			if w := fmt.Sprintf("constraint %q", fk.Name); fk.Where != w {
				t.Errorf("foreign key %q of %q: Where = %q, want %q", fk.Name, tb.Name, fk.Where, w)
			}
			tb.ForeignKeys[i].Where = ""
		}
		want[qualified(tb.Schema, tb.Name)] = normalizeKeys(tb)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("ReadSchema has no table %q", name)
			continue
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("table %q:\nReadSchema  %+v\nReadCatalog %+v", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("ReadSchema has table %q, which the catalog has not", name)
		}
	}
}

func qualified(schema, name string) string {
	if schema == "" || schema == "public" {
		return name
	}
	return schema + "." + name
}

// normalizeKeys sorts the foreign keys by name: ReadSchema has them in declaration order,
// ReadCatalog in creation order, which differ where an ALTER TABLE adds several (PostgreSQL
// adds its foreign keys after the rest).
func normalizeKeys(tb sqlcheck.Table) sqlcheck.Table {
	tb.ForeignKeys = slices.Clone(tb.ForeignKeys)
	slices.SortStableFunc(tb.ForeignKeys, func(a, b sqlcheck.ForeignKey) int { return strings.Compare(a.Name, b.Name) })
	return tb
}

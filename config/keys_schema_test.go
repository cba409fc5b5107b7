package config_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// keysOf returns the keys of the table named name ("schema.name" or "name") in ts, in a
// compact form: "notnull: a, b", "unique: a b | c", and one "fk <name>: cols -> schema.table(cols) <on delete>/<on update> @ where" each.
func keysOf(ts []sqlcheck.Table, name string) []string {
	for _, t := range ts {
		if qualified(t.Schema, t.Name) != name && t.Schema+"."+t.Name != name {
			continue
		}
		out := []string{"notnull: " + strings.Join(t.NotNull, ", ")}
		var u []string
		for _, k := range t.Unique {
			u = append(u, strings.Join(k, " "))
		}
		out = append(out, "unique: "+strings.Join(u, " | "))
		for _, f := range t.ForeignKeys {
			ref := f.RefTable
			if f.RefSchema != "" {
				ref = f.RefSchema + "." + ref
			}
			out = append(out, fmt.Sprintf("fk %s: %s -> %s(%s) %s/%s @ %s", f.Name, strings.Join(f.Columns, " "), ref, strings.Join(f.RefColumns, " "), f.OnDelete, f.OnUpdate, f.Where))
		}
		return out
	}
	return []string{"no table " + name}
}

func TestParseSchemaKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		sql   string
		table string
		want  []string
	}{
		{
			name:  "column constraints, generated names, default actions",
			sql:   "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id serial, p_id int NOT NULL REFERENCES p, code text UNIQUE, x int REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE);",
			table: "c",
			want: []string{"notnull: id, p_id", "unique: code",
				"fk c_p_id_fkey: p_id -> p(id) no action/no action @ s.sql:2",
				"fk c_x_fkey: x -> p(id) set null/cascade @ s.sql:2"},
		},
		{
			name:  "table constraints, composite, declared names, pk first, duplicates once",
			sql:   "CREATE TABLE p (t int, id int, UNIQUE (id), PRIMARY KEY (t, id));\nCREATE TABLE c (t int, p int, UNIQUE (t, p), UNIQUE (t, p), CONSTRAINT to_p FOREIGN KEY (t, p) REFERENCES p ON DELETE RESTRICT ON UPDATE SET DEFAULT);",
			table: "c",
			want:  []string{"notnull: ", "unique: t p", "fk to_p: t p -> p(t id) restrict/set default @ s.sql:2"},
		},
		{
			name:  "primary key first",
			sql:   "CREATE TABLE p (t int, id int, UNIQUE (id), PRIMARY KEY (t, id), UNIQUE NULLS NOT DISTINCT (id, t));",
			table: "p",
			want:  []string{"notnull: t, id", "unique: t id | id | id t"},
		},
		{
			name: "unique indexes: plain columns, not partial, INCLUDE left out, IF NOT EXISTS",
			sql: `CREATE TABLE t (a int, b int, c text, d text);
				CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a) INCLUDE (b);
				CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (b);
				CREATE UNIQUE INDEX ON t (b) WHERE b > 0;
				CREATE UNIQUE INDEX ON t (lower(c));
				CREATE UNIQUE INDEX ON t (c COLLATE "C");
				CREATE UNIQUE INDEX ON t (d text_pattern_ops);
				CREATE INDEX ON t (d);
				CREATE UNIQUE INDEX ON ONLY t (b);
				CREATE UNIQUE INDEX ON t (a, d);`,
			table: "t",
			// ON ONLY a table without partitions is a valid index, so a key, as in PostgreSQL
			// (TestKeysMatchPostgreSQL): the first (b) was IF NOT EXISTS on an existing name.
			want: []string{"notnull: ", "unique: a | b | a d"},
		},
		{
			name: "alter table add constraint, add column references, set and drop not null",
			sql: `CREATE TABLE p (id int, code text);
				ALTER TABLE p ADD CONSTRAINT p_pk PRIMARY KEY (id), ADD UNIQUE (code);
				CREATE TABLE c (id int, p_id int);
				ALTER TABLE c ADD CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p NOT VALID;
				ALTER TABLE c ADD COLUMN q int NOT NULL REFERENCES p ON DELETE CASCADE;
				ALTER TABLE c ADD COLUMN IF NOT EXISTS q int UNIQUE REFERENCES p;
				ALTER TABLE c ALTER COLUMN id SET NOT NULL, ALTER COLUMN q DROP NOT NULL;`,
			table: "c",
			want:  []string{"notnull: id", "unique: ", "fk c_p: p_id -> p(id) no action/no action @ s.sql:4", "fk c_q_fkey: q -> p(id) cascade/no action @ s.sql:5"},
		},
		{
			name: "using index, rename constraint and index",
			sql: `CREATE TABLE p (id int NOT NULL, code text);
				CREATE UNIQUE INDEX p_id_idx ON p (id);
				ALTER TABLE p ADD CONSTRAINT p_pkey PRIMARY KEY USING INDEX p_id_idx;
				CREATE UNIQUE INDEX p_code ON p (code);
				ALTER TABLE p ADD UNIQUE USING INDEX p_code;
				ALTER INDEX p_code RENAME TO p_code_uq;
				ALTER TABLE p DROP CONSTRAINT p_code;
				CREATE TABLE c (p int REFERENCES p);
				ALTER TABLE c RENAME CONSTRAINT c_p_fkey TO c_to_p;`,
			table: "c",
			want:  []string{"notnull: ", "unique: ", "fk c_to_p: p -> p(id) no action/no action @ s.sql:8"},
		},
		{
			name: "renamed index keeps the key",
			sql: `CREATE TABLE p (id int NOT NULL, code text);
				CREATE UNIQUE INDEX p_code ON p (code);
				ALTER TABLE p ADD UNIQUE USING INDEX p_code;
				ALTER INDEX p_code RENAME TO p_code_uq;
				ALTER TABLE p DROP CONSTRAINT IF EXISTS p_code;`,
			table: "p",
			want:  []string{"notnull: id", "unique: code"},
		},
		{
			name: "drop constraint and index",
			sql: `CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, other text);
				CREATE UNIQUE INDEX p_other ON p (other);
				CREATE TABLE c (p int REFERENCES p, q int, CONSTRAINT c_q FOREIGN KEY (q) REFERENCES p);
				ALTER TABLE p DROP CONSTRAINT p_code_key;
				DROP INDEX IF EXISTS p_other, nope;
				ALTER TABLE c DROP CONSTRAINT c_q;`,
			table: "p",
			want:  []string{"notnull: id", "unique: id"},
		},
		{
			name: "dropping a referenced primary key drops the foreign keys",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE c (p int REFERENCES p);
				ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE;`,
			table: "c",
			want:  []string{"notnull: ", "unique: "},
		},
		{
			name: "renames reach both sides",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE c (p_id int REFERENCES p, UNIQUE (p_id));
				ALTER TABLE p RENAME COLUMN id TO pid;
				ALTER TABLE c RENAME COLUMN p_id TO parent;
				ALTER TABLE p RENAME TO parents;
				ALTER TABLE c RENAME TO children;`,
			table: "children",
			want:  []string{"notnull: ", "unique: parent", "fk c_p_id_fkey: parent -> parents(pid) no action/no action @ s.sql:2"},
		},
		{
			name: "dropping a column drops the keys holding it, here and in referencing tables",
			sql: `CREATE TABLE p (a int, b int, c int NOT NULL, UNIQUE (a, b), UNIQUE (c));
				CREATE TABLE k (a int, b int, c int, FOREIGN KEY (a, b) REFERENCES p (a, b), FOREIGN KEY (c) REFERENCES p (c));
				ALTER TABLE p DROP COLUMN b CASCADE;
				ALTER TABLE k DROP COLUMN c;`,
			table: "k",
			want:  []string{"notnull: ", "unique: "},
		},
		{
			name: "drop table cascade drops the foreign keys to it",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES p, self int REFERENCES c);
				DROP TABLE p CASCADE;`,
			table: "c",
			want:  []string{"notnull: id", "unique: id", "fk c_self_fkey: self -> c(id) no action/no action @ s.sql:2"},
		},
		{
			name: "set schema moves the references",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE app.c (p int REFERENCES public.p);
				ALTER TABLE p SET SCHEMA audit;`,
			table: "app.c",
			want:  []string{"notnull: ", "unique: ", "fk c_p_fkey: p -> audit.p(id) no action/no action @ s.sql:2"},
		},
		{
			name:  "a reference to a table the reader does not know keeps its columns",
			sql:   `CREATE TABLE c (p int REFERENCES elsewhere.p (id));`,
			table: "c",
			want:  []string{"notnull: ", "unique: ", "fk c_p_fkey: p -> elsewhere.p(id) no action/no action @ s.sql:1"},
		},
		{
			name: "generated names: clashes number, long names truncate",
			sql: `CREATE TABLE a_b (c int PRIMARY KEY, x int REFERENCES a_b);
				CREATE TABLE a (b_x int REFERENCES a_b, y int REFERENCES a_b, FOREIGN KEY (y) REFERENCES a_b);`,
			table: "a",
			want: []string{"notnull: ", "unique: ",
				"fk a_b_x_fkey1: b_x -> a_b(c) no action/no action @ s.sql:2",
				"fk a_y_fkey: y -> a_b(c) no action/no action @ s.sql:2",
				"fk a_y_fkey1: y -> a_b(c) no action/no action @ s.sql:2"},
		},
		{
			name: "a dropped name is free again",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE c (p int REFERENCES p, q int REFERENCES p);
				ALTER TABLE c DROP CONSTRAINT c_p_fkey;
				ALTER TABLE c ADD FOREIGN KEY (p) REFERENCES p, ADD FOREIGN KEY (p) REFERENCES p;
				DROP TABLE p CASCADE;
				CREATE TABLE p (id int PRIMARY KEY);
				ALTER TABLE c ADD FOREIGN KEY (q) REFERENCES p;`,
			table: "c",
			want: []string{"notnull: ", "unique: ",
				"fk c_q_fkey: q -> p(id) no action/no action @ s.sql:7"},
		},
		{
			name: "a dropped name is free again, within the table",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE c (p int REFERENCES p, q int REFERENCES p);
				ALTER TABLE c DROP CONSTRAINT c_p_fkey;
				ALTER TABLE c ADD FOREIGN KEY (p) REFERENCES p, ADD FOREIGN KEY (p) REFERENCES p;`,
			table: "c",
			want: []string{"notnull: ", "unique: ",
				"fk c_q_fkey: q -> p(id) no action/no action @ s.sql:2",
				"fk c_p_fkey: p -> p(id) no action/no action @ s.sql:4",
				"fk c_p_fkey1: p -> p(id) no action/no action @ s.sql:4"},
		},
		{
			name: "partitions have the parent's keys while attached",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE e (t int NOT NULL REFERENCES p, id int, at date, PRIMARY KEY (t, id, at)) PARTITION BY RANGE (at);
				CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
				ALTER TABLE e ADD UNIQUE (id, at);`,
			table: "e1",
			want:  []string{"notnull: t, id, at", "unique: t id at | id at", "fk e_t_fkey: t -> p(id) no action/no action @ s.sql:2"},
		},
		{
			name: "a detached partition keeps copies",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE e (t int REFERENCES p, at date, PRIMARY KEY (t, at)) PARTITION BY RANGE (at);
				CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
				ALTER TABLE e DETACH PARTITION e1;
				ALTER TABLE e DROP CONSTRAINT e_pkey;
				ALTER TABLE e DROP CONSTRAINT e_t_fkey;`,
			table: "e1",
			want:  []string{"notnull: t, at", "unique: t at", "fk e_t_fkey: t -> p(id) no action/no action @ s.sql:2"},
		},
		{
			name: "inheritance children get NOT NULL only",
			sql: `CREATE TABLE p (id int PRIMARY KEY);
				CREATE TABLE b (id int PRIMARY KEY, t int NOT NULL REFERENCES p);
				CREATE TABLE d (x int) INHERITS (b);`,
			table: "d",
			want:  []string{"notnull: id, t", "unique: "},
		},
		{
			name: "like copies NOT NULL, and keys with INCLUDING INDEXES",
			sql: `CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, ref int REFERENCES p);
				CREATE TABLE plain (LIKE p);
				CREATE TABLE full_copy (LIKE p INCLUDING INDEXES);`,
			table: "full_copy",
			want:  []string{"notnull: id", "unique: id | code"},
		},
		{
			name: "a DO block may add keys",
			sql: `CREATE TABLE p (id int, code text);
				DO $$ BEGIN
					IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'p_pkey') THEN
						ALTER TABLE p ADD PRIMARY KEY (id);
					END IF;
					CREATE UNIQUE INDEX IF NOT EXISTS p_code ON p (code);
					ALTER TABLE p ALTER COLUMN code SET NOT NULL;
				END $$;`,
			table: "p",
			want:  []string{"notnull: id, code", "unique: id | code"},
		},
		{
			name:  "a self reference resolves to the key declared in the same statement",
			sql:   `CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree);`,
			table: "tree",
			want:  []string{"notnull: id", "unique: id", "fk tree_parent_fkey: parent -> tree(id) no action/no action @ s.sql:1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := config.ParseSchema("s.sql", tc.sql, nil)
			if err != nil {
				t.Fatalf("ParseSchema(%q): %v", tc.sql, err)
			}
			if k := keysOf(got, tc.table); !reflect.DeepEqual(k, tc.want) {
				t.Errorf("ParseSchema(%q), table %q =\n%q\nwant\n%q", tc.sql, tc.table, k, tc.want)
			}
		})
	}
}

func TestParseSchemaKeyErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sql  string
		want string
	}{
		{
			name: "references a table without a primary key",
			sql:  "CREATE TABLE p (id int UNIQUE);\nCREATE TABLE c (p int REFERENCES p);",
			want: `s.sql:2:1: the foreign key on "c" references "p", which has no primary key here, so PostgreSQL refuses it; name the referenced columns, or add the primary key first`,
		},
		{
			name: "the primary key comes too late",
			sql:  "CREATE TABLE p (id int);\nALTER TABLE p ADD CONSTRAINT c FOREIGN KEY (id) REFERENCES p;\nALTER TABLE p ADD PRIMARY KEY (id);",
			want: `s.sql:2:1: the foreign key on "p" references "p", which has no primary key here, so PostgreSQL refuses it; name the referenced columns, or add the primary key first`,
		},
		{
			name: "references an unknown table without columns",
			sql:  "CREATE TABLE c (p int REFERENCES elsewhere.p);",
			want: `s.sql:1:1: the foreign key on "c" references "p" without naming its columns, and the schema reader does not know that table's primary key; name the referenced columns`,
		},
		{
			name: "column counts disagree",
			sql:  "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));\nCREATE TABLE c (a int REFERENCES p);",
			want: `s.sql:2:1: the foreign key on "c" has 1 columns but references 2 of "p", so PostgreSQL refuses it`,
		},
		{
			name: "a referencing column the table does not have",
			sql:  "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (a int, FOREIGN KEY (b) REFERENCES p);",
			want: `s.sql:2:1: the foreign key on "c" names the column "b", which "c" does not have, so PostgreSQL refuses it`,
		},
		{
			name: "a referenced column the table does not have",
			sql:  "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (a int REFERENCES p (nope));",
			want: `s.sql:2:1: the foreign key on "c" references the column "nope", which "p" does not have, so PostgreSQL refuses it`,
		},
		{
			name: "using an index the reader does not know",
			sql:  "CREATE TABLE p (a int);\n  ALTER TABLE p ADD CONSTRAINT p_pkey PRIMARY KEY USING INDEX nope;",
			want: `s.sql:2:3: the constraint on "p" uses the index "nope", which the schema reader does not know as a unique index on plain columns of that table; create the index in the schema files`,
		},
		{
			name: "a DO block drops a constraint",
			sql:  "CREATE TABLE p (id int PRIMARY KEY);\nDO $$ BEGIN ALTER TABLE p DROP CONSTRAINT IF EXISTS p_pkey; END $$;",
			want: `s.sql:2:1: the DO block removes or renames a key, a foreign key or NOT NULL inside procedural code, which may or may not have run; move its DDL out of the DO block, or put a "-- tenantvet:ignore <reason>" comment above it once tenantq.yaml says what it does to the tables`,
		},
		{
			name: "a DO block drops NOT NULL",
			sql:  "CREATE TABLE p (id int NOT NULL);\nDO $$ BEGIN ALTER TABLE p ALTER COLUMN id DROP NOT NULL; END $$;",
			want: `s.sql:2:1: the DO block removes or renames a key, a foreign key or NOT NULL inside procedural code, which may or may not have run; move its DDL out of the DO block, or put a "-- tenantvet:ignore <reason>" comment above it once tenantq.yaml says what it does to the tables`,
		},
		{
			name: "a DO block drops a unique index",
			sql:  "CREATE TABLE p (id int);\nCREATE UNIQUE INDEX p_id ON p (id);\nDO $$ BEGIN DROP INDEX p_id; END $$;",
			want: `s.sql:3:1: the DO block removes or renames a key, a foreign key or NOT NULL inside procedural code, which may or may not have run; move its DDL out of the DO block, or put a "-- tenantvet:ignore <reason>" comment above it once tenantq.yaml says what it does to the tables`,
		},
		{
			name: "a DO block renames a foreign key",
			sql:  "CREATE TABLE p (id int PRIMARY KEY, q int REFERENCES p);\nDO $$ BEGIN ALTER TABLE p RENAME CONSTRAINT p_q_fkey TO x; END $$;",
			want: `s.sql:2:1: the DO block removes or renames a key, a foreign key or NOT NULL inside procedural code, which may or may not have run; move its DDL out of the DO block, or put a "-- tenantvet:ignore <reason>" comment above it once tenantq.yaml says what it does to the tables`,
		},
		{
			name: "a DO block adds a foreign key PostgreSQL refuses",
			sql:  "CREATE TABLE p (id int);\nDO $$ BEGIN CREATE TABLE c (p int REFERENCES p); END $$;",
			want: `s.sql:2:1: the DO block holds DDL the schema reader cannot apply: the foreign key on "c" references "p", which has no primary key here, so PostgreSQL refuses it; name the referenced columns, or add the primary key first; move its DDL out of the DO block, or put a "-- tenantvet:ignore <reason>" comment above it once tenantq.yaml says what it does to the tables`,
		},
		{
			name: "a function that adds a key, called",
			sql:  "CREATE TABLE p (id int);\nCREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ ALTER TABLE p ADD PRIMARY KEY (id) $$;\nSELECT f();",
			want: `s.sql:3:1: the statement calls f(), whose body holds DDL (s.sql:2) the schema reader cannot follow; put a "-- tenantvet:ignore <reason>" comment above the call once tenantq.yaml says what it does to the tables`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.ParseSchema("s.sql", tc.sql, nil)
			var e *config.Error
			if !errors.As(err, &e) || err.Error() != tc.want {
				t.Errorf("ParseSchema(%q) error =\n%v\nwant\n%s", tc.sql, err, tc.want)
			}
		})
	}
}

// TestParseSchemaKeysIgnoreDirective shows that a DO block dropping a key passes with the
// ignore comment, and then changes nothing.
func TestParseSchemaKeysIgnoreDirective(t *testing.T) {
	t.Parallel()
	sql := "CREATE TABLE p (id int PRIMARY KEY);\n-- tenantvet:ignore the key stays, see tenantq.yaml\nDO $$ BEGIN ALTER TABLE p DROP CONSTRAINT p_pkey; END $$;"
	got, err := config.ParseSchema("s.sql", sql, nil)
	if err != nil {
		t.Fatal(err)
	}
	if k, want := keysOf(got, "p"), []string{"notnull: id", "unique: id"}; !reflect.DeepEqual(k, want) {
		t.Errorf("ParseSchema(%q) = %q, want %q", sql, k, want)
	}
}

// TestParseSchemaKeysExistingTables applies DDL to tables with keys, as ReadSchema does file
// after file: keys carry over, renames reach them, and the input is not modified.
func TestParseSchemaKeysExistingTables(t *testing.T) {
	t.Parallel()
	first, err := config.ParseSchema("001.sql", "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);\nCREATE TABLE c (id int, p_id int REFERENCES p);", nil)
	if err != nil {
		t.Fatal(err)
	}
	before := fmt.Sprint(first)
	got, err := config.ParseSchema("002.sql", "ALTER TABLE p RENAME COLUMN id TO pid;\nALTER TABLE p RENAME TO parents;\nALTER TABLE c ADD UNIQUE (id);\nALTER TABLE c DROP CONSTRAINT c_p_id_fkey;\nALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES parents (pid);", first)
	if err != nil {
		t.Fatal(err)
	}
	if k, want := keysOf(got, "c"), []string{"notnull: ", "unique: id", "fk c_p_id_fkey: p_id -> parents(pid) no action/no action @ 002.sql:5"}; !reflect.DeepEqual(k, want) {
		t.Errorf("keys of c = %q, want %q", k, want)
	}
	if k, want := keysOf(got, "parents"), []string{"notnull: pid", "unique: pid | code"}; !reflect.DeepEqual(k, want) {
		t.Errorf("keys of parents = %q, want %q", k, want)
	}
	if after := fmt.Sprint(first); after != before {
		t.Errorf("ParseSchema modified its input: %s, was %s", after, before)
	}
}

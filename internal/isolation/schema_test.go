package isolation

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/testdb"
)

// TestSchemaKeys checks the keys of Policy, as the schema reader reads them from DDL, against
// PostgreSQL's catalog after DDL: every primary key, unique constraint and foreign key of every
// table, and no other.
func TestSchemaKeys(t *testing.T) {
	pool := testdb.OpenSchema(t, DDL)
	ctx := context.Background()
	p := policy(t)
	want := map[string][]string{} // table: its keys, one line each
	for _, tb := range p.Schema {
		for _, u := range tb.Unique {
			want[tb.Name] = append(want[tb.Name], "unique ("+strings.Join(u, ", ")+")")
		}
		for _, fk := range tb.ForeignKeys {
			want[tb.Name] = append(want[tb.Name], fmt.Sprintf("foreign key %s (%s) references %s (%s) on delete %s on update %s",
				fk.Name, strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "), fk.OnDelete, fk.OnUpdate))
		}
	}
	rows, err := pool.Query(ctx, `
SELECT r.relname, c.contype::text, c.conname,
	ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
	coalesce(f.relname::text, ''),
	ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
		JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
	c.confdeltype::text, c.confupdtype::text
FROM pg_constraint c
JOIN pg_class r ON r.oid = c.conrelid
LEFT JOIN pg_class f ON f.oid = c.confrelid
WHERE c.contype IN ('p', 'u', 'f') AND r.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]string{"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}
	got := map[string][]string{}
	for rows.Next() {
		var table, typ, name, ref, del, upd string
		var cols, refCols []string
		if err := rows.Scan(&table, &typ, &name, &cols, &ref, &refCols, &del, &upd); err != nil {
			t.Fatal(err)
		}
		if typ == "f" {
			got[table] = append(got[table], fmt.Sprintf("foreign key %s (%s) references %s (%s) on delete %s on update %s",
				name, strings.Join(cols, ", "), ref, strings.Join(refCols, ", "), actions[del], actions[upd]))
		} else {
			got[table] = append(got[table], "unique ("+strings.Join(cols, ", ")+")")
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(p.Schema) {
		t.Errorf("the catalog has keys on %d tables, the policy lists %d tables", len(got), len(p.Schema))
	}
	for table, keys := range got {
		w := want[table]
		slices.Sort(keys)
		slices.Sort(w)
		if !slices.Equal(keys, w) {
			t.Errorf("keys of %s:\n\tcatalog: %q\n\tpolicy:  %q", table, keys, w)
		}
	}
}

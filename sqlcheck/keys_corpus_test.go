package sqlcheck_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/sqlcheck"
)

// keysPolicyFile returns the policy of a keys corpus set, as tenantvet reads it: the
// tenantq.yaml file and the schema it names.
func keysPolicyFile(set corpus.Set) (*sqlcheck.Policy, error) {
	cfg, err := config.Load(corpus.Path(set.Policy))
	if err != nil {
		return nil, err
	}
	return cfg.Policy()
}

// checkKeysCorpus checks every case of a keys corpus set with c. A case whose note says
// "pending: <what>" waits for a feature of the contract the checker lacks: it is skipped while
// its verdict is wrong, and fails once it is right, so the mark is removed.
func checkKeysCorpus(t *testing.T, set corpus.Set, c *sqlcheck.Checker) {
	cases, err := corpus.File(set.Corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			r := c.Check(tc.SQL)
			got := verdict(r)
			pending := tc.Pending()
			switch {
			case pending != "" && slices.Equal(got, tc.Want):
				t.Errorf("%s:%d: the case is marked pending (%s), but Check gives its verdict %q: remove the mark", set.Corpus, tc.Line, pending, got)
			case pending != "":
				t.Skipf("pending: %s (Check = %q, want %q)", pending, got, tc.Want)
			case !slices.Equal(got, tc.Want):
				t.Errorf("%s:%d: Check(%q) = %q, want %q\n%v", set.Corpus, tc.Line, tc.SQL, got, tc.Want, r.Err())
			}
		})
	}
}

// TestKeysCorpus checks every labelled statement of the keys corpora (testdata/sqlcheck/keys)
// with the checker of the policy each is labelled for, read by config.Load from its
// tenantq.yaml with the keys of the schema it names.
func TestKeysCorpus(t *testing.T) {
	t.Parallel()
	for _, set := range corpus.KeySets() {
		t.Run(set.Corpus, func(t *testing.T) {
			p, err := keysPolicyFile(set)
			if err != nil {
				t.Fatal(err)
			}
			c, err := sqlcheck.New(*p)
			if err != nil {
				t.Fatalf("%s: %v", set.Policy, err)
			}
			checkKeysCorpus(t, set, c)
		})
	}
}

// TestKeysCorpusPrepares proves the keys corpora are real SQL: PostgreSQL prepares every
// statement against testdata/sqlcheck/keys/schema.sql.
func TestKeysCorpusPrepares(t *testing.T) {
	for _, set := range corpus.KeySets() {
		t.Run(set.Corpus, func(t *testing.T) {
			cases, err := corpus.File(set.Corpus)
			if err != nil {
				t.Fatal(err)
			}
			conn, major := schemaDatabase(t, set.Schema, "")
			preparesAll(t, set.Corpus, cases, conn, major)
		})
	}
}

// TestKeysCorpusHintsPrepare applies every hint of the keys corpora with a Fix and proves the
// fixed statement prepares and loses its violation, as TestCorpusHintsPrepare does for the
// main corpus. The checker's policy takes its keys from PostgreSQL's catalog (see
// catalogTables), so the hints are proved whatever the schema reader knows.
func TestKeysCorpusHintsPrepare(t *testing.T) {
	for _, set := range corpus.KeySets() {
		t.Run(set.Corpus, func(t *testing.T) {
			cases, err := corpus.File(set.Corpus)
			if err != nil {
				t.Fatal(err)
			}
			conn, major := schemaDatabase(t, set.Schema, "")
			hintsPrepare(t, set.Corpus, cases, catalogChecker(t, set, conn), conn, major)
		})
	}
}

// TestKeysCorpusCatalog checks the keys corpora's labels against the schema as PostgreSQL holds
// it: the policy of each set, its tables, columns and keys read from the catalog of a database
// that ran the schema, rather than by the schema reader. It tells a wrong label or a checker
// bug apart from a key the schema reader misses.
func TestKeysCorpusCatalog(t *testing.T) {
	for _, set := range corpus.KeySets() {
		t.Run(set.Corpus, func(t *testing.T) {
			conn, _ := schemaDatabase(t, set.Schema, "")
			checkKeysCorpus(t, set, catalogChecker(t, set, conn))
		})
	}
}

// TestKeysSchemaCatalog compares the keys the schema reader finds in
// testdata/sqlcheck/keys/schema.sql with those PostgreSQL's catalog holds once the schema has
// run: columns, NOT NULL, unique keys (primary key first; partial and expression indexes left
// out) and foreign keys, through the schema's renames and drops.
func TestKeysSchemaCatalog(t *testing.T) {
	set := corpus.KeySets()[0]
	p, err := keysPolicyFile(set)
	if err != nil {
		t.Fatal(err)
	}
	conn, _ := schemaDatabase(t, set.Schema, "")
	want := catalogTables(t, conn)
	got := map[string]sqlcheck.Table{}
	for _, tab := range p.Schema {
		got[tab.Name] = tab
	}
	for _, w := range want {
		g, ok := got[w.Name]
		if !ok {
			t.Errorf("the schema reader misses table %q", w.Name)
			continue
		}
		delete(got, w.Name)
		if !slices.Equal(g.Columns, w.Columns) {
			t.Errorf("%s: Columns = %q, want %q", w.Name, g.Columns, w.Columns)
		}
		if a, b := sortedCopy(g.NotNull), sortedCopy(w.NotNull); !slices.Equal(a, b) {
			t.Errorf("%s: NotNull = %q, want %q", w.Name, a, b)
		}
		if a, b := keyStrings(g.Unique, true), keyStrings(w.Unique, true); !slices.Equal(a, b) {
			t.Errorf("%s: Unique = %q, want %q (the primary key first)", w.Name, a, b)
		}
		if a, b := fkStrings(g.ForeignKeys), fkStrings(w.ForeignKeys); !slices.Equal(a, b) {
			t.Errorf("%s: ForeignKeys = %q, want %q", w.Name, a, b)
		}
	}
	for name := range got {
		t.Errorf("the schema reader finds table %q, which the catalog does not hold", name)
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// keyStrings renders unique keys as "(a, b)", sorted after the first when keepFirst.
func keyStrings(keys [][]string, keepFirst bool) []string {
	var out []string
	for _, k := range keys {
		out = append(out, "("+strings.Join(k, ", ")+")")
	}
	if keepFirst && len(out) > 1 {
		slices.Sort(out[1:])
	} else {
		slices.Sort(out)
	}
	return out
}

// fkStrings renders foreign keys as "(a, b) -> t (c, d) on delete x on update y", sorted. A
// reader that leaves the actions empty means the default, "no action".
func fkStrings(fks []sqlcheck.ForeignKey) []string {
	var out []string
	for _, fk := range fks {
		del, upd := fk.OnDelete, fk.OnUpdate
		if del == "" {
			del = "no action"
		}
		if upd == "" {
			upd = "no action"
		}
		out = append(out, fmt.Sprintf("(%s) -> %s (%s) on delete %s on update %s",
			strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "), del, upd))
	}
	slices.Sort(out)
	return out
}

// catalogChecker returns the checker of a keys corpus set's policy whose tables are those of
// the catalog of conn (see catalogTables).
func catalogChecker(t *testing.T, set corpus.Set, conn *pgx.Conn) *sqlcheck.Checker {
	t.Helper()
	p, err := keysPolicyFile(set)
	if err != nil {
		t.Fatal(err)
	}
	p.Schema = catalogTables(t, conn)
	c, err := sqlcheck.New(*p)
	if err != nil {
		t.Fatalf("%s with the catalog's keys: %v", set.Policy, err)
	}
	return c
}

// catalogTables reads the tables of schema public from the catalog of conn, as the schema
// reader describes them: columns in order, NOT NULL, unique keys (the primary key first, then
// UNIQUE constraints and unique indexes that are non-partial and on plain columns) and
// foreign keys, in the order they were created.
func catalogTables(t *testing.T, conn *pgx.Conn) []sqlcheck.Table {
	t.Helper()
	ctx := context.Background()
	var tables []sqlcheck.Table
	index := map[string]int{}
	query := func(sql string, scan func(rows pgx.Rows) error) {
		t.Helper()
		//tenantvet:ignore reads the catalog, which holds no tenant data
		rows, err := conn.Query(ctx, sql)
		if err != nil {
			t.Fatalf("read the catalog: %v", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				t.Fatalf("read the catalog: %v", err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("read the catalog: %v", err)
		}
	}
	query(`SELECT c.relname, a.attname, a.attnotnull
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY c.relname, a.attnum`, func(rows pgx.Rows) error {
		var table, col string
		var notNull bool
		if err := rows.Scan(&table, &col, &notNull); err != nil {
			return err
		}
		i, ok := index[table]
		if !ok {
			i = len(tables)
			index[table] = i
			tables = append(tables, sqlcheck.Table{Name: table})
		}
		tables[i].Columns = append(tables[i].Columns, col)
		if notNull {
			tables[i].NotNull = append(tables[i].NotNull, col)
		}
		return nil
	})
	query(`SELECT c.relname, array(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
			JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)
		FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
		ORDER BY c.relname, NOT i.indisprimary, i.indexrelid`, func(rows pgx.Rows) error {
		var table string
		var cols []string
		if err := rows.Scan(&table, &cols); err != nil {
			return err
		}
		tables[index[table]].Unique = append(tables[index[table]].Unique, cols)
		return nil
	})
	actions := map[string]string{"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}
	query(`SELECT con.conname, c.relname, r.relname,
			array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
			array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
			con.confdeltype::text, con.confupdtype::text
		FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND con.contype = 'f'
		ORDER BY c.relname, con.oid`, func(rows pgx.Rows) error {
		var fk sqlcheck.ForeignKey
		var table, del, upd string
		if err := rows.Scan(&fk.Name, &table, &fk.RefTable, &fk.Columns, &fk.RefColumns, &del, &upd); err != nil {
			return err
		}
		fk.OnDelete, fk.OnUpdate = actions[del], actions[upd]
		tables[index[table]].ForeignKeys = append(tables[index[table]].ForeignKeys, fk)
		return nil
	})
	return tables
}

// checkOwners checks what the owners key of tenantq.yaml does to the keys schema, whose
// shipments table has foreign keys to two tenant tables (orders and customers): without an
// owner named, the policy does not load, and the error lists both candidates; naming either
// loads, and decides which join pins shipments. schema is the keys schema's tables.
func checkOwners(t *testing.T, schema []sqlcheck.Table) {
	t.Helper()
	const (
		viaOrder    = "SELECT s.* FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.tenant_id = $1"
		viaCustomer = "SELECT s.* FROM shipments s JOIN customers c ON c.id = s.customer_id WHERE c.tenant_id = $1"
	)
	base := "schema: schema.sql\ntables: {accounts: id, users_accounts: account_id}\nreached_through: {users: users_accounts.user_id}\n"
	for _, tc := range []struct {
		name, owners string
		errs         []string // substrings of the error of New; nil when the policy loads
		viaOrder     string   // the verdict of viaOrder
		viaCustomer  string
	}{
		{name: "none", errs: []string{`"shipments"`, "(order_id) to orders", "(customer_id) to customers", "owners"}},
		{name: "order", owners: "owners: {shipments: order_id}\n", viaCustomer: "unpinned s"},
		{name: "customer", owners: "owners: {shipments: [customer_id]}\n", viaOrder: "unpinned s"},
		{name: "not a key", owners: "owners: {shipments: carrier}\n", errs: []string{`"shipments"`, "carrier", "(order_id) to orders", "(customer_id) to customers"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse(corpus.Path("keys/owners.yaml"), []byte(base+tc.owners))
			if err != nil {
				t.Fatal(err)
			}
			p, err := cfg.Policy()
			if err != nil {
				t.Fatal(err)
			}
			p.Schema = schema
			c, err := sqlcheck.New(*p)
			if tc.errs != nil {
				for _, want := range tc.errs {
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Errorf("New() error = %v, want one containing %q", err, want)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("New() error: %v", err)
			}
			for sql, want := range map[string]string{viaOrder: tc.viaOrder, viaCustomer: tc.viaCustomer} {
				if got := strings.Join(verdict(c.Check(sql)), ", "); got != want {
					t.Errorf("Check(%q) = %q, want %q", sql, got, want)
				}
			}
		})
	}
}

// TestKeysOwners checks the owners key with the keys schema as the schema reader reads it.
func TestKeysOwners(t *testing.T) {
	t.Parallel()
	tables, err := config.ReadSchema(corpus.Path("keys/schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	checkOwners(t, tables)
}

// TestKeysOwnersCatalog checks the owners key with the keys schema as PostgreSQL's catalog
// holds it.
func TestKeysOwnersCatalog(t *testing.T) {
	conn, _ := schemaDatabase(t, "keys/schema.sql", "")
	checkOwners(t, catalogTables(t, conn))
}

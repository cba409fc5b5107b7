package sqlcheck_test

import (
	"strconv"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"
	"github.com/tenantq/tenantq/sqlcheck"
)

// benchSQL is a mix of realistic application statements.
var benchSQL = []string{
	`SELECT id, name, email FROM contacts WHERE tenant_id = $1 AND id = $2`,
	`SELECT c.id, c.name, d.amount, u.email FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id JOIN users u ON u.id = d.owner_id AND u.tenant_id = c.tenant_id WHERE c.tenant_id = $1 AND d.stage = $2 AND c.created_at > $3 ORDER BY c.created_at DESC LIMIT 50`,
	`UPDATE deals SET stage = $3, amount = $4 WHERE tenant_id = $1 AND id = $2 RETURNING id, stage`,
	`INSERT INTO notes (tenant_id, contact_id, deal_id, body) VALUES ($1, $2, $3, $4) RETURNING id`,
	`DELETE FROM tasks WHERE tenant_id = $1 AND deal_id = $2 AND done`,
	`WITH open_deals AS (SELECT * FROM deals WHERE tenant_id = $1 AND stage <> 'closed') SELECT o.id, count(n.id) FROM open_deals o LEFT JOIN notes n ON n.deal_id = o.id AND n.tenant_id = o.tenant_id GROUP BY o.id`,
	`SELECT c.* FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id AND d.amount > $2)`,
	`INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name`,
}

// BenchmarkCheck compares checking with parsing alone (the floor: checking must parse), over
// the mix of statements in benchSQL.
func BenchmarkCheck(b *testing.B) {
	c, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse-only", func(b *testing.B) { benchParse(b, benchSQL) })
	b.Run("uncached", func(b *testing.B) { benchUncached(b, c, benchSQL) })
	keyed, err := sqlcheck.New(sqlcheck.Policy{Schema: keysSchema()})
	if err != nil {
		b.Fatal(err)
	}
	// The same mix under a schema of 200 tables with their keys: the schema's size and
	// keys must not slow the checking of ordinary statements.
	b.Run("uncached-200-keyed-tables", func(b *testing.B) { benchUncached(b, keyed, benchSQL) })
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for _, s := range benchSQL {
			c.Check(s)
		}
		i := 0
		for b.Loop() {
			if r := c.Check(benchSQL[i%len(benchSQL)]); !r.Safe() {
				b.Fatal(r.Err())
			}
			i++
		}
	})
}

// benchKeySQL adds statements pinned through keys: an owned-through table joined to its pinned
// parent, restricted by IN and EXISTS, a unique-key self pin and a composite foreign key.
var benchKeySQL = append(benchSQL[:len(benchSQL):len(benchSQL)],
	`SELECT li.id, li.sku FROM line_items li JOIN orders o ON o.id = li.order_id WHERE o.tenant_id = $1 AND o.id = $2`,
	`SELECT * FROM line_items WHERE order_id IN (SELECT id FROM orders WHERE tenant_id = $1 AND placed_at > $2)`,
	`SELECT li.* FROM line_items li WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = li.order_id AND o.tenant_id = $1)`,
	`DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE tenant_id = $1 ORDER BY placed_at LIMIT 100)`,
	`SELECT s.* FROM shipments s JOIN orders o ON o.id = s.order_id AND o.tenant_id = s.tenant_id WHERE o.tenant_id = $1`,
)

// keysSchema is a schema of 200 tables with their keys: the tables benchKeySQL names, tenant
// tables t1..t120 each with a composite foreign key to the one before, and tables o1..o75 with
// no tenant column, each owned through t<i> by a foreign key.
func keysSchema() []sqlcheck.Table {
	fk := func(cols []string, ref string, refCols []string) sqlcheck.ForeignKey {
		return sqlcheck.ForeignKey{Columns: cols, RefTable: ref, RefColumns: refCols}
	}
	id := [][]string{{"id"}}
	tables := []sqlcheck.Table{
		{Name: "contacts", Columns: []string{"id", "tenant_id", "name", "email", "created_at"}, Unique: [][]string{{"id"}, {"tenant_id", "email"}}},
		{Name: "users", Columns: []string{"id", "tenant_id", "email"}, Unique: id},
		{Name: "deals", Columns: []string{"id", "tenant_id", "contact_id", "owner_id", "stage", "amount"}, Unique: id,
			ForeignKeys: []sqlcheck.ForeignKey{fk([]string{"contact_id"}, "contacts", []string{"id"})}},
		{Name: "notes", Columns: []string{"id", "tenant_id", "contact_id", "deal_id", "body"}, Unique: id},
		{Name: "tasks", Columns: []string{"id", "tenant_id", "deal_id", "done"}, Unique: id},
		{Name: "orders", Columns: []string{"id", "tenant_id", "placed_at"}, Unique: [][]string{{"id"}, {"tenant_id", "id"}}},
		{Name: "line_items", Columns: []string{"id", "order_id", "sku"}, Unique: id,
			ForeignKeys: []sqlcheck.ForeignKey{fk([]string{"order_id"}, "orders", []string{"id"})}},
		{Name: "shipments", Columns: []string{"id", "tenant_id", "order_id"}, Unique: id,
			ForeignKeys: []sqlcheck.ForeignKey{fk([]string{"tenant_id", "order_id"}, "orders", []string{"tenant_id", "id"})}},
	}
	for i := 1; len(tables) < 200; i++ {
		t := sqlcheck.Table{Name: "t" + strconv.Itoa(i), Columns: []string{"id", "tenant_id", "prev_id", "name"}, Unique: [][]string{{"id"}, {"tenant_id", "id"}}}
		if i > 1 {
			t.ForeignKeys = []sqlcheck.ForeignKey{fk([]string{"tenant_id", "prev_id"}, "t"+strconv.Itoa(i-1), []string{"tenant_id", "id"})}
		}
		tables = append(tables, t)
		if i%8 < 5 && len(tables) < 200 {
			tables = append(tables, sqlcheck.Table{Name: "o" + strconv.Itoa(i), Columns: []string{"id", "t_id", "body"}, Unique: id,
				ForeignKeys: []sqlcheck.ForeignKey{fk([]string{"t_id"}, "t"+strconv.Itoa(i), []string{"id"})}})
		}
	}
	return tables
}

// BenchmarkCheckKeys compares checking under a schema of 200 tables and their keys with parsing
// alone, over benchKeySQL. The goal is within 1.3x of the parse.
func BenchmarkCheckKeys(b *testing.B) {
	c, err := sqlcheck.New(sqlcheck.Policy{Schema: keysSchema()})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse-only", func(b *testing.B) { benchParse(b, benchKeySQL) })
	b.Run("uncached", func(b *testing.B) { benchUncached(b, c, benchKeySQL) })
}

// benchParse parses the statements in turn: the floor, since checking must parse.
func benchParse(b *testing.B, sqls []string) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := pg.Parse(sqls[i%len(sqls)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// benchUncached checks the statements in turn without the verdict cache; each must be safe.
func benchUncached(b *testing.B, c *sqlcheck.Checker, sqls []string) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if r := c.CheckUncached(sqls[i%len(sqls)]); !r.Safe() {
			b.Fatalf("%s: %v", sqls[i%len(sqls)], r.Err())
		}
		i++
	}
}

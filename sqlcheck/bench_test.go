package sqlcheck_test

import (
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
	b.Run("parse-only", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := pg.Parse(benchSQL[i%len(benchSQL)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("uncached", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if r := c.CheckUncached(benchSQL[i%len(benchSQL)]); !r.Safe() {
				b.Fatal(r.Err())
			}
			i++
		}
	})
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

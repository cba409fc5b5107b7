package tenantq_test

import (
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"
)

// BenchmarkToSql builds a SELECT with two joins and three predicates with plain squirrel (tenant
// predicates written by hand) and with tenantq (tenant predicates added and the statement
// verified, its verdict cached after the first run).
func BenchmarkToSql(b *testing.B) {
	since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.Run("squirrel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _, err := sq.Select("c.name", "d.amount", "u.email").
				From("contacts c").
				Join("deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id").
				Join("users u ON u.id = d.owner_id AND u.tenant_id = c.tenant_id").
				Where(sq.Eq{"d.stage": "won"}).
				Where(sq.Gt{"d.amount": 100}).
				Where("c.created_at > ?", since).
				Where("c.tenant_id = ?", tenant).
				PlaceholderFormat(sq.Dollar).
				ToSql()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tenantq", func(b *testing.B) {
		_, s := testScope(b)
		b.ReportAllocs()
		for b.Loop() {
			_, _, err := s.Select("c.name", "d.amount", "u.email").
				From("contacts c").
				Join("deals d ON d.contact_id = c.id").
				Join("users u ON u.id = d.owner_id").
				Where(sq.Eq{"d.stage": "won"}).
				Where(sq.Gt{"d.amount": 100}).
				Where("c.created_at > ?", since).
				ToSql()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

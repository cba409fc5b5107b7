package tenantq_test

import (
	"strings"
	"testing"

	sq "github.com/Masterminds/squirrel"
)

// Each test shows a squirrel trap that leaks across tenants, and that tenantq refuses or fixes it.

// squirrel turns a slice into IN (...): a [16]byte UUID becomes an IN list of 16 bytes, and a
// slice tenant names several tenants.
func TestTrapTenantBecomesINList(t *testing.T) {
	t.Parallel()
	uuid := [16]byte{0xde, 0xad, 0xbe, 0xef}
	sql, args, _ := sq.Select("*").From("contacts").Where(sq.Eq{"tenant_id": uuid}).PlaceholderFormat(sq.Dollar).ToSql()
	if !strings.Contains(sql, "tenant_id IN (") || len(args) != 16 {
		t.Fatalf("squirrel no longer expands arrays (%s, %d args): revisit this test", sql, len(args))
	}
	tq, _ := testScope(t)
	s, err := tq.Scope(uuid)
	if err != nil {
		t.Fatal(err)
	}
	sql, args, err = s.Select("*").From("contacts").ToSql()
	if err != nil || sql != "SELECT * FROM contacts WHERE contacts.tenant_id = $1" || len(args) != 1 || args[0] != uuid {
		t.Errorf("tenantq with a UUID tenant = %q, %v, %v; want one placeholder bound to the UUID", sql, args, err)
	}
	if _, err := tq.Scope([]int64{1, 2}); err == nil {
		t.Error("Scope([]int64{1, 2}) succeeded, want ErrBadTenant: a slice names several tenants")
	}
}

// squirrel turns a nil value into IS NULL: a nil tenant matches every row without a tenant.
func TestTrapNilTenantBecomesIsNull(t *testing.T) {
	t.Parallel()
	var tenantID *int64
	sql, _, _ := sq.Select("*").From("contacts").Where(sq.Eq{"tenant_id": tenantID}).ToSql()
	if !strings.Contains(sql, "tenant_id IS NULL") {
		t.Fatalf("squirrel renders %q: revisit this test", sql)
	}
	tq, _ := testScope(t)
	for _, bad := range []any{nil, tenantID} {
		if _, err := tq.Scope(bad); err == nil {
			t.Errorf("Scope(%#v) succeeded, want ErrBadTenant", bad)
		}
	}
}

// squirrel renders an empty Eq{} as (1=1): a filter built from an empty map filters nothing.
func TestTrapEmptyEqFiltersNothing(t *testing.T) {
	t.Parallel()
	sql, _, _ := sq.Select("*").From("contacts").Where(sq.Eq{}).ToSql()
	if sql != "SELECT * FROM contacts WHERE (1=1)" {
		t.Fatalf("squirrel renders %q: revisit this test", sql)
	}
	_, s := testScope(t)
	sql, args, err := s.Select("*").From("contacts").Where(sq.Eq{}).ToSql()
	if err != nil || sql != "SELECT * FROM contacts WHERE (1=1) AND contacts.tenant_id = $1" || len(args) != 1 {
		t.Errorf("tenantq = %q, %v, %v; want the tenant predicate whatever the filter", sql, args, err)
	}
}

// squirrel ANDs raw Where strings without parentheses (squirrel #151): an OR in one escapes the
// tenant predicate.
func TestTrapRawOrEscapesTheAnd(t *testing.T) {
	t.Parallel()
	sql, _, _ := sq.Select("*").From("contacts").Where("tenant_id = ?", 7).Where("name = ? OR email = ?", "a", "b").ToSql()
	if sql != "SELECT * FROM contacts WHERE tenant_id = ? AND name = ? OR email = ?" {
		t.Fatalf("squirrel renders %q: revisit this test", sql)
	}
	_, s := testScope(t)
	sql, _, err := s.Select("*").From("contacts").Where("name = ? OR email = ?", "a", "b").ToSql()
	if err != nil || sql != "SELECT * FROM contacts WHERE (name = $1 OR email = $2) AND contacts.tenant_id = $3" {
		t.Errorf("tenantq = %q, %v; want the raw predicate parenthesised", sql, err)
	}
}

// squirrel takes joins as opaque strings: a joined tenant table is never pinned.
func TestTrapJoinIsOpaque(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	sql, _, err := s.Select("c.name", "d.amount").From("contacts c").Join("deals d ON d.contact_id = c.id").ToSql()
	if err != nil || !strings.Contains(sql, "JOIN deals d ON (d.contact_id = c.id) AND d.tenant_id = c.tenant_id") {
		t.Errorf("tenantq = %q, %v; want the joined table pinned in ON", sql, err)
	}
	// A join tenantq cannot parse is left as written, and the checker refuses it unpinned.
	_, _, err = s.Select("*").From("contacts c").JoinClause("JOIN LATERAL (SELECT * FROM deals d WHERE d.contact_id = c.id) x ON true").ToSql()
	if err == nil {
		t.Error("an unpinned lateral join was accepted")
	}
}

// squirrel numbers a subquery's placeholders on its own inside UPDATE ... SET (squirrel #326):
// with $n placeholders the outer WHERE's $1 binds the subquery's argument, so the update hits
// another row, or another tenant's.
func TestTrapSubqueryPlaceholdersRenumbered(t *testing.T) {
	t.Parallel()
	sub := sq.Select("max(amount)").From("deals").Where("tenant_id = ?", 7).PlaceholderFormat(sq.Dollar)
	sql, args, _ := sq.Update("deals").Set("amount", sub).Where("id = ?", 3).PlaceholderFormat(sq.Dollar).ToSql()
	if strings.Count(sql, "$1") != 2 {
		t.Fatalf("squirrel renders %q %v: revisit this test", sql, args)
	}
	_, s := testScope(t)
	sql, args, err := s.Update("deals").Set("amount", s.Select("max(amount)").From("deals d2")).Where("id = ?", 3).ToSql()
	want := "UPDATE deals SET amount = (SELECT max(amount) FROM deals d2 WHERE d2.tenant_id = $1) WHERE (id = $2) AND deals.tenant_id = $3"
	if err != nil || sql != want || len(args) != 3 || args[1] != 3 {
		t.Errorf("tenantq = %q, %v, %v; want\n%s with the id at $2", sql, args, err, want)
	}
	// A squirrel subquery set to Dollar renders its own numbers; tenantq refuses the mix.
	_, _, err = s.Update("deals").Set("amount", sub).Where("id = ?", 3).ToSql()
	if err == nil {
		t.Error("a nested squirrel builder with Dollar placeholders was accepted")
	}
}

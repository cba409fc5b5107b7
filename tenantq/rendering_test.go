package tenantq_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"log/slog"
	"strings"
	"testing"

	sq "github.com/Masterminds/squirrel"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// obfuscated is an integer type whose driver value is not its Go value.
type obfuscated int64

func (o obfuscated) Value() (driver.Value, error) { return int64(o) * 1000, nil }

// TestVerifiedTextIsTheTextThatRuns covers statements where the checker's and squirrel's
// numbering of placeholders once disagreed, so a tenant predicate bound another argument.
func TestVerifiedTextIsTheTextThatRuns(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	tests := []struct {
		name string
		b    sqlizer
	}{
		{"?| and @name", s.Select("c.id").Column("?|0 AS z").From("contacts c").OrderByClause("@id", int64(2))},
		{"delete with ?| and @name", s.Delete("notes").Where("(?|0) > -1").Suffix("RETURNING @id", int64(2))},
		{"? in a string literal with a violation", s.Select("*").From("contacts c").Where("c.note <> '?' AND c.tenant_id = ?", 999)},
		{"? in a string literal", s.Select("*").From("contacts c").Where("c.note <> '?'")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sql, args, err := tc.b.ToSql()
			if err == nil {
				t.Errorf("ToSql() = %q, %v; want an error", sql, args)
			}
		})
	}
}

func TestTenantValues(t *testing.T) {
	t.Parallel()
	tq, err := tenantq.New(sqlcheck.Policy{SharedTenants: []string{"0"}})
	if err != nil {
		t.Fatal(err)
	}
	id := int64(1)
	refused := map[string]any{
		"shared tenant":   int64(0),
		"NULL Valuer":     sql.NullInt64{},
		"NULL string":     sql.NullString{},
		"pointer":         &id,
		"zero UUID":       [16]byte{},
		"bool":            true,
		"float":           0.5,
		"empty struct":    struct{}{},
		"huge uint":       uint64(1 << 63),
		"nil Valuer ptr":  (*sql.NullInt64)(nil),
		"empty byte list": []byte{},
	}
	for name, v := range refused {
		if _, err := tq.Scope(v); !errors.Is(err, tenantq.ErrBadTenant) {
			t.Errorf("Scope(%s %#v) error = %v, want ErrBadTenant", name, v, err)
		}
	}
	// A Valuer is accepted for what it sends, and compared by it.
	s, err := tq.Scope(sql.NullInt64{Int64: 7, Valid: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Select("*").From("contacts").Where(sq.Expr("EXISTS (SELECT 1 FROM deals d WHERE d.tenant_id = ?)", 7)).ToSql(); err != nil {
		t.Errorf("int 7 bound for a NullInt64{7} tenant: %v", err)
	}
	s7, _ := tq.Scope(int64(7))
	if _, _, err := s7.Select("*").From("contacts").Where(sq.Expr("EXISTS (SELECT 1 FROM deals d WHERE d.tenant_id = ?)", obfuscated(7))).ToSql(); err == nil {
		t.Error("a Valuer that sends 7000 passed as tenant 7")
	}
	// Constants compare by value, with SQL quoting.
	sx, _ := tq.Scope("x")
	for lit, ok := range map[string]bool{"'x'": true, "'x'''": false, "'''x'''": false, "'y'": false} {
		_, _, err := sx.Select("c.id").From("contacts c").Where(sq.Expr("EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = " + lit + ")")).ToSql()
		if (err == nil) != ok {
			t.Errorf("constant %s for tenant \"x\": error = %v, want accepted=%v", lit, err, ok)
		}
	}
	// A UUID tenant matches its text form.
	u := [16]byte{0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	su, _ := tq.Scope(u)
	if _, _, err := su.Select("*").From("contacts").Where(sq.Expr("EXISTS (SELECT 1 FROM deals d WHERE d.tenant_id = ?)", "12345678-0102-0304-0506-0708090a0b0c")).ToSql(); err != nil {
		t.Errorf("the UUID's text form was refused: %v", err)
	}
}

func TestJoinsWithUsing(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	sql, _, err := s.Select("c.id").From("contacts c").LeftJoin("deals d USING (tenant_id, id)").ToSql()
	if err != nil || sql != "SELECT c.id FROM contacts c LEFT JOIN deals d USING (tenant_id, id) WHERE c.tenant_id = $1" {
		t.Errorf("LEFT JOIN USING (tenant_id, ...) = %q, %v; want it pinned through USING", sql, err)
	}
	for _, b := range []tenantq.SelectBuilder{
		s.Select("c.id").From("contacts c").LeftJoin("deals d USING (id)"),
		s.Select("c.id").From("contacts c").RightJoin("notes n USING (id)"),
	} {
		if sql, _, err := b.ToSql(); err == nil || !strings.Contains(err.Error(), "USING") {
			t.Errorf("outer join USING without the tenant column = %q, %v; want an error naming USING", sql, err)
		}
	}
}

func TestUnionTail(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	sql, _, err := s.Select("id").From("contacts").UnionAll(s.Select("id").From("deals")).OrderBy("id").Limit(3).ToSql()
	want := "(SELECT id FROM contacts WHERE contacts.tenant_id = $1) UNION ALL (SELECT id FROM deals WHERE deals.tenant_id = $2) ORDER BY id LIMIT 3"
	if err != nil || sql != want {
		t.Errorf("union then ORDER BY, LIMIT = %q, %v; want\n%s", sql, err, want)
	}
	if _, _, err := s.Select("id").From("contacts").Union(s.Select("id").From("deals")).Where("id > 1").ToSql(); err == nil {
		t.Error("Where after Union was accepted")
	}
}

func TestCTENamesReachNestedBuilders(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	sql, _, err := s.Insert("notes").Columns("body").With("src", s.Select("name").From("contacts")).
		Select(s.Select("name").From("src")).ToSql()
	want := "WITH src AS (SELECT name FROM contacts WHERE contacts.tenant_id = $1) INSERT INTO notes (tenant_id,body) SELECT $2, name FROM src"
	if err != nil || sql != want {
		t.Errorf("insert from a CTE = %q, %v; want\n%s", sql, err, want)
	}
	base := s.Select("id", "parent_id").From("contacts").Where("parent_id IS NULL")
	rec := s.Select("c.id", "c.parent_id").From("contacts c").Join("tree ON c.parent_id = tree.id")
	sql, _, err = s.Select("id").From("tree").WithRecursive("tree", base.UnionAll(rec)).ToSql()
	if err != nil || strings.Contains(sql, "tree.tenant_id") {
		t.Errorf("recursive CTE = %q, %v; want no tenant predicate on the CTE", sql, err)
	}
	sql, _, err = s.Select("*").From("recent").With("Recent", s.Select("id").From("deals")).ToSql()
	if err != nil || strings.Contains(sql, "recent.tenant_id") {
		t.Errorf("CTE named in another case = %q, %v", sql, err)
	}
}

func TestInsertFromUnionPinsEveryArm(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	sel := s.Select("body").From("notes").Where("id = ?", 1).Union(s.Select("body").From("notes").Where("id = ?", 2))
	sql, args, err := s.Insert("notes").Columns("body").Select(sel).ToSql()
	want := "INSERT INTO notes (tenant_id,body) (SELECT $1, body FROM notes WHERE (id = $2) AND notes.tenant_id = $3) UNION (SELECT $4, body FROM notes WHERE (id = $5) AND notes.tenant_id = $6)"
	if err != nil || sql != want || len(args) != 6 {
		t.Errorf("insert from a union = %q, %v, %v; want\n%s", sql, args, err, want)
	}
}

func TestSquirrelCompatibility(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	tests := []struct {
		name string
		b    sqlizer
		sql  string
	}{
		{"values subquery", s.Insert("notes").Columns("body").Values(s.Select("max(body)").From("notes")),
			"INSERT INTO notes (tenant_id,body) VALUES ($1,(SELECT max(body) FROM notes WHERE notes.tenant_id = $2))"},
		{"empty where", s.Select("*").From("contacts").Where(""), "SELECT * FROM contacts WHERE contacts.tenant_id = $1"},
		{"tenant column in capitals", s.Insert("notes").Columns("TENANT_ID", "body").Values(tenant, "x"), "INSERT INTO notes (TENANT_ID,body) VALUES ($1,$2)"},
		{"prefix before WITH", s.Select("*").Prefix("EXPLAIN").With("x", s.Select("id").From("deals")).From("x"),
			"EXPLAIN WITH x AS (SELECT id FROM deals WHERE deals.tenant_id = $1) SELECT * FROM x"},
		{"line comment in a predicate", s.Select("*").From("contacts").Where("id = 1 -- the first"),
			"SELECT * FROM contacts WHERE (id = 1 -- the first\n) AND contacts.tenant_id = $1"},
		{"IN subquery with tenantq.Expr", s.Select("*").From("contacts c").Where(tenantq.Expr("c.id IN (?)", s.Select("contact_id").From("deals"))),
			"SELECT * FROM contacts c WHERE c.id IN (SELECT contact_id FROM deals WHERE deals.tenant_id = $1) AND c.tenant_id = $2"},
		{"subquery argument of a raw predicate", s.Select("*").From("contacts c").Where("c.id IN (?)", s.Select("contact_id").From("deals")),
			"SELECT * FROM contacts c WHERE (c.id IN (SELECT contact_id FROM deals WHERE deals.tenant_id = $1)) AND c.tenant_id = $2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sql, _, err := tc.b.ToSql()
			if err != nil || sql != tc.sql {
				t.Errorf("ToSql() = %q, %v; want\n%q", sql, err, tc.sql)
			}
		})
	}
}

func TestPlaceholderFormats(t *testing.T) {
	t.Parallel()
	if _, err := tenantq.New(sqlcheck.Policy{}, tenantq.WithPlaceholderFormat(sq.Colon)); err == nil {
		t.Error("New accepted the Colon format, whose text the checker does not read as PostgreSQL does")
	}
	tq, err := tenantq.New(sqlcheck.Policy{}, tenantq.WithPlaceholderFormat(sq.Question))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := tq.Scope(int64(5))
	sql, args, err := s.Select("*").From("contacts").Where("id = ?", 1).ToSql()
	if err != nil || sql != "SELECT * FROM contacts WHERE (id = ?) AND contacts.tenant_id = ?" || len(args) != 2 {
		t.Errorf("Question format = %q, %v, %v", sql, args, err)
	}
}

// TestUnscopedIsLoggedByDefault swaps the default slog logger, so it does not run in parallel.
func TestUnscopedIsLoggedByDefault(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	tq, err := tenantq.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := tq.Unscoped("backfill")
	if _, err := u.Delete("notes").Exec(context.Background(), nil); err == nil {
		t.Error("Exec with a nil Runner succeeded")
	}
	if !strings.Contains(buf.String(), "tenantq: unscoped statement") || !strings.Contains(buf.String(), "reason=backfill") {
		t.Errorf("default audit log = %q, want the reason and statement", buf.String())
	}
}

func TestSquirrelExtras(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	base := s.Select("id", "name").From("contacts").Limit(5).Offset(10)
	sql, _, err := base.RemoveColumns().Columns("count(*)").RemoveLimit().RemoveOffset().
		PrefixExpr(sq.Expr("/* report */")).SuffixExpr(sq.Expr("FOR SHARE")).ToSql()
	if want := "/* report */ SELECT count(*) FROM contacts WHERE contacts.tenant_id = $1 FOR SHARE"; err != nil || sql != want {
		t.Errorf("ToSql() = %q, %v; want %q", sql, err, want)
	}
	sql, _, err = s.Update("deals").Set("stage", "x").SuffixExpr(sq.Expr("RETURNING id")).ToSql()
	if want := "UPDATE deals SET stage = $1 WHERE deals.tenant_id = $2 RETURNING id"; err != nil || sql != want {
		t.Errorf("ToSql() = %q, %v; want %q", sql, err, want)
	}
}

func TestFullJoin(t *testing.T) {
	t.Parallel()
	_, s := testScope(t)
	sql, args, err := s.Select("c.id", "d.id").From("contacts c").FullJoin("deals d ON d.contact_id = c.id").
		Join("plans p ON p.id = c.plan_id").Where("d.amount > ?", 5).ToSql()
	want := "SELECT c.id, d.id FROM (SELECT * FROM contacts WHERE tenant_id = $1) c FULL JOIN (SELECT * FROM deals WHERE tenant_id = $2) d ON d.contact_id = c.id JOIN plans p ON p.id = c.plan_id WHERE (d.amount > $3)"
	if err != nil || sql != want || len(args) != 3 {
		t.Errorf("FullJoin = %q, %v, %v; want\n%s", sql, args, err, want)
	}
	sql, _, err = s.Select("*").From("contacts c").JoinClause("FULL OUTER JOIN deals d USING (id)").ToSql()
	if err != nil || !strings.Contains(sql, "FULL JOIN (SELECT * FROM deals WHERE tenant_id = $2) d USING (id)") {
		t.Errorf("JoinClause(FULL OUTER JOIN ...) = %q, %v", sql, err)
	}
}

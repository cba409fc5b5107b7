package sqlcheck_test

import (
	"testing"

	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/sqlcheck"
)

// FuzzCheck feeds arbitrary text to the checker. It must never panic or crash, must give the
// same verdict every time for the same text (cached or not), must place every violation
// inside the text, and every Fix must apply and leave SQL that parses.
func FuzzCheck(f *testing.F) {
	cases, err := corpus.Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, tc := range cases {
		f.Add(tc.SQL)
	}
	// Quoted strings and identifiers.
	f.Add(`SELECT * FROM "contacts" WHERE "tenant_id" = 'it''s' AND "a""b" = 1`)
	f.Add(`SELECT * FROM contacts WHERE tenant_id = U&'\0041' AND name = $1`)
	// E-strings.
	f.Add(`SELECT * FROM contacts WHERE tenant_id = E'\'' OR 1 = 1 --'`)
	// Line and nested block comments.
	f.Add("SELECT * FROM contacts -- WHERE tenant_id = $1\nWHERE id = $2")
	f.Add("SELECT * FROM contacts /* a /* nested */ WHERE tenant_id = $1 */ WHERE id = 1")
	// Dollar quotes.
	f.Add("SELECT $$ WHERE tenant_id = $1 $$ FROM contacts")
	f.Add("DO $x$ BEGIN DELETE FROM contacts; END $x$")
	// Invalid UTF-8.
	f.Add("SELECT * FROM contacts WHERE tenant_id = '\xff\xfe' AND id = $1")
	// Huge numbers.
	f.Add("SELECT * FROM contacts WHERE tenant_id = $99999999999999999999")
	f.Add("SELECT * FROM contacts WHERE tenant_id = 1e400")
	// Injection shapes.
	f.Add("SELECT * FROM contacts WHERE tenant_id = $1; DROP TABLE contacts; --")
	f.Add("SELECT * FROM contacts WHERE tenant_id = $1 OR 1=1")
	f.Add("SELECT * FROM contacts WHERE tenant_id = ? AND name = '?' AND x ?| array['a']")

	// Pins through keys, CTE push-down and sub-tenants.
	f.Add(`SELECT * FROM line_items li WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = li.order_id AND o.tenant_id = $1)`)
	f.Add(`WITH x AS (SELECT * FROM orders) SELECT * FROM x a JOIN line_items l ON l.order_id = a.id WHERE a.tenant_id = $1`)
	f.Add(`INSERT INTO line_items (order_id, sku) SELECT o.id, $3 FROM orders o WHERE o.tenant_id = $1 AND o.id = $2`)
	f.Add(`DELETE FROM orders WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM orders WHERE tenant_id = $1)`)

	c, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans"}, SharedTenants: []string{"0"}})
	if err != nil {
		f.Fatal(err)
	}
	keys, err := sqlcheck.New(keysPolicy())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		if len(sql) > 8<<10 {
			t.Skip("longer than 8 KiB")
		}
		fuzzCheck(t, c, sql)
		fuzzCheck(t, keys, sql)
	})
}

// fuzzCheck checks the properties FuzzCheck asks of c on one text.
func fuzzCheck(t *testing.T, c *sqlcheck.Checker, sql string) {
	first := c.CheckUncached(sql)
	again := c.Check(sql)
	cached := c.Check(sql)
	if a, b, d := errString(first.Err()), errString(again.Err()), errString(cached.Err()); a != b || b != d {
		t.Fatalf("Check(%q) is not deterministic:\n%s\n%s\n%s", sql, a, b, d)
	}
	for _, v := range first.Violations {
		if v.Offset < 0 || v.Offset > len(sql) || v.Line < 1 || v.Column < 1 {
			t.Fatalf("Check(%q): violation %+v lies outside the text", sql, v)
		}
		if v.Statement < 1 || v.Statement > max(1, len(first.Statements)) {
			t.Fatalf("Check(%q): violation %+v names statement %d of %d", sql, v, v.Statement, len(first.Statements))
		}
		if v.Fix == nil {
			continue
		}
		// A fix is placed with certainty: it fits the text and keeps it valid SQL.
		fixed, err := v.Fix.Apply(sql)
		if err != nil {
			t.Fatalf("Check(%q): the fix of %s: %v", sql, v, err)
		}
		for _, w := range c.Check(fixed).Violations {
			if w.Rule == sqlcheck.RuleParse {
				t.Fatalf("Check(%q): the fix of %s gives SQL that does not parse:\n%s\n%s", sql, v, fixed, w)
			}
		}
	}

}

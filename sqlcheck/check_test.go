package sqlcheck_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/sqlcheck"
)

func TestViolationError(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Check("SELECT * FROM contacts c\nJOIN deals d ON d.contact_id = c.id").Err()
	var ve *sqlcheck.ViolationError
	if !errors.As(err, &ve) {
		t.Fatalf("Err() = %v, want a *ViolationError", err)
	}
	if !errors.Is(err, sqlcheck.ErrUnsafe) {
		t.Errorf("errors.Is(%v, ErrUnsafe) = false, want true", err)
	}
	want := "statement is not tenant-safe: 2 violations\n" +
		"\tunpinned: table \"contacts\" (alias c) has no tenant predicate; add \"c.tenant_id = $1\" to the WHERE clause\n" +
		"\tunpinned: table \"deals\" (alias d) has no tenant predicate; add \"d.tenant_id = $1\" to its JOIN ON"
	if err.Error() != want {
		t.Errorf("Err().Error() =\n%s\nwant\n%s", err, want)
	}
	if v := ve.Violations[1]; v.Line != 2 || v.Column != 6 || v.Offset != 30 || v.Table != "deals" || v.Alias != "d" || v.Statement != 1 {
		t.Errorf("second violation = %+v, want deals (alias d) at offset 30, 2:6, statement 1", v)
	}
}

func TestPositionsMapBackThroughPlaceholders(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	// sqlc.arg(id) is longer than $1 and :tenant longer than $2: offsets after them must point
	// into the original text.
	sql := "SELECT 1 FROM contacts WHERE id = sqlc.arg(id);\nSELECT 2 FROM deals d WHERE d.id = :id2 AND d.owner_id = 7"
	r := c.Check(sql)
	if len(r.Violations) != 2 {
		t.Fatalf("Check(%q) = %v, want 2 violations", sql, r.Err())
	}
	for i, want := range []string{"contacts", "deals"} {
		v := r.Violations[i]
		if got := sql[v.Offset : v.Offset+len(want)]; got != want {
			t.Errorf("violation %d at offset %d points at %q, want %q", i, v.Offset, got, want)
		}
		if v.Statement != i+1 {
			t.Errorf("violation %d in statement %d, want %d", i, v.Statement, i+1)
		}
	}
	if len(r.Statements) != 2 || sql[r.Statements[1].Offset:r.Statements[1].End] != "\nSELECT 2 FROM deals d WHERE d.id = :id2 AND d.owner_id = 7" {
		t.Errorf("Statements = %v, want the second span to cover the second statement", r.Statements)
	}
}

func TestSizeLimits(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	for name, sql := range map[string]string{
		"bytes":      "SELECT 1 WHERE true" + strings.Repeat(" AND true", sqlcheck.MaxBytes/9),
		"statements": strings.Repeat("SELECT 1;", sqlcheck.MaxStatements+1),
	} {
		r := c.Check(sql)
		if len(r.Violations) != 1 || r.Violations[0].Rule != sqlcheck.RuleParse || !strings.Contains(r.Violations[0].Message, "more than") {
			t.Errorf("Check(too many %s) = %v, want one parse violation about the limit", name, r.Err())
		}
	}
	if r := c.Check(strings.Repeat("SELECT 1;", sqlcheck.MaxStatements)); !r.Safe() || len(r.Statements) != sqlcheck.MaxStatements {
		t.Errorf("Check(%d statements) = %v, %d statements; want safe", sqlcheck.MaxStatements, r.Err(), len(r.Statements))
	}
}

func TestDeepNesting(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	// Each of these shapes crashes the process inside the C parser or its protobuf output when
	// handed over unguarded at some 30,000 levels (less on a smaller thread stack); the guard
	// must reject them before parsing, well below the size limit.
	const n = 15000
	shapes := map[string]string{
		"parentheses": "SELECT " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n),
		"plus":        "SELECT 1" + strings.Repeat(" + 1", n),
		"casts":       "SELECT 1" + strings.Repeat("::int", n),
		"joins":       "SELECT 1 FROM a" + strings.Repeat(" JOIN a ON true AND true", n),
		"unions":      "SELECT 1" + strings.Repeat(" UNION SELECT 1", n),
		"not":         "SELECT 1 WHERE " + strings.Repeat("NOT ", n) + "true",
		"is true":     "SELECT 1 WHERE true" + strings.Repeat(" IS TRUE", n),
		"collate":     "SELECT 'a'" + strings.Repeat(` COLLATE "C"`, n),
		"case":        "SELECT " + strings.Repeat("CASE WHEN true THEN ", n) + "1" + strings.Repeat(" END", n),
		"arrays":      "SELECT " + strings.Repeat("ARRAY[", n) + "1" + strings.Repeat("]", n),
		"operator()":  "SELECT 1" + strings.Repeat(" OPERATOR(pg_catalog.+) 1", n),
		"xE string":   `SELECT xE'\' ` + strings.Repeat("+ 1 ", n),
	}
	for name, sql := range shapes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := c.Check(sql)
			if len(r.Violations) != 1 || r.Violations[0].Rule != sqlcheck.RuleParse || !strings.Contains(r.Violations[0].Message, "nests deeper") {
				t.Errorf("Check(%s x %d) = %v, want one parse violation about nesting", name, n, r.Err())
			}
		})
	}
	// Wide but shallow statements are not nesting: a long IN list, many AND-ed terms, many rows.
	wide := map[string]string{
		"in list": "SELECT * FROM contacts WHERE tenant_id = $1 AND id IN (" + strings.Repeat("1, ", 5000) + "1)",
		"ands":    "SELECT * FROM contacts WHERE tenant_id = $1" + strings.Repeat(" AND id = 1", 5000),
		"rows":    "INSERT INTO notes (tenant_id, body) VALUES " + strings.Repeat("($1, -1), ", 5000) + "($1, -1)",
	}
	for name, sql := range wide {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if r := c.Check(sql); !r.Safe() {
				t.Errorf("Check(%s) = %v, want safe", name, r.Err())
			}
		})
	}
}

// TestConcurrentChecks runs the corpus from many goroutines on one Checker (run it with -race):
// every verdict must equal the verdict of a fresh, uncached check.
func TestConcurrentChecks(t *testing.T) {
	t.Parallel()
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpusChecker()
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(cases))
	for i, tc := range cases {
		want[i] = errString(c.CheckUncached(tc.SQL).Err())
	}
	shared, err := sqlcheck.New(sqlcheck.Policy{Schema: mustSchema(t), SharedTenants: []string{"0"}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range cases {
				i := (k*7 + g*13) % len(cases)
				if got := errString(shared.Check(cases[i].SQL).Err()); got != want[i] {
					t.Errorf("goroutine %d: Check(%q) = %s, want %s", g, cases[i].SQL, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func errString(err error) string {
	if err == nil {
		return "<safe>"
	}
	return err.Error()
}

// TestBoundedCost checks inputs that once took tens of seconds or gigabytes: OR branches with
// thousands of equalities, nested recursive CTEs, and long VALUES lists. Each must finish well
// within the bound (they take milliseconds), whatever its verdict.
func TestBoundedCost(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{SharedTenants: []string{"0"}})
	if err != nil {
		t.Fatal(err)
	}
	var ands []string
	for i := 2; i < 10002; i++ {
		ands = append(ands, fmt.Sprintf("tenant_id = %d", i))
	}
	var rec func(d, n int) string
	rec = func(d, n int) string {
		var cols, base, shifted []string
		for i := range n {
			cols = append(cols, fmt.Sprintf("c%d", i))
			base = append(base, fmt.Sprintf("$1 AS c%d", i))
			if i < n-1 {
				shifted = append(shifted, fmt.Sprintf("r%d.c%d", d, i+1))
			}
		}
		shifted = append(shifted, "0")
		inner := "TRUE"
		if d > 0 {
			inner = "EXISTS (" + rec(d-1, n) + ")"
		}
		return fmt.Sprintf("WITH RECURSIVE r%d(%s) AS (SELECT %s UNION ALL SELECT %s FROM r%d WHERE %s) SELECT 1 FROM r%d",
			d, strings.Join(cols, ", "), strings.Join(base, ", "), strings.Join(shifted, ", "), d, inner, d)
	}
	var rows []string
	for i := range 40000 {
		rows = append(rows, fmt.Sprintf("(%d, '')", i+1))
	}
	var tables, pins, exists []string
	for i := range 15000 {
		tables = append(tables, fmt.Sprintf("contacts c%d", i))
		pins = append(pins, fmt.Sprintf("c%d.tenant_id = $1", i))
	}
	for i := range 8000 {
		exists = append(exists, fmt.Sprintf("EXISTS (SELECT 1 FROM deals d%d WHERE d%d.id = 0)", i, i))
	}
	inputs := map[string]string{
		"many tables":          "SELECT 1 FROM " + strings.Join(tables, ", "),
		"many pinned tables":   "SELECT 1 FROM " + strings.Join(tables[:8000], ", ") + " WHERE " + strings.Join(pins[:8000], " AND "),
		"many subqueries":      "SELECT 1 WHERE " + strings.Join(exists, " OR "),
		"statements on a line": strings.Repeat("SELECT 1 FROM contacts c, deals d WHERE d.id = 1;", sqlcheck.MaxStatements),
		"or of ands":           "SELECT * FROM contacts WHERE (" + strings.Join(ands, " AND ") + ") OR id = 1",
		"nested recursive":     rec(5, 20),
		"values rows":          "INSERT INTO notes (tenant_id, body) VALUES " + strings.Join(rows, ", "),
	}
	for name, sql := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			r := c.Check(sql)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("Check(%s, %d bytes) took %v: %v", name, len(sql), d, r.Err())
			}
		})
	}
}

// TestCheckCopy checks the one decision on bulk copies that the analyzer and the guard share.
func TestCheckCopy(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans", "audit.log"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		table string
		want  string // the message, "" for no violation
	}{
		{"plans", ""},
		{"public.plans", ""},
		{"audit.log", ""},
		{"deals", `CopyFrom copies rows into tenant table "deals" without a check of their "tenant_id"`},
		{"audit.events", `CopyFrom copies rows into tenant table "audit.events" without a check of their "tenant_id"`},
		{"", "CopyFrom copies rows into a table that cannot be named, which may be a tenant table"},
	} {
		v := c.CheckCopy(tc.table)
		switch {
		case tc.want == "" && v != nil:
			t.Errorf("CheckCopy(%q) = %v, want nil", tc.table, v)
		case tc.want != "" && (v == nil || v.Message != tc.want || v.Rule != sqlcheck.RuleBulk):
			t.Errorf("CheckCopy(%q) = %v, want a bulk violation %q", tc.table, v, tc.want)
		}
	}
}

// TestBind checks the decision on tenant values that needs the arguments: distinct
// placeholders bound to the one tenant are one tenant; another value, a missing argument or
// another constant is a violation.
func TestBind(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	same := func(arg, tenant any) bool { return arg == tenant }
	const two = "SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = $2 WHERE c.tenant_id = $1"
	for _, tc := range []struct {
		sql  string
		args []any
		want int // violations
	}{
		{two, []any{int64(7), int64(7)}, 0},
		{two, []any{int64(7), int64(8)}, 1},
		{two, []any{int64(7)}, 1},
		{"SELECT * FROM deals WHERE tenant_id = 7", nil, 0},
		{"SELECT * FROM deals WHERE tenant_id = 8", nil, 1},
		{"SELECT * FROM deals WHERE id = $1", []any{int64(7)}, 1}, // unpinned holds whatever the arguments
	} {
		if got := c.Check(tc.sql).Bind(tc.args, int64(7), nil, same, func() string { return "tenant 7" }); len(got) != tc.want {
			t.Errorf("Check(%q).Bind(%v) = %v, want %d violations", tc.sql, tc.args, got, tc.want)
		}
	}
	if got := c.Check(two).Unbound(); len(got) != 0 {
		t.Errorf("Unbound() = %v, want none: multiple-tenants waits for the arguments", got)
	}
}

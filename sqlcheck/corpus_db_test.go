package sqlcheck_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// corpusDatabase opens a database of its own holding testdata/sqlcheck/schema.sql and extra,
// so the corpus's schema-qualified names (public.contacts, audit.events) resolve as written,
// and returns it with the server's major version.
func corpusDatabase(t *testing.T, extra string) (*pgx.Conn, int) {
	t.Helper()
	return schemaDatabase(t, "schema.sql", extra)
}

// schemaDatabase opens a database of its own holding the schema file of testdata/sqlcheck
// named by schema (see corpus.Path) and extra, and returns it with the server's major version.
func schemaDatabase(t *testing.T, schema, extra string) (*pgx.Conn, int) {
	t.Helper()
	ddl, err := os.ReadFile(corpus.Path(schema))
	if err != nil {
		t.Fatal(err)
	}
	conn := testdb.Database(t, string(ddl)+extra)
	var serverNum int
	if err := conn.QueryRow(context.Background(), "SELECT current_setting('server_version_num')::int").Scan(&serverNum); err != nil {
		t.Fatal(err)
	}
	return conn, serverNum / 10000
}

// prepare asks the server to prepare sql, with its placeholders normalised (parsed and
// analysed, never run). indeterminate reports an error that only says a parameter's type
// cannot be inferred, which a driver settles by sending the types.
func prepare(conn *pgx.Conn, name, sql string) (indeterminate bool, err error) {
	ctx := context.Background()
	norm, _ := sqlcheck.Normalize(sql)
	//tenantvet:ignore prepares corpus statements, unsafe ones included, to prove PostgreSQL accepts them; nothing runs
	_, err = conn.Prepare(ctx, name, norm)
	if err == nil {
		conn.Deallocate(ctx, name)
	}
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "42P18", err
}

// TestCorpusPrepares proves the corpus is real SQL: every statement, with its placeholders
// normalised, is prepared (parsed and analysed, never run) by a real PostgreSQL holding
// testdata/sqlcheck/schema.sql. Statements labelled "parse" must be rejected by the server too.
func TestCorpusPrepares(t *testing.T) {
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	conn, major := corpusDatabase(t, "")
	preparesAll(t, "corpus.sql", cases, conn, major)
}

// preparesAll prepares every case of the corpus file named file on conn, a database holding
// the schema the cases are written for, whose server has the major version major.
func preparesAll(t *testing.T, file string, cases []corpus.Case, conn *pgx.Conn, major int) {
	t.Helper()
	for i, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			if tc.Server > major {
				t.Skipf("needs PostgreSQL %d; the server is %d", tc.Server, major)
			}
			indeterminate, err := prepare(conn, fmt.Sprintf("corpus_%d", i), tc.SQL)
			wantParse := slices.Contains(tc.Want, string(sqlcheck.RuleParse))
			switch {
			case wantParse && err == nil:
				t.Errorf("%s:%d: PostgreSQL accepted %q, but the case is labelled parse", file, tc.Line, tc.SQL)
			case !wantParse && err != nil && !indeterminate:
				t.Errorf("%s:%d: PostgreSQL rejected %q: %v", file, tc.Line, tc.SQL, err)
			}
		})
	}
}

// addHint matches a hint that adds a predicate: add "d.tenant_id = $1" to its JOIN ON.
var addHint = regexp.MustCompile("^add (\"[^\"]* = [^\"]*\"|`[^`]* = [^`]*`) to ")

// TestCorpusHintsPrepare applies every hint of the corpus that adds a predicate, as its
// violation's Fix says, and proves the result: PostgreSQL prepares the fixed statement, and the
// checker no longer finds that violation in it. A hint that adds a predicate must have a Fix.
// Other hints with a Fix (AND a predicate with an OR, move a predicate to WHERE) are applied
// and proved the same way.
func TestCorpusHintsPrepare(t *testing.T) {
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpusChecker()
	if err != nil {
		t.Fatal(err)
	}
	conn, major := corpusDatabase(t, "")
	hintsPrepare(t, "corpus.sql", cases, c, conn, major)
}

// hintsPrepare applies the hints of the cases of the corpus file named file, as
// TestCorpusHintsPrepare says, with c the checker of the policy the cases are labelled for
// and conn a database holding their schema, whose server has the major version major.
func hintsPrepare(t *testing.T, file string, cases []corpus.Case, c *sqlcheck.Checker, conn *pgx.Conn, major int) {
	t.Helper()
	var addHints, fixes, prepared, resolved int
	for i, tc := range cases {
		if tc.Server > major || slices.Contains(tc.Want, string(sqlcheck.RuleParse)) {
			continue
		}
		r := c.Check(tc.SQL)
		origIndeterminate := false
		if len(r.Violations) > 0 {
			origIndeterminate, _ = prepare(conn, fmt.Sprintf("orig_%d", i), tc.SQL)
		}
		for j, v := range r.Violations {
			isAdd := addHint.MatchString(v.Hint)
			if isAdd {
				addHints++
			}
			if v.Fix == nil {
				if isAdd {
					t.Errorf("%s:%d: %s: the hint adds a predicate but has no Fix\n%s", file, tc.Line, tc.Name, v)
				}
				continue
			}
			fixes++
			fixed, err := v.Fix.Apply(tc.SQL)
			if err != nil {
				t.Errorf("%s:%d: %s: %v", file, tc.Line, tc.Name, err)
				continue
			}
			indeterminate, err := prepare(conn, fmt.Sprintf("fixed_%d_%d", i, j), fixed)
			if err != nil && !(indeterminate && origIndeterminate) {
				t.Errorf("%s:%d: %s: the fix of %q does not prepare: %v\n%s", file, tc.Line, tc.Name, v, err, fixed)
				continue
			}
			prepared++
			key := func(w sqlcheck.Violation) bool { return w.Rule == v.Rule && w.Table == v.Table && w.Alias == v.Alias }
			before := len(slices.DeleteFunc(slices.Clone(r.Violations), func(w sqlcheck.Violation) bool { return !key(w) }))
			after := c.Check(fixed)
			if n := len(slices.DeleteFunc(slices.Clone(after.Violations), func(w sqlcheck.Violation) bool { return !key(w) })); n >= before {
				t.Errorf("%s:%d: %s: the fix of %q leaves the violation:\n%s\n%v", file, tc.Line, tc.Name, v, fixed, after.Err())
				continue
			}
			resolved++
		}
	}
	t.Logf("%s: %d hints add a predicate; %d fixes applied, %d prepared, %d removed their violation", file, addHints, fixes, prepared, resolved)
	if fixes == 0 {
		t.Errorf("%s: no hint was applied", file)
	}
}

// TestHintsPrepare proves the Fix of every hint case of TestHints on a real PostgreSQL: the
// fixed statement prepares (camelCase columns quoted, joins naming only what PostgreSQL lets
// them name, placeholders in the statement's own style).
func TestHintsPrepare(t *testing.T) {
	checkers := hintCheckers(t)
	conn, _ := corpusDatabase(t, hintDDL)
	for i, tc := range hintCases {
		if tc.fixed == "-" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			c := checkers[tc.checker]
			if _, err := prepare(conn, fmt.Sprintf("hint_%d", i), tc.sql); err != nil {
				t.Fatalf("PostgreSQL rejected the case itself, %q: %v", tc.sql, err)
			}
			for j, v := range c.Check(tc.sql).Violations {
				if v.Fix == nil {
					continue
				}
				fixed := checkFix(t, c, tc.sql, v, "")
				if _, err := prepare(conn, fmt.Sprintf("hint_%d_%d", i, j), fixed); err != nil {
					t.Errorf("the fix of %q does not prepare: %v\n%s", v, err, fixed)
				}
			}
		})
	}
}

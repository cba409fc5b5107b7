package sqlcheck_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// TestCorpusPrepares proves the corpus is real SQL: every statement, with its placeholders
// normalised, is prepared (parsed and analysed, never run) by a real PostgreSQL holding
// testdata/sqlcheck/schema.sql. Statements labelled "parse" must be rejected by the server too.
func TestCorpusPrepares(t *testing.T) {
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := os.ReadFile("../testdata/sqlcheck/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	// A database of its own, so the corpus's schema-qualified names (public.contacts,
	// audit.events) resolve as written.
	conn := testdb.Database(t, string(ddl))
	ctx := context.Background()
	var serverNum int
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&serverNum); err != nil {
		t.Fatal(err)
	}
	major := serverNum / 10000
	for i, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			if tc.Server > major {
				t.Skipf("needs PostgreSQL %d; the server is %d", tc.Server, major)
			}
			sql, _ := sqlcheck.Normalize(tc.SQL)
			stmt := fmt.Sprintf("corpus_%d", i)
			//tenantvet:ignore prepares every corpus case, unsafe ones included, to prove PostgreSQL accepts it; nothing runs
			_, err := conn.Prepare(ctx, stmt, sql)
			if err == nil {
				conn.Deallocate(ctx, stmt)
			}
			var pgErr *pgconn.PgError
			indeterminate := errors.As(err, &pgErr) && pgErr.Code == "42P18" // parameter type not inferable
			wantParse := slices.Contains(tc.Want, string(sqlcheck.RuleParse))
			switch {
			case wantParse && err == nil:
				t.Errorf("corpus.sql:%d: PostgreSQL accepted %q, but the case is labelled parse", tc.Line, sql)
			case !wantParse && err != nil && !indeterminate:
				t.Errorf("corpus.sql:%d: PostgreSQL rejected %q: %v", tc.Line, sql, err)
			}
		})
	}
}

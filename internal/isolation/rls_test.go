package isolation

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/rls"
	"github.com/tenantq/tenantq/sqlcheck"
)

var rlsN = flag.Int("isolation.rls.n", 3000, "number of statements TestIsolationRLS generates and runs, each twice")

// unordered matches the statements whose rows may differ between two plans of the same
// data: a LIMIT, OFFSET or FETCH picks rows by the plan's order when ties are left.
var unordered = regexp.MustCompile(`\b(LIMIT|OFFSET|FETCH)\b`)

// TestIsolationRLS checks that the two walls agree: the checker, and the row-level security
// policies tenantvet rls writes from the same policy. Each generated statement runs twice in
// rolled-back transactions, once as the test's superuser (no row-level security) and once as
// an application role under the policies with the tenant set as tenantq's runtime sets it.
// A statement the checker accepts must return the same rows both ways (compared as sets of
// rows when a LIMIT leaves the choice of rows to the plan: then not at all) and must not fail
// under the policies only; a statement the checker refuses that leaks without the policies
// must not leak under them.
func TestIsolationRLS(t *testing.T) {
	pool := testdb.OpenSchema(t, DDL)
	ctx := context.Background()
	var schema string
	if err := pool.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	id := make([]byte, 6)
	if _, err := rand.Read(id); err != nil {
		t.Fatal(err)
	}
	suffix := hex.EncodeToString(id)
	settings := sqlcheck.RowLevelSecurity{UnscopedRole: "tenantq_unscoped_iso_" + suffix}
	app := asApp{role: "tenantq_app_iso_" + suffix, setting: settings.TenantSetting()}
	p := policy(t)
	p.SearchPath = []string{schema}
	p.RowLevelSecurity = &settings
	m, err := rls.Generate(p)
	if err != nil {
		t.Fatalf("rls.Generate: %v", err)
	}
	t.Cleanup(func() {
		for _, r := range []string{app.role, settings.Role()} {
			//tenantvet:ignore test roles: revoke what they were granted, then drop them
			if _, err := pool.Exec(context.Background(), "DROP OWNED BY "+r+"; DROP ROLE "+r, pgx.QueryExecModeSimpleProtocol); err != nil {
				t.Errorf("drop role %s: %v", r, err)
			}
		}
	})
	//tenantvet:ignore the migration under test, and the application's role
	if _, err := pool.Exec(ctx, m.Up+fmt.Sprintf(`
		CREATE ROLE %[1]s NOLOGIN NOINHERIT;
		GRANT USAGE ON SCHEMA %[2]s TO %[1]s;
		GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %[2]s TO %[1]s;
		GRANT USAGE ON ALL SEQUENCES IN SCHEMA %[2]s TO %[1]s;
		GRANT %[3]s TO %[1]s;`, app.role, schema, settings.Role()), pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatalf("migration: %v", err)
	}
	t.Logf("isolation: row-level security on %d tables, %d global", len(m.Tables), len(m.Global))

	scopeOf := scopes(t)
	users, err := readLinkedUsers(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	before := map[int64]checksums{}
	for _, tenant := range Tenants {
		if before[tenant], err = readChecksums(ctx, pool, tenant); err != nil {
			t.Fatal(err)
		}
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()

	s := seed()
	t.Logf("isolation: seed %d; replay with: go test ./internal/isolation -run TestIsolationRLS -seed %d", s, s)
	start := time.Now()
	var (
		accepted, compared, notCompared, bothFailed, rejectedLeaks, heldByError int
		disagreements, missed                                                   int
	)
	gen := NewGenerator(s)
	for i := range *rlsN {
		st := gen.Next()
		ok := scopeOf(st).Verify(st.SQL, st.Args) == nil

		// Both runs start from the same sequence value, so that inserted ids agree.
		var last int64
		var called bool
		//tenantvet:ignore key_ids is a sequence, not a table
		if err := conn.QueryRow(ctx, "SELECT last_value, is_called FROM key_ids").Scan(&last, &called); err != nil {
			t.Fatal(err)
		}
		plain := run(ctx, conn, st, before[st.Tenant], users, nil)
		if _, err := conn.Exec(ctx, "SELECT setval('key_ids', $1, $2)", last, called); err != nil {
			t.Fatal(err)
		}
		walled := run(ctx, conn, st, before[st.Tenant], users, &app)

		report := func(what string) {
			disagreements++
			if disagreements <= 10 {
				t.Errorf("the walls disagree (seed %d, statement %d, tenant %d, mutation %q): %s\n\t%s\n\targs: %v\n\twithout row-level security: %v %v\n\twith: %v %v",
					s, i, st.Tenant, st.Mutation, what, st.SQL, st.Args, plain.err, plain.returned, walled.err, walled.returned)
			}
		}
		if ok {
			accepted++
			switch {
			case plain.err != nil && walled.err != nil:
				bothFailed++
			case plain.err != nil:
				report("it fails without row-level security only")
			case walled.err != nil:
				report("the checker accepts it, and row-level security refuses it")
			case unordered.MatchString(st.SQL):
				notCompared++
			default:
				compared++
				a, b := slices.Sorted(slices.Values(plain.returned)), slices.Sorted(slices.Values(walled.returned))
				if !slices.Equal(a, b) {
					report("the checker accepts it, and it returns other rows under row-level security")
				}
			}
			continue
		}
		if plain.err != nil || len(plain.leaks) == 0 {
			continue
		}
		rejectedLeaks++
		switch {
		case walled.err != nil:
			heldByError++
		case len(walled.leaks) > 0:
			missed++
			if missed <= 10 {
				t.Errorf("row-level security lets through a leak the checker refuses (seed %d, statement %d, tenant %d, mutation %q):\n\t%s\n\targs: %v\n\tleaked: %s",
					s, i, st.Tenant, st.Mutation, st.SQL, st.Args, strings.Join(walled.leaks, "; "))
			}
		}
	}
	t.Logf("isolation: %v; seed=%d statements=%d accepted=%d (same rows %d, not compared for LIMIT %d, failed both ways %d) disagreements=%d; refused that leak without row-level security=%d, held by it=%d (by an error %d), missed=%d",
		time.Since(start).Round(time.Millisecond), s, *rlsN, accepted, compared, notCompared, bothFailed, disagreements, rejectedLeaks, rejectedLeaks-missed, heldByError, missed)
	if *rlsN >= 1000 && (compared < accepted/2 || rejectedLeaks < *rlsN/20) {
		t.Errorf("too few statements compared (%d of %d accepted) or leaking (%d): the test would see little", compared, accepted, rejectedLeaks)
	}
}

package isolation

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

var (
	seedFlag = flag.Uint64("seed", 0, "seed of the statement generator; 0 picks a random one")
	nFlag    = flag.Int("isolation.n", 10000, "number of statements TestIsolation generates and runs")
)

// statementTimeout bounds each generated statement inside its transaction.
const statementTimeout = "2s"

// checksums holds one checksum per table of truthTables, in order, then one of the users the
// tenant is not linked to, and the number of stray children (rows of owned-through tables
// attached to another tenant's parent).
type checksums struct {
	sums  []string
	stray int64
}

// policy returns DDL's policy.
func policy(t testing.TB) sqlcheck.Policy {
	t.Helper()
	p, err := Policy()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newChecker returns the checker for DDL's schema.
func newChecker(t testing.TB) *sqlcheck.Checker {
	t.Helper()
	c, err := sqlcheck.New(policy(t))
	if err != nil {
		t.Fatalf("sqlcheck.New: %v", err)
	}
	return c
}

// seed returns the -seed flag, or a random seed when it is 0.
func seed() uint64 {
	if *seedFlag != 0 {
		return *seedFlag
	}
	return rand.Uint64()
}

// outcome is what running one statement showed.
type outcome struct {
	err    error           // the statement failed; nothing else is known
	leaks  []string        // returned rows of another tenant, other tenants' tables that changed
	seenBy map[string]bool // the checks that saw a leak: "tenant column", "checksum of deals", ...
	rows   int             // rows whose tenant columns were checked
	others checksums
	// returned are the rows the statement returned, formatted, in the order it returned them.
	returned []string
}

// asApp says how a statement runs under row-level security: as the role the application
// connects as, with the tenant in the setting the policies read, as tenantq's runtime sets it.
type asApp struct {
	role, setting string
}

// seen records that check saw a leak.
func (o *outcome) seen(check string) {
	if o.seenBy == nil {
		o.seenBy = map[string]bool{}
	}
	o.seenBy[check] = true
}

// querier is what run needs of a pool or connection.
type querier interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// readChecksums computes the checksums of every tenant but tenant, through q.
func readChecksums(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, tenant int64) (checksums, error) {
	c := checksums{sums: make([]string, len(truthTables)+1)} // and the users
	dest := []any{}
	for i := range c.sums {
		dest = append(dest, &c.sums[i])
	}
	//tenantvet:ignore the checksum reads every other tenant's rows on purpose, to see that they did not change
	err := q.QueryRow(ctx, checksumSQL, tenant).Scan(append(dest, &c.stray)...)
	return c, err
}

// linkedUsers maps each tenant to the users its memberships name: the users it may see.
type linkedUsers map[int64]map[int64]bool

// readLinkedUsers reads the memberships, which no generated statement changes.
func readLinkedUsers(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) (linkedUsers, error) {
	//tenantvet:ignore the test reads every tenant's memberships, to know which users each may see
	rows, err := q.Query(ctx, "SELECT tenant_id, user_id FROM memberships")
	if err != nil {
		return nil, err
	}
	out := linkedUsers{}
	for rows.Next() {
		var t, u int64
		if err := rows.Scan(&t, &u); err != nil {
			rows.Close()
			return nil, err
		}
		if out[t] == nil {
			out[t] = map[int64]bool{}
		}
		out[t][u] = true
	}
	return out, rows.Err()
}

// run runs st as its tenant in a transaction that is always rolled back, and checks that every
// tenant column it returns is the tenant's (or NULL), that every user id it returns is linked
// to the tenant, that no other tenant's rows changed, and that no child row was attached to
// another tenant's parent.
//
// With app, the statement runs as app.role with the tenant set for row-level security; the
// checksums are read as the test's own role again, which row-level security does not hold.
func run(ctx context.Context, db querier, st Statement, before checksums, users linkedUsers, app *asApp) outcome {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	tx, err := db.Begin(ctx)
	if err != nil {
		return outcome{err: fmt.Errorf("begin: %w", err)}
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	// isolation.tenant is the true tenant the triggers of KeysDDL give inserted children.
	if _, err := tx.Exec(ctx, "SELECT set_config('statement_timeout', $1, true), set_config('isolation.tenant', $2, true)",
		statementTimeout, fmt.Sprint(st.Tenant)); err != nil {
		return outcome{err: fmt.Errorf("set statement_timeout and isolation.tenant: %w", err)}
	}
	if app != nil {
		//tenantvet:ignore the test becomes the application's role, as a connection of it would be
		if _, err := tx.Exec(ctx, "SET LOCAL ROLE "+app.role); err != nil {
			return outcome{err: fmt.Errorf("set role: %w", err)}
		}
		//tenantvet:ignore what tenantq's runtime sends before a statement under row-level security
		if _, err := tx.Exec(ctx, "SELECT set_config($1, $2, true)", app.setting, fmt.Sprint(st.Tenant)); err != nil {
			return outcome{err: fmt.Errorf("set the tenant: %w", err)}
		}
	}
	var out outcome
	//tenantvet:ignore the property test runs generated statements, safe and unsafe, on purpose
	rows, err := tx.Query(ctx, st.SQL, st.Args...)
	if err != nil {
		return outcome{err: err}
	}
	fields := rows.FieldDescriptions()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			rows.Close()
			return outcome{err: err}
		}
		out.rows++
		out.returned = append(out.returned, formatRow(fields, vals))
		for i, f := range fields {
			if vals[i] == nil {
				continue
			}
			v, ok := vals[i].(int64)
			switch {
			case strings.HasPrefix(f.Name, TenantColumnPrefix) && (!ok || v != st.Tenant):
				out.seen("tenant column")
			case strings.HasPrefix(f.Name, UserColumnPrefix) && (!ok || !users[st.Tenant][v]):
				out.seen("user id")
			default:
				continue
			}
			out.leaks = append(out.leaks, fmt.Sprintf("row %s", formatRow(fields, vals)))
			break
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return outcome{err: err}
	}
	if !writes.MatchString(st.SQL) {
		out.others = before
		return out // a generated statement changes rows only by INSERT, UPDATE or DELETE
	}
	if app != nil {
		if _, err := tx.Exec(ctx, "RESET ROLE"); err != nil {
			return outcome{err: fmt.Errorf("reset role: %w", err)}
		}
	}
	after, err := readChecksums(ctx, tx, st.Tenant)
	if err != nil {
		return outcome{err: fmt.Errorf("checksum: %w", err)}
	}
	for i := range after.sums {
		if after.sums[i] != before.sums[i] {
			name := "users"
			if i < len(truthTables) {
				name = truthTables[i].name
			}
			out.leaks = append(out.leaks, fmt.Sprintf("other tenants' rows of %s changed", name))
			out.seen("checksum of " + name)
		}
	}
	if after.stray != before.stray {
		out.leaks = append(out.leaks, fmt.Sprintf("%d rows of owned-through tables now hang under another tenant's parent", after.stray-before.stray))
		out.seen("stray child")
	}
	out.others = after
	return out
}

// writes matches the statements that may change rows: the generator writes only with these
// keywords, and calls no function that writes.
var writes = regexp.MustCompile(`\b(INSERT|UPDATE|DELETE)\b`)

// formatRow formats one result row as name=value pairs.
func formatRow(fields []pgconn.FieldDescription, vals []any) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = fmt.Sprintf("%s=%v", f.Name, vals[i])
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// errorKind is err's message without the values that vary between statements.
func errorKind(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		msg, _, _ := strings.Cut(pgErr.Message, "\"")
		return pgErr.Code + " " + msg
	}
	return err.Error()
}

// violations lists the rules a result broke.
func violations(res *sqlcheck.Result) string {
	var v []string
	for _, x := range res.Violations {
		v = append(v, x.String())
	}
	return strings.Join(v, "; ")
}

// scopes returns the function that gives the scope a statement runs in, as the builder and
// the guard would: its tenant's, narrowed to its sub-tenant when it has one.
func scopes(t *testing.T) func(Statement) tenantq.Scope {
	t.Helper()
	tq, err := tenantq.New(policy(t))
	if err != nil {
		t.Fatal(err)
	}
	byTenant := map[int64]tenantq.Scope{}
	for _, tenant := range Tenants {
		if byTenant[tenant], err = tq.Scope(tenant); err != nil {
			t.Fatal(err)
		}
	}
	return func(st Statement) tenantq.Scope {
		scope := byTenant[st.Tenant]
		if st.Sub != nil {
			var err error
			if scope, err = scope.Sub("project_id", st.Sub); err != nil {
				t.Fatalf("Sub(project_id, %v): %v", st.Sub, err)
			}
		}
		return scope
	}
}

// TestIsolation generates statements over DDL's schema, checks each with the checker, and runs
// each, accepted or not, as its tenant in a rolled-back transaction. A statement the checker
// accepts must return only the tenant's rows and leave every other tenant's rows unchanged.
func TestIsolation(t *testing.T) {
	pool := testdb.OpenSchema(t, DDL)
	checker := newChecker(t)
	scopeOf := scopes(t)
	ctx := context.Background()
	s := seed()
	t.Logf("isolation: seed %d; replay with: go test ./internal/isolation -run TestIsolation -seed %d", s, s)
	start := time.Now()

	users, err := readLinkedUsers(ctx, pool)
	if err != nil {
		t.Fatalf("read memberships: %v", err)
	}
	before := map[int64]checksums{}
	for _, tenant := range Tenants {
		c, err := readChecksums(ctx, pool, tenant)
		if err != nil {
			t.Fatalf("checksum of the tenants other than %d: %v", tenant, err)
		}
		before[tenant] = c
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatalf("acquire a connection: %v", err)
	}
	defer conn.Release()

	var (
		accepted, rejected, rejectedLeaks, rejectedErrors, acceptedErrors int
		rowsChecked, leaks, unmutatedRejected, mutatedAccepted            int
		acceptedErrorExamples, unmutatedRejectedExamples                  []string
		byMutation                                                        = map[string][3]int{} // kind: rejected, rejected-that-leak, accepted
		mutatedAcceptedExamples                                           = map[string]string{}
		rejectedErrorKinds                                                = map[string]int{}    // error message: count
		byKind                                                            = map[string][5]int{} // kind: generated, accepted, rejected, rejected-mutated-that-leak, rejected-unmutated
		unmutatedRejectedByKind                                           = map[string]string{}
		detected                                                          = map[string]int{} // check: rejected statements whose leak it saw
	)
	gen := NewGenerator(s)
	for i := range *nFlag {
		st := gen.Next()
		res := checker.Check(st.SQL)
		for _, v := range res.Violations {
			if v.Rule == sqlcheck.RuleParse {
				t.Fatalf("statement %d does not parse (seed %d): %s\n%s", i, s, v, st.SQL)
			}
		}
		out := run(ctx, conn, st, before[st.Tenant], users, nil)
		rowsChecked += out.rows
		mkind, _, _ := strings.Cut(st.Mutation, " ")
		scope := scopeOf(st)
		k := byKind[st.Kind]
		k[0]++
		// Accepted as the builder and the runtime guard accept it: the checker's rules, and
		// every tenant value bound to the statement's tenant (and sub-tenant).
		if scope.Verify(st.SQL, st.Args) == nil {
			accepted++
			k[1]++
			byKind[st.Kind] = k
			if st.Mutated() {
				mutatedAccepted++
				c := byMutation[mkind]
				c[2]++
				byMutation[mkind] = c
				if _, ok := mutatedAcceptedExamples[mkind]; !ok {
					mutatedAcceptedExamples[mkind] = st.SQL
				}
			}
			if out.err != nil {
				acceptedErrors++
				if len(acceptedErrorExamples) < 5 {
					acceptedErrorExamples = append(acceptedErrorExamples, fmt.Sprintf("%v\n\t%s", out.err, st.SQL))
				}
				continue
			}
			if len(out.leaks) > 0 {
				leaks++
				if leaks <= 10 {
					t.Errorf("the checker accepts a statement that leaks (seed %d, statement %d, tenant %d, mutation %q):\n\t%s\n\targs: %v\n\tleaked: %s\n\treplay: go test ./internal/isolation -run TestIsolation -seed %d",
						s, i, st.Tenant, st.Mutation, st.SQL, st.Args, strings.Join(out.leaks, "; "), s)
				}
			}
			continue
		}
		rejected++
		k[2]++
		if st.Mutated() && out.err == nil && len(out.leaks) > 0 {
			k[3]++
		}
		byKind[st.Kind] = k
		if !st.Mutated() {
			unmutatedRejected++
			k[4]++
			byKind[st.Kind] = k
			if _, ok := unmutatedRejectedByKind[st.Kind]; !ok {
				unmutatedRejectedByKind[st.Kind] = fmt.Sprintf("%s\n\t%s", violations(res), st.SQL)
			}
			if len(unmutatedRejectedExamples) < 5 {
				unmutatedRejectedExamples = append(unmutatedRejectedExamples, fmt.Sprintf("%s\n\t%s", violations(res), st.SQL))
			}
		}
		c := byMutation[mkind]
		c[0]++
		switch {
		case out.err != nil:
			rejectedErrors++
			rejectedErrorKinds[errorKind(out.err)]++
		case len(out.leaks) > 0:
			rejectedLeaks++
			for d := range out.seenBy {
				detected[d]++
			}
			c[1]++
		}
		byMutation[mkind] = c
	}
	elapsed := time.Since(start)

	t.Logf("isolation: seed=%d statements=%d accepted=%d rejected=%d rejected-that-leak=%d accepted-errors=%d rows-checked=%d leaks=%d",
		s, *nFlag, accepted, rejected, rejectedLeaks, acceptedErrors, rowsChecked, leaks)
	t.Logf("isolation: %v; mutated statements accepted: %d; unmutated statements rejected: %d; rejected statements PostgreSQL failed: %d",
		elapsed.Round(time.Millisecond), mutatedAccepted, unmutatedRejected, rejectedErrors)
	for k, c := range byMutation {
		if k == "" {
			k = "(none)"
		}
		t.Logf("isolation: mutation %s: rejected %d, of which leak %d; accepted %d", k, c[0], c[1], c[2])
	}
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		c := byKind[k]
		t.Logf("isolation: kind %s: generated %d, accepted %d, rejected %d (generated safe %d; mutated that leak %d)", k, c[0], c[1], c[2], c[4], c[3])
	}
	for _, k := range KeyKinds {
		if e, ok := unmutatedRejectedByKind[k]; ok {
			t.Logf("isolation: generated safe (%s), but rejected: %s", k, e)
		}
	}
	if testing.Verbose() {
		for k, sql := range mutatedAcceptedExamples {
			t.Logf("isolation: mutated (%s) and accepted, without a leak: %s", k, sql)
		}
	}
	for k, n := range rejectedErrorKinds {
		t.Logf("isolation: rejected, and PostgreSQL failed %d times: %s", n, k)
	}
	for _, e := range acceptedErrorExamples {
		t.Logf("isolation: accepted, but PostgreSQL failed: %s", e)
	}
	for _, e := range unmutatedRejectedExamples {
		t.Logf("isolation: generated safe, but rejected: %s", e)
	}
	if *nFlag >= 1000 && acceptedErrors*100 > accepted {
		t.Errorf("PostgreSQL failed %d of %d accepted statements, more than 1%%: fix the generator", acceptedErrors, accepted)
	}
	if *nFlag >= 5000 {
		// Every way of seeing a leak must see some among the rejected statements, or it is
		// broken and would miss an accepted statement's leak too.
		for _, d := range []string{"tenant column", "user id", "stray child", "checksum of contacts", "checksum of line_items",
			"checksum of item_notes", "checksum of boards", "checksum of users"} {
			if detected[d] == 0 {
				t.Errorf("no rejected statement leaked through %q: that check sees nothing", d)
			}
		}
		t.Logf("isolation: rejected statements' leaks seen by each check: %v", detected)
	}
	if leaks > 0 {
		t.Errorf("%d accepted statements leaked; replay: go test ./internal/isolation -run TestIsolation -seed %d", leaks, s)
	}
}

// TestGeneratorDeterministic checks that a seed determines the statements.
func TestGeneratorDeterministic(t *testing.T) {
	for _, s := range []uint64{1, 2, 42, 1 << 40} {
		a, b := NewGenerator(s), NewGenerator(s)
		for i := range 200 {
			x, y := a.Next(), b.Next()
			if !reflect.DeepEqual(x, y) {
				t.Fatalf("seed %d, statement %d differs:\n%+v\n%+v", s, i, x, y)
			}
		}
	}
	x, y := NewGenerator(1).Next(), NewGenerator(2).Next()
	if x.SQL == y.SQL {
		t.Errorf("seeds 1 and 2 give the same first statement: %s", x.SQL)
	}
}

// TestGeneratorParses checks that every generated statement parses, that every kind and the
// main mutations occur, and that the mutated share is as intended.
func TestGeneratorParses(t *testing.T) {
	checker := newChecker(t)
	kinds := map[string]int{}
	mutations := map[string]int{}
	var mutated, total int
	for s := range uint64(3000) {
		g := NewGenerator(s)
		for range 3 {
			st := g.Next()
			total++
			kinds[st.Kind]++
			if st.Mutated() {
				mutated++
				k, _, _ := strings.Cut(st.Mutation, " ")
				mutations[k]++
			}
			res := checker.Check(st.SQL)
			for _, v := range res.Violations {
				if v.Rule == sqlcheck.RuleParse {
					t.Fatalf("seed %d: %s\n%s", s, v, st.SQL)
				}
			}
			if n := strings.Count(st.SQL, "$"); n > 0 && len(st.Args) == 0 {
				t.Fatalf("seed %d: placeholders without arguments: %s", s, st.SQL)
			}
		}
	}
	for _, k := range append([]string{"select", "setop", "aggregate", "update", "delete", "insert-values", "insert-select", "upsert"}, KeyKinds...) {
		if kinds[k] == 0 {
			t.Errorf("no statement of kind %s", k)
		}
	}
	for _, k := range []string{"drop-pin", "or-pin", "not-equal", "in-list", "other-tenant-constant", "join-without-tenant",
		"insert-other-tenant", "set-tenant-other", "upsert-conflict-without-tenant", "pin-in-left-join-on",
		"owned-join-left-pin-in-on", "owned-join-unpinned-parent", "owned-join-wrong-key", "owned-not-in", "owned-not-exists", "owned-exists-uncorrelated",
		"owned-eq-bare", "owned-scalar-uncorrelated", "reverse-semi-limit", "unique-self-non-unique-key",
		"unique-self-left-pin-in-on", "tuple-in-without-tenant", "tuple-in-swapped", "single-column-fk",
		"composite-fk-left-pin-in-on", "membership-left-pin-in-on", "membership-not-in", "membership-not-exists",
		"membership-wrong-key", "subtenant-untied", "subtenant-other-value", "subtenant-range", "pushdown-limit",
		"pushdown-aggregate", "pushdown-window", "pushdown-unfiltered-reference", "pinned-cte-unpinned-arm",
		"owned-insert-values-bare", "owned-upsert-conflict-without-owner", "owned-move-other-parent", "owned-move-unpinned", "owned-in-or"} {
		if mutations[k] == 0 {
			t.Errorf("no mutation %s", k)
		}
	}
	if share := float64(mutated) / float64(total); share < 0.4 || share > 0.6 {
		t.Errorf("%.2f of the statements are mutated, want about %.2f", share, mutationRate)
	}
	t.Logf("%d statements: kinds %v; mutations %v", total, kinds, mutations)
}

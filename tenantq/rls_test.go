package tenantq_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/internal/rlstest"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// rlsTenancy returns a Tenancy for the row-level security schema, with a silent audit hook.
func rlsTenancy(t *testing.T, p sqlcheck.Policy) *tenantq.Tenancy {
	t.Helper()
	tq, err := tenantq.New(p, tenantq.WithAudit(func(context.Context, tenantq.AuditEvent) {}))
	if err != nil {
		t.Fatal(err)
	}
	return tq
}

// An rlsRun runs builders one way: through a Runner, or through the Pgx functions.
type rlsRun struct {
	name  string
	query func(ctx context.Context, b tenantq.SelectBuilder) ([]int64, error)
	exec  func(ctx context.Context, s tenantq.Statement) (int64, error)
	row   func(ctx context.Context, b tenantq.SelectBuilder) (int64, error)
}

// runnerRun runs builders through a Runner.
func runnerRun(name string, r tenantq.Runner) rlsRun {
	return rlsRun{
		name: name,
		query: func(ctx context.Context, b tenantq.SelectBuilder) ([]int64, error) {
			rows, err := b.Query(ctx, r)
			if err != nil {
				return nil, err
			}
			defer rows.Close()
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					return nil, err
				}
				ids = append(ids, id)
			}
			return ids, rows.Err()
		},
		exec: func(ctx context.Context, s tenantq.Statement) (int64, error) {
			switch b := s.(type) {
			case tenantq.InsertBuilder:
				return b.Exec(ctx, r)
			case tenantq.UpdateBuilder:
				return b.Exec(ctx, r)
			case tenantq.DeleteBuilder:
				return b.Exec(ctx, r)
			case tenantq.SelectBuilder:
				return b.Exec(ctx, r)
			}
			return 0, errors.New("unknown statement")
		},
		row: func(ctx context.Context, b tenantq.SelectBuilder) (n int64, err error) {
			return n, b.QueryRow(ctx, r).Scan(&n)
		},
	}
}

// pgxRun runs builders through PgxQuery, PgxExec and PgxQueryRow.
func pgxRun(name string, db tenantq.PgxDB) rlsRun {
	return rlsRun{
		name: name,
		query: func(ctx context.Context, b tenantq.SelectBuilder) ([]int64, error) {
			rows, err := tenantq.PgxQuery(ctx, db, b)
			if err != nil {
				return nil, err
			}
			return pgx.CollectRows(rows, pgx.RowTo[int64])
		},
		exec: func(ctx context.Context, s tenantq.Statement) (int64, error) {
			tag, err := tenantq.PgxExec(ctx, db, s)
			return tag.RowsAffected(), err
		},
		row: func(ctx context.Context, b tenantq.SelectBuilder) (n int64, err error) {
			return n, tenantq.PgxQueryRow(ctx, db, b).Scan(&n)
		},
	}
}

// openStd opens a *sql.DB on db's app pool that releases the pool's one connection after each
// statement, so that the pool serves pgx calls in between.
func openStd(t *testing.T, db *rlstest.DB) *sql.DB {
	sdb := stdlib.OpenDBFromPool(db.App)
	sdb.SetMaxIdleConns(0)
	t.Cleanup(func() { sdb.Close() })
	return sdb
}

// rlsRuns returns every way of running builders on db's one-connection app pool, each made
// when its subtest starts, with the function that reads what its connection keeps.
func rlsRuns(db *rlstest.DB) []func(t *testing.T) (rlsRun, func(t *testing.T) (setting, role string)) {
	stdDB := func(t *testing.T) *sql.DB { return openStd(t, db) }
	return []func(t *testing.T) (rlsRun, func(t *testing.T) (string, string)){
		func(*testing.T) (rlsRun, func(t *testing.T) (string, string)) {
			return runnerRun("Pgx runner on a pool", tenantq.Pgx(db.App)), db.Leftover
		},
		func(*testing.T) (rlsRun, func(t *testing.T) (string, string)) {
			return pgxRun("Pgx functions on a pool", db.App), db.Leftover
		},
		func(t *testing.T) (rlsRun, func(t *testing.T) (string, string)) {
			return runnerRun("SQL runner on a *sql.DB", tenantq.SQL(stdDB(t))), db.Leftover
		},
		func(t *testing.T) (rlsRun, func(t *testing.T) (string, string)) {
			conn, err := stdDB(t).Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { conn.Close() })
			return runnerRun("SQL runner on a *sql.Conn", tenantq.SQL(conn)), func(t *testing.T) (setting, role string) {
				t.Helper()
				err := conn.QueryRowContext(context.Background(), "SELECT coalesce(current_setting('tenantq.tenant', true), ''), current_user::text").Scan(&setting, &role)
				if err != nil {
					t.Fatal(err)
				}
				return setting, role
			}
		},
	}
}

// TestRLSRunners runs scoped and unscoped builder statements under row-level security through
// each runner, on a pool of one connection as a role that is not a superuser: each sees and
// touches its tenant's rows only, unscoped ones see every tenant, and no statement leaves its
// tenant or role on the connection.
func TestRLSRunners(t *testing.T) {
	db := rlstest.Open(t)
	tq := rlsTenancy(t, db.Policy)
	ctx := context.Background()
	s2, _ := tq.Scope(int64(2))
	s3, _ := tq.Scope(3) // another int kind: the setting is its decimal text
	u, _ := tq.Unscoped("report over every tenant")

	for i, open := range rlsRuns(db) {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			run, leftover := open(t)
			t.Log(run.name)
			id := int64(290 + i)
			ids, err := run.query(ctx, s2.Select("id").From("contacts").OrderBy("id"))
			if err != nil || !slices.Equal(ids, []int64{201, 202, 203}) {
				t.Fatalf("select for tenant 2: %v, %v; want [201 202 203]", ids, err)
			}
			if setting, role := leftover(t); setting != "" || role != db.AppRole {
				t.Errorf("after tenant 2's statement the connection holds setting %q, role %q; want \"\", %q", setting, role, db.AppRole)
			}
			steps := []struct {
				name string
				s    tenantq.Statement
			}{
				{"insert", s2.Insert("contacts").Columns("id", "name").Values(id, "new")},
				{"update", s2.Update("contacts").Set("name", "renamed").Where(sq.Eq{"id": id})},
				{"delete", s2.Delete("contacts").Where(sq.Eq{"id": id})},
			}
			for _, st := range steps {
				if n, err := run.exec(ctx, st.s); err != nil || n != 1 {
					t.Errorf("%s for tenant 2: %d rows, %v; want 1", st.name, n, err)
				}
			}
			// An update of every row of tenant 3 touches its 3 rows, not the others'.
			if n, err := run.exec(ctx, s3.Update("contacts").Set("name", sq.Expr("name"))); err != nil || n != 3 {
				t.Errorf("update of every row for tenant 3: %d rows, %v; want 3", n, err)
			}
			// The next statement on the same connection, for another tenant, sees its rows only.
			ids, err = run.query(ctx, s3.Select("id").From("contacts").OrderBy("id"))
			if err != nil || !slices.Equal(ids, []int64{301, 302, 303}) {
				t.Errorf("select for tenant 3 after tenant 2: %v, %v; want [301 302 303]", ids, err)
			}
			if n, err := run.row(ctx, s3.Select("count(*)").From("contacts")); err != nil || n != 3 {
				t.Errorf("count for tenant 3: %d, %v; want 3", n, err)
			}
			// Unscoped runs as the unscoped role, which the policies let see every tenant.
			if n, err := run.row(ctx, u.Select("count(*)").From("contacts")); err != nil || n != 9 {
				t.Errorf("unscoped count: %d, %v; want 9 (every tenant)", n, err)
			}
			if setting, role := leftover(t); setting != "" || role != db.AppRole {
				t.Errorf("after the unscoped statement the connection holds setting %q, role %q; want \"\", %q", setting, role, db.AppRole)
			}
		})
	}
	// Without its setting the app role sees no tenant's rows: the policies are on.
	var n int64
	//tenantvet:ignore the test checks that row-level security hides every row without a setting
	if err := db.App.QueryRow(ctx, "SELECT count(*) FROM contacts").Scan(&n); err != nil || n != 0 {
		t.Errorf("count without a setting: %d, %v; want 0", n, err)
	}
	//tenantvet:ignore the test reads the table as the superuser
	if err := db.Admin.QueryRow(ctx, "SELECT count(*) FROM contacts").Scan(&n); err != nil || n != 9 {
		t.Errorf("contacts after the runs: %d, %v; want the 9 rows", n, err)
	}
}

// TestRLSBatchModes checks, for each of pgx's query exec modes, that the setting and the
// statement sent in one batch run in one transaction: the statement sees the setting, and the
// connection does not keep it. It checks too that an error of the statement comes back and
// leaves the connection usable.
func TestRLSBatchModes(t *testing.T) {
	db := rlstest.Open(t)
	tq := rlsTenancy(t, db.Policy)
	ctx := context.Background()
	s1, _ := tq.Scope(int64(1))
	s3, _ := tq.Scope(int64(3))
	modes := []pgx.QueryExecMode{
		pgx.QueryExecModeCacheStatement, pgx.QueryExecModeCacheDescribe,
		pgx.QueryExecModeDescribeExec, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol,
	}
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) {
			cfg := db.App.Config()
			cfg.ConnConfig.DefaultQueryExecMode = mode
			pool, err := pgxpool.NewWithConfig(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer pool.Close()
			rows, err := tenantq.PgxQuery(ctx, pool, s1.Select("id").From("contacts").OrderBy("id"))
			if err != nil {
				t.Fatal(err)
			}
			if fd := rows.FieldDescriptions(); len(fd) != 1 || fd[0].Name != "id" {
				t.Errorf("FieldDescriptions = %v, want one named id", fd)
			}
			ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil || !slices.Equal(ids, []int64{101, 102, 103}) {
				t.Errorf("tenant 1: %v, %v; want [101 102 103]", ids, err)
			}
			if tag := rows.CommandTag(); tag.String() != "SELECT 3" {
				t.Errorf("CommandTag = %q, want SELECT 3", tag)
			}
			var setting string
			if err := pool.QueryRow(ctx, "SELECT coalesce(current_setting('tenantq.tenant', true), '')").Scan(&setting); err != nil || setting != "" {
				t.Errorf("the connection keeps the setting %q, %v; want none", setting, err)
			}
			// A failing statement: its error comes back, and the connection serves the next one.
			// pgx reports it from Query or from the rows, depending on the mode.
			rows, err = tenantq.PgxQuery(ctx, pool, s1.Select("1 / (id - id)").From("contacts"))
			if err == nil {
				_, err = pgx.CollectRows(rows, pgx.RowTo[int32])
			}
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != "22012" {
				t.Errorf("division by zero: %v, want the server's error 22012", err)
			}
			if tag, err := tenantq.PgxExec(ctx, pool, s3.Update("contacts").Set("name", sq.Expr("name"))); err != nil || tag.RowsAffected() != 3 {
				t.Errorf("update for tenant 3 after the error: %v, %v; want UPDATE 3", tag, err)
			}
		})
	}
}

// TestRLSCallerTx runs builders inside the caller's transaction: the setting holds there, and
// the runner neither commits nor ends it.
func TestRLSCallerTx(t *testing.T) {
	db := rlstest.Open(t)
	tq := rlsTenancy(t, db.Policy)
	ctx := context.Background()
	s2, _ := tq.Scope(int64(2))
	sdb := openStd(t, db)

	count := func(id int64) (n int64) {
		t.Helper()
		//tenantvet:ignore the test reads the table as the superuser to see what was committed
		if err := db.Admin.QueryRow(ctx, "SELECT count(*) FROM contacts WHERE id = $1", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("pgx", func(t *testing.T) {
		tx, err := db.App.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		if n, err := tenantq.Pgx(tx).Exec(ctx, "SELECT 1"); err != nil || n != 1 {
			t.Fatalf("raw statement in the transaction: %v, %v", n, err)
		}
		if n, err := s2.Insert("contacts").Columns("id", "name").Values(250, "in tx").Exec(ctx, tenantq.Pgx(tx)); err != nil || n != 1 {
			t.Fatalf("insert in the caller's transaction: %d, %v", n, err)
		}
		rows, err := tenantq.PgxQuery(ctx, tx, s2.Select("id").From("contacts").OrderBy("id"))
		if err != nil {
			t.Fatal(err)
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil || !slices.Equal(ids, []int64{201, 202, 203, 250}) {
			t.Errorf("select in the caller's transaction: %v, %v; want [201 202 203 250]", ids, err)
		}
		var setting string
		if err := tx.QueryRow(ctx, "SELECT current_setting('tenantq.tenant')").Scan(&setting); err != nil || setting != "2" {
			t.Errorf("the caller's transaction holds setting %q, %v; want \"2\" until it ends", setting, err)
		}
		if n := count(250); n != 0 {
			t.Errorf("the runner committed the caller's transaction: the row is visible outside it")
		}
		if err := tx.Rollback(ctx); err != nil {
			t.Fatalf("rollback: %v (the runner ended the transaction?)", err)
		}
		if n := count(250); n != 0 {
			t.Errorf("the row inserted in the rolled back transaction exists")
		}
	})

	t.Run("database/sql", func(t *testing.T) {
		tx, err := sdb.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if n, err := s2.Insert("contacts").Columns("id", "name").Values(251, "in tx").Exec(ctx, tenantq.SQL(tx)); err != nil || n != 1 {
			t.Fatalf("insert in the caller's transaction: %d, %v", n, err)
		}
		var n int64
		if err := s2.Select("count(*)").From("contacts").QueryRow(ctx, tenantq.SQL(tx)).Scan(&n); err != nil || n != 4 {
			t.Errorf("count in the caller's transaction: %d, %v; want 4", n, err)
		}
		if n := count(251); n != 0 {
			t.Errorf("the runner committed the caller's transaction")
		}
		if err := tx.Rollback(); err != nil {
			t.Fatalf("rollback: %v (the runner ended the transaction?)", err)
		}
		if n := count(251); n != 0 {
			t.Errorf("the row inserted in the rolled back transaction exists")
		}
	})
}

// noBatch is a PgxDB that cannot send a batch.
type noBatch struct{ tenantq.PgxDB }

// ownRunner is a Runner of the caller's own that runs statements with a context of its own,
// so the statement's setting never reaches tenantq's runner.
type ownRunner struct{ tenantq.Runner }

func (r ownRunner) Query(_ context.Context, sql string, args ...any) (tenantq.Rows, error) {
	return r.Runner.Query(context.Background(), sql, args...)
}

// plainStd is a StdDB that is neither a *sql.DB, a *sql.Tx nor a *sql.Conn.
type plainStd struct{ tenantq.StdDB }

// TestRLSRefusals: what cannot run with its setting does not run, or fails loudly.
func TestRLSRefusals(t *testing.T) {
	db := rlstest.Open(t)
	tq := rlsTenancy(t, db.Policy)
	ctx := context.Background()
	s2, _ := tq.Scope(int64(2))
	sdb := openStd(t, db)

	if _, err := tq.Scope(1.5); !errors.Is(err, tenantq.ErrBadTenant) {
		t.Errorf("Scope(1.5) = %v, want ErrBadTenant", err)
	}
	sel := s2.Select("id").From("contacts")
	db.Tracer.Reset()
	if _, err := tenantq.PgxQuery(ctx, noBatch{db.App}, sel); !errors.Is(err, tenantq.ErrRowLevelSecurity) {
		t.Errorf("PgxQuery on a PgxDB without SendBatch: %v, want ErrRowLevelSecurity", err)
	}
	if _, err := sel.Query(ctx, tenantq.Pgx(noBatch{db.App})); !errors.Is(err, tenantq.ErrRowLevelSecurity) {
		t.Errorf("Pgx runner on a PgxDB without SendBatch: %v, want ErrRowLevelSecurity", err)
	}
	if _, err := sel.Query(ctx, tenantq.SQL(plainStd{sdb})); !errors.Is(err, tenantq.ErrRowLevelSecurity) {
		t.Errorf("SQL runner on a StdDB that cannot begin: %v, want ErrRowLevelSecurity", err)
	}
	if got := db.Tracer.SQL(); len(got) != 0 {
		t.Errorf("refused statements sent %q, want nothing", got)
	}
	// A Runner of one's own that drops the context runs the statement without its setting:
	// the call fails, naming the Runner.
	rows, err := sel.Query(ctx, ownRunner{tenantq.Pgx(db.App)})
	if !errors.Is(err, tenantq.ErrRowLevelSecurity) || rows != nil || !strings.Contains(err.Error(), "ownRunner") {
		t.Errorf("a Runner that drops the context: %v, %v; want ErrRowLevelSecurity naming it", rows, err)
	}
}

// TestRLSOff: without RowLevelSecurity in the policy the runners send each statement alone,
// as before; with it, the setting goes first.
func TestRLSOff(t *testing.T) {
	db := rlstest.Open(t)
	ctx := context.Background()
	off := db.Policy
	off.RowLevelSecurity = nil
	sdb := openStd(t, db)
	sel := "SELECT id FROM contacts WHERE contacts.tenant_id = $1"
	set := "SELECT set_config('tenantq.tenant', $1, true)" + restoreRole
	for _, tc := range []struct {
		name   string
		policy sqlcheck.Policy
		pgx    []string // what the pgx runner sends
		std    []string // what the database/sql runner sends
	}{
		{"off", off, []string{sel}, []string{sel}},
		{"on", db.Policy, []string{set, sel}, []string{"begin", set, sel, "commit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tq := rlsTenancy(t, tc.policy)
			if (tq.RowLevelSecurity() != nil) != (tc.name == "on") {
				t.Fatalf("RowLevelSecurity() = %v", tq.RowLevelSecurity())
			}
			s2, _ := tq.Scope(int64(2))
			for _, r := range []struct {
				name   string
				runner tenantq.Runner
				want   []string
			}{{"pgx", tenantq.Pgx(db.App), tc.pgx}, {"database/sql", tenantq.SQL(sdb), tc.std}} {
				db.Tracer.Reset()
				if _, err := runnerRun(r.name, r.runner).query(ctx, s2.Select("id").From("contacts")); err != nil {
					t.Fatalf("%s: %v", r.name, err)
				}
				if got := db.Tracer.SQL(); !slices.Equal(got, r.want) {
					t.Errorf("%s sent %q, want %q", r.name, got, r.want)
				}
			}
		})
	}
}

// TestRLSUnscopedThenScopedInCallerTx: in the caller's transaction an unscoped statement sets
// the unscoped role for the rest of the transaction (set_config(..., true) lasts until it
// ends). A tenant's statement after it in the same transaction must not run as that role,
// whose policy lets every row through: it must run as the role the transaction began with.
func TestRLSUnscopedThenScopedInCallerTx(t *testing.T) {
	db := rlstest.Open(t)
	tq := rlsTenancy(t, db.Policy)
	ctx := context.Background()
	s2, _ := tq.Scope(int64(2))
	u, _ := tq.Unscoped("report over every tenant")
	sdb := openStd(t, db)

	t.Run("pgx", func(t *testing.T) {
		tx, err := db.App.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		var n int64
		if err := u.Select("count(*)").From("contacts").QueryRow(ctx, tenantq.Pgx(tx)).Scan(&n); err != nil || n != 9 {
			t.Fatalf("unscoped count in the transaction: %d, %v; want 9", n, err)
		}
		var user string
		if err := s2.Select("current_user::text").From("contacts").Limit(1).QueryRow(ctx, tenantq.Pgx(tx)).Scan(&user); err != nil || user != db.AppRole {
			t.Errorf("tenant 2's statement after an unscoped one in the transaction runs as %q, %v; want %q", user, err, db.AppRole)
		}
	})
	t.Run("database/sql", func(t *testing.T) {
		tx, err := sdb.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var n int64
		if err := u.Select("count(*)").From("contacts").QueryRow(ctx, tenantq.SQL(tx)).Scan(&n); err != nil || n != 9 {
			t.Fatalf("unscoped count in the transaction: %d, %v; want 9", n, err)
		}
		var user string
		if err := s2.Select("current_user::text").From("contacts").Limit(1).QueryRow(ctx, tenantq.SQL(tx)).Scan(&user); err != nil || user != db.AppRole {
			t.Errorf("tenant 2's statement after an unscoped one in the transaction runs as %q, %v; want %q", user, err, db.AppRole)
		}
	})
}

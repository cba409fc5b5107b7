// Package rlstest sets up row-level security on the test database for the tests of the
// tenantq runners and the guard: a schema whose tenant table "contacts" has the policies
// "tenantvet rls" writes (package rls), and a pool that connects as a role of its own
// that is not a superuser (superusers bypass row-level security), with a tracer that records
// every statement the pool sends.
package rlstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/rls"
	"github.com/tenantq/tenantq/sqlcheck"
)

// DDL is the schema: three tenants (1, 2, 3) of three contacts each (ids t*100+1 to t*100+3)
// and a global table.
const DDL = `
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE contacts (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, name text NOT NULL);
INSERT INTO plans VALUES (1, 'free'), (2, 'pro');
INSERT INTO contacts SELECT t * 100 + c, t, 'contact ' || c FROM generate_series(1, 3) t, generate_series(1, 3) c;
`

// Setting is the tenant setting the policies read.
const Setting = sqlcheck.DefaultTenantSetting

// A DB is a schema with row-level security on "contacts".
type DB struct {
	// Admin is a superuser pool on the schema: it sees every row.
	Admin *pgxpool.Pool
	// App is a pool of one connection on the schema, logged in as App role, with the tracer.
	App *pgxpool.Pool
	// AppRole and UnscopedRole are the roles, unique to the test.
	AppRole, UnscopedRole string
	// Tracer records the statements App sends.
	Tracer *Tracer
	// Policy is the tenancy policy of the schema, with RowLevelSecurity naming UnscopedRole.
	Policy sqlcheck.Policy
}

// Open creates the schema, its roles and policies, and the app pool; they are dropped when the
// test ends. It skips or fails as [testdb.OpenSchema] does without a database.
func Open(t testing.TB) *DB {
	t.Helper()
	return OpenSchema(t, DDL, "contacts", "plans")
}

// OpenSchema is [Open] for a schema of the caller's: ddl creates the tables (and rows),
// tenantTable is a tenant table of it that must hold rows (the pool is checked to see none of
// them without a tenant setting), and global lists its global tables.
func OpenSchema(t testing.TB, ddl, tenantTable string, global ...string) *DB {
	t.Helper()
	admin := testdb.OpenSchema(t, ddl)
	suffix := randomHex(6)
	db := &DB{
		Admin:        admin,
		AppRole:      "tq_app_" + suffix,
		UnscopedRole: "tq_unscoped_" + suffix,
		Tracer:       &Tracer{},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	password := randomHex(12)
	var schema string
	if err := admin.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatalf("current schema: %v", err)
	}
	// Dropped after the app pool closes (cleanups run last in, first out).
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, stmt := range []string{
			"DROP OWNED BY " + db.AppRole + ", " + db.UnscopedRole,
			"DROP ROLE " + db.AppRole,
			"DROP ROLE " + db.UnscopedRole,
		} {
			//tenantvet:ignore test roles, no tenant rows
			if _, err := admin.Exec(ctx, stmt); err != nil {
				t.Errorf("%s: %v", stmt, err)
			}
		}
	})
	tables, err := config.ParseSchema("rlstest.sql", ddl, nil)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	db.Policy = sqlcheck.Policy{
		Schema:           tables,
		SearchPath:       []string{schema},
		GlobalTables:     global,
		RowLevelSecurity: &sqlcheck.RowLevelSecurity{UnscopedRole: db.UnscopedRole},
	}
	// The policies are the ones tenantvet rls writes.
	m, err := rls.Generate(db.Policy)
	if err != nil {
		t.Fatalf("rls.Generate: %v", err)
	}
	setup := []string{
		// NOINHERIT: a policy TO a role applies to the roles that inherit its privileges, so
		// an app role that inherited the unscoped role would see every tenant's rows without
		// SET ROLE. On PostgreSQL 16 and later, GRANT ... WITH INHERIT FALSE does the same.
		"CREATE ROLE " + db.AppRole + " LOGIN NOINHERIT PASSWORD '" + password + "'",
		"CREATE ROLE " + db.UnscopedRole + " NOLOGIN",
		"GRANT " + db.UnscopedRole + " TO " + db.AppRole,
		"GRANT USAGE ON SCHEMA " + schema + " TO " + db.AppRole + ", " + db.UnscopedRole,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + db.AppRole + ", " + db.UnscopedRole,
		m.Up,
	}
	for _, stmt := range setup {
		//tenantvet:ignore test fixtures: roles and policies, no tenant rows
		if _, err := admin.Exec(ctx, stmt, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	cfg := admin.Config()
	cfg.ConnConfig.User = db.AppRole
	cfg.ConnConfig.Password = password
	cfg.ConnConfig.Tracer = db.Tracer
	cfg.MaxConns = 1
	cfg.MinConns = 0
	app, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("app pool: %v", err)
	}
	t.Cleanup(app.Close)
	var user string
	if err := app.QueryRow(ctx, "SELECT current_user").Scan(&user); err != nil || user != db.AppRole {
		t.Fatalf("app pool connects as %q, %v; want %q (log in with a password on this cluster)", user, err, db.AppRole)
	}
	var n int64
	//tenantvet:ignore the fixture checks that row-level security hides every row without a setting
	if err := app.QueryRow(ctx, "SELECT count(*) FROM "+tenantTable).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the app role sees %d rows of %s without a tenant setting, %v; want 0 (row-level security is not on)", n, tenantTable, err)
	}
	db.App = app
	db.Tracer.Reset()
	return db
}

// Leftover returns what the app pool's one connection holds after the statements that ran:
// the tenant setting ("" when unset) and the current role.
func (db *DB) Leftover(t *testing.T) (setting, role string) {
	t.Helper()
	ctx := context.Background()
	if err := db.App.QueryRow(ctx, "SELECT coalesce(current_setting('"+Setting+"', true), ''), current_user::text").Scan(&setting, &role); err != nil {
		t.Fatalf("read the connection's setting: %v", err)
	}
	return setting, role
}

// Tracer records the SQL of every statement a pool sends, alone or in a batch. It is safe
// for concurrent use.
type Tracer struct {
	mu  sync.Mutex
	sql []string
}

func (tr *Tracer) add(sql string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.sql = append(tr.sql, sql)
}

// Reset forgets the statements recorded so far.
func (tr *Tracer) Reset() {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.sql = nil
}

// SQL returns the statements recorded since the last Reset, in order.
func (tr *Tracer) SQL() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return slices.Clone(tr.sql)
}

// Sets returns how many of the recorded statements are set_config calls.
func (tr *Tracer) Sets() int {
	n := 0
	for _, s := range tr.SQL() {
		if strings.Contains(s, "set_config(") {
			n++
		}
	}
	return n
}

// TraceQueryStart records a statement run alone.
func (tr *Tracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	tr.add(data.SQL)
	return ctx
}

// TraceQueryEnd does nothing.
func (tr *Tracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TraceBatchStart records the statements of a batch.
func (tr *Tracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchStartData) context.Context {
	for _, q := range data.Batch.QueuedQueries {
		tr.add(q.SQL)
	}
	return ctx
}

// TraceBatchQuery does nothing.
func (tr *Tracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

// TraceBatchEnd does nothing.
func (tr *Tracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// TraceCopyFromStart records a copy.
func (tr *Tracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceCopyFromStartData) context.Context {
	tr.add("COPY " + data.TableName.Sanitize())
	return ctx
}

// TraceCopyFromEnd does nothing.
func (tr *Tracer) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

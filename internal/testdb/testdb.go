// Package testdb opens the real PostgreSQL database that tenantq's tests run
// against, and gives each test a schema of its own.
//
// The database comes from TENANTQ_TEST_DATABASE_URL or, when that is unset,
// from the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE) that `make test` exports through pg_virtualenv. Without either,
// a test skips with a message naming the variable; under CI=true it fails
// instead, so a CI job never passes by skipping its database tests.
//
// A typical test asks for a pool confined to a fresh schema:
//
//	pool := testdb.OpenSchema(t, `CREATE TABLE deals (id int, tenant_id int)`)
//	_, err := pool.Exec(ctx, `INSERT INTO deals VALUES (1, 7)`)
//
// The schema and the pool are removed when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// EnvURL names the environment variable holding the test database URL.
const EnvURL = "TENANTQ_TEST_DATABASE_URL"

// setupTimeout bounds connecting and schema setup and teardown.
const setupTimeout = 30 * time.Second

// errNoDatabase reports that no test database is configured.
var errNoDatabase = errors.New("no test database: set " + EnvURL + " or run make test")

// dsn returns the connection string for the test database: the value of
// TENANTQ_TEST_DATABASE_URL or, when only PGHOST or PGPORT is set, the empty
// string, which pgx fills from the libpq variables. Without either it returns
// errNoDatabase, and fatal reports whether that must fail the test rather
// than skip it, which it must under CI=true.
func dsn() (connString string, fatal bool, err error) {
	if u := os.Getenv(EnvURL); u != "" {
		return u, false, nil
	}
	if os.Getenv("PGHOST") != "" || os.Getenv("PGPORT") != "" {
		return "", false, nil
	}
	return "", os.Getenv("CI") == "true", errNoDatabase
}

// lookup returns the connection string from [dsn], or ends the test: with
// a skip normally, with a failure under CI=true.
func lookup(t testing.TB) string {
	t.Helper()
	s, fatal, err := dsn()
	switch {
	case err == nil:
		return s
	case fatal:
		t.Fatalf("%v (CI=true: database tests must not skip)", err)
	default:
		t.Skipf("%v", err)
	}
	return ""
}

// Open connects to the test database and returns a pool that is closed when
// the test ends. It skips the test when no database is configured, or fails
// it under CI=true, and fails it when the database cannot be reached.
func Open(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return open(t, lookup(t), nil)
}

// OpenSchema connects to the test database, creates a uniquely named schema,
// runs ddl in it (ddl may hold several statements, or be empty) and returns a
// pool whose connections have search_path set to that schema alone, so
// unqualified names in the test resolve there. The schema is dropped and the
// pool closed when the test ends. It skips or fails like [Open].
func OpenSchema(t testing.TB, ddl string) *pgxpool.Pool {
	t.Helper()
	s := lookup(t)
	admin := open(t, s, nil)
	schema := Schema(t, admin, ddl)
	return open(t, s, func(cfg *pgxpool.Config) {
		cfg.ConnConfig.RuntimeParams["search_path"] = schema
	})
}

// Database creates a uniquely named database, runs ddl in it (several statements, or none),
// and returns a connection to it. Its search_path is the server's default ("$user", public),
// so schema-qualified names resolve as written; the database is dropped when the test ends.
// It skips or fails like [Open].
func Database(t testing.TB, ddl string) *pgx.Conn {
	t.Helper()
	admin := Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	db := "tenantq_" + randomHex(8)
	//tenantvet:ignore DDL on a database named by the helper, touching no tenant rows
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+db); err != nil {
		t.Fatalf("create database %s: %v", db, err)
	}
	t.Cleanup(func() {
		//tenantvet:ignore DDL on a database named by the helper, touching no tenant rows
		admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)")
	})
	cfg := admin.Config().ConnConfig.Copy()
	cfg.Database = db
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connect to database %s: %v", db, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	if ddl != "" {
		//tenantvet:ignore test fixtures create tables and seed every tenant's rows; callers are not checked
		if _, err := conn.Exec(ctx, ddl, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatalf("ddl in database %s: %v", db, err)
		}
	}
	return conn
}

// Schema creates a uniquely named schema through pool, runs ddl in it with
// search_path set to it, and returns its name, which needs no quoting. The
// schema and everything in it is dropped when the test ends. Any error fails
// the test.
func Schema(t testing.TB, pool *pgxpool.Pool, ddl string) string {
	t.Helper()
	schema := "t_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()

	//tenantvet:ignore DDL on a schema named by the helper, touching no tenant rows
	if _, err := pool.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	// Registered before the DDL runs, so a failing DDL still drops the schema.
	// Cleanups run last-in first-out: the schema goes before the pool closes.
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		//tenantvet:ignore DDL on a schema named by the helper, touching no tenant rows
		if _, err := pool.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	if ddl == "" {
		return schema
	}

	// SET LOCAL inside a transaction keeps the pooled connection's
	// search_path untouched for later users of pool.
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatalf("begin ddl in schema %s: %v", schema, err)
	}
	defer tx.Rollback(ctx) // a no-op after Commit
	//tenantvet:ignore session setting, touching no tenant rows
	if _, err := tx.Exec(ctx, "SET LOCAL search_path TO "+schema); err != nil {
		t.Fatalf("set search_path to %s: %v", schema, err)
	}
	// The simple protocol lets ddl hold several statements.
	//tenantvet:ignore test fixtures create tables and seed every tenant's rows; callers are not checked
	if _, err := tx.Exec(ctx, ddl, pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatalf("ddl in schema %s: %v", schema, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("commit ddl in schema %s: %v", schema, err)
	}
	return schema
}

// open connects with connString, after letting configure adjust the pool
// configuration, checks the connection with a ping, and closes the pool when
// the test ends.
func open(t testing.TB, connString string, configure func(*pgxpool.Config)) *pgxpool.Pool {
	t.Helper()
	where := describe(connString)
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		if connString != "" {
			// The error quotes the string, and redacting a malformed
			// one is only best effort: keep it out of the log.
			err = errors.New("invalid connection string")
		}
		t.Fatalf("test database %s: %v", where, err)
	}
	if configure != nil {
		configure(cfg)
	}

	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("test database %s: %v", where, err)
	}
	t.Cleanup(pool.Close)
	if err := pool.Ping(ctx); err != nil {
		t.Fatalf("test database %s: %v", where, err)
	}
	return pool
}

// describe names the database connString refers to without its password:
// a URL with the password replaced by "xxxxx", or the libpq variables that
// an empty string stands for. A key=value string, which may carry a password
// anywhere, is not shown at all.
func describe(connString string) string {
	if connString == "" {
		return fmt.Sprintf("from PG* environment (PGHOST=%q PGPORT=%q PGUSER=%q PGDATABASE=%q)",
			os.Getenv("PGHOST"), os.Getenv("PGPORT"), os.Getenv("PGUSER"), os.Getenv("PGDATABASE"))
	}
	u, err := url.Parse(connString)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "(key=value connection string in " + EnvURL + ")"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never returns an error
	return hex.EncodeToString(b)
}

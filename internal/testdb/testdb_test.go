package testdb_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/testdb"
)

func TestOpenSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.OpenSchema(t, `
		CREATE TABLE deals (id int PRIMARY KEY, tenant_id int NOT NULL, name text);
		CREATE INDEX ON deals (tenant_id);
	`)

	for i := range 3 {
		if _, err := pool.Exec(ctx, `INSERT INTO deals (id, tenant_id, name) VALUES ($1, 7, $2)`, i, "deal"); err != nil {
			t.Fatalf("insert: %v", err)
		}
	}
	var n int
	var schema string
	err := pool.QueryRow(ctx, `SELECT count(*), current_schema() FROM deals WHERE tenant_id = $1`, 7).Scan(&n, &schema)
	if err != nil {
		t.Fatalf("select: %v", err)
	}
	if n != 3 {
		t.Errorf("count(*) = %d, want 3", n)
	}
	if !strings.HasPrefix(schema, "t_") {
		t.Errorf("current_schema() = %q, want a t_ schema", schema)
	}
}

func TestOpenSchemaEveryConnection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.OpenSchema(t, `CREATE TABLE deals (id int)`)

	// Hold several connections at once, so they are distinct ones.
	var schemas []string
	for range 3 {
		c, err := pool.Acquire(ctx)
		if err != nil {
			t.Fatalf("acquire: %v", err)
		}
		defer c.Release()
		var s string
		if err := c.QueryRow(ctx, `SELECT current_schema()`).Scan(&s); err != nil {
			t.Fatalf("current_schema: %v", err)
		}
		schemas = append(schemas, s)
	}
	for _, s := range schemas[1:] {
		if s != schemas[0] {
			t.Errorf("connections see schemas %q, want one", schemas)
			break
		}
	}
}

func TestSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.Open(t)

	var a, b string
	t.Run("create", func(t *testing.T) {
		a = testdb.Schema(t, pool, `CREATE TABLE deals (id int); INSERT INTO deals VALUES (1)`)
		b = testdb.Schema(t, pool, "")
		if a == b {
			t.Fatalf("Schema returned %q twice", a)
		}
		var n int
		//tenantvet:ignore counts the rows of a test schema to prove the helper created it
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM `+a+`.deals`).Scan(&n); err != nil {
			t.Fatalf("select from %s.deals: %v", a, err)
		}
		if n != 1 {
			t.Errorf("count(*) = %d, want 1", n)
		}
		// The DDL's search_path did not stick to the pooled connection.
		var found bool
		if err := pool.QueryRow(ctx, `SELECT to_regclass('deals') IS NOT NULL`).Scan(&found); err != nil {
			t.Fatalf("to_regclass: %v", err)
		}
		if found {
			t.Errorf("unqualified deals resolves through pool, want only %s.deals", a)
		}
	})
	// The subtest's cleanups have dropped both schemas.
	for _, s := range []string{a, b} {
		var exists bool
		err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1)`, s).Scan(&exists)
		if err != nil {
			t.Fatalf("pg_namespace: %v", err)
		}
		if exists {
			t.Errorf("schema %q exists after its test ended", s)
		}
	}
}

// clearEnv sets every variable that chooses the test database to "".
func clearEnv(t *testing.T) {
	for _, k := range []string{testdb.EnvURL, "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "CI"} {
		t.Setenv(k, "")
	}
}

func TestDSN(t *testing.T) {
	// t.Setenv: not parallel.
	tests := []struct {
		name      string
		env       map[string]string
		want      string
		wantFatal bool
		wantErr   error
	}{
		{
			name: "url wins",
			env:  map[string]string{testdb.EnvURL: "postgres://u@h/db", "PGHOST": "other", "CI": "true"},
			want: "postgres://u@h/db",
		},
		{
			name: "pghost",
			env:  map[string]string{"PGHOST": "localhost"},
		},
		{
			name: "pgport",
			env:  map[string]string{"PGPORT": "5433", "CI": "true"},
		},
		{
			name:    "pguser alone skips",
			env:     map[string]string{"PGUSER": "postgres", "PGDATABASE": "postgres"},
			wantErr: testdb.ErrNoDatabase,
		},
		{
			name:    "nothing skips",
			wantErr: testdb.ErrNoDatabase,
		},
		{
			name:    "CI=1 is not CI=true",
			env:     map[string]string{"CI": "1"},
			wantErr: testdb.ErrNoDatabase,
		},
		{
			name:      "nothing fails in CI",
			env:       map[string]string{"CI": "true"},
			wantFatal: true,
			wantErr:   testdb.ErrNoDatabase,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			got, fatal, err := testdb.DSN()
			if got != tc.want || fatal != tc.wantFatal || !errors.Is(err, tc.wantErr) {
				t.Errorf("dsn() = %q, %v, %v, want %q, %v, %v", got, fatal, err, tc.want, tc.wantFatal, tc.wantErr)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		connString string
		want       string
	}{
		{
			name:       "url password",
			connString: "postgres://alice:s3cret@db:5432/tq?sslmode=disable",
			want:       "postgres://alice:xxxxx@db:5432/tq?sslmode=disable",
		},
		{
			name:       "query password",
			connString: "postgresql://alice@db/tq?password=s3cret",
			want:       "postgresql://alice@db/tq?password=xxxxx",
		},
		{
			name:       "no password",
			connString: "postgres://db/tq",
			want:       "postgres://db/tq",
		},
		{
			name:       "key value",
			connString: "host=db password=s3cret",
			want:       "(key=value connection string in TENANTQ_TEST_DATABASE_URL)",
		},
		{
			name:       "malformed",
			connString: "postgres://alice:s3cret@db:port/tq",
			want:       "(key=value connection string in TENANTQ_TEST_DATABASE_URL)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := testdb.Describe(tc.connString); got != tc.want {
				t.Errorf("describe(%q) = %q, want %q", tc.connString, got, tc.want)
			}
		})
	}
}

// TestOpenNoDatabase runs TestOpenNoDatabaseChild in a child process without
// a database configured, and checks that Open skips it, or fails it under
// CI=true, with the message naming the variable.
func TestOpenNoDatabase(t *testing.T) {
	if os.Getenv("TESTDB_CHILD") != "" {
		t.Skip("in the child process")
	}
	tests := []struct {
		name     string
		ci       string
		wantFail bool
		want     string
	}{
		{name: "skip", ci: "", want: "--- SKIP: TestOpenNoDatabaseChild"},
		{name: "fail in CI", ci: "true", wantFail: true, want: "--- FAIL: TestOpenNoDatabaseChild"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("CI", tc.ci)
			t.Setenv("TESTDB_CHILD", "1")
			cmd := exec.Command(os.Args[0], "-test.run=^TestOpenNoDatabaseChild$", "-test.v", "-test.count=1")
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if failed := errors.As(err, &exit); failed != tc.wantFail || (err != nil && !failed) {
				t.Fatalf("child: err = %v, want failure %v\n%s", err, tc.wantFail, out)
			}
			for _, w := range []string{tc.want, "no test database: set TENANTQ_TEST_DATABASE_URL or run make test"} {
				if !strings.Contains(string(out), w) {
					t.Errorf("child output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestOpenNoDatabaseChild is run by TestOpenNoDatabase in a child process.
func TestOpenNoDatabaseChild(t *testing.T) {
	if os.Getenv("TESTDB_CHILD") == "" {
		t.Skip("run by TestOpenNoDatabase")
	}
	testdb.Open(t)
	t.Error("Open returned without a database")
}

package main

import (
	"bytes"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/testdb"
)

// databaseURL writes a connection's configuration back as a URL, as a user passes it.
func databaseURL(c *pgx.ConnConfig) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(c.User, c.Password), Path: "/" + c.Database}
	if strings.HasPrefix(c.Host, "/") {
		u.RawQuery = url.Values{"host": {c.Host}, "port": {strconv.Itoa(int(c.Port))}}.Encode()
	} else {
		u.Host = net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port)))
	}
	return u.String()
}

// TestInitDatabaseURL runs the tenantvet binary's init -database-url on a database holding
// initSchema: it writes the schema it read beside tenantq.yaml, names it as the schema with a
// note on regenerating it, and proposes the policy that init -schema proposes from the DDL.
func TestInitDatabaseURL(t *testing.T) {
	conn := testdb.Database(t, initSchema)
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	dbURL := databaseURL(conn.Config())

	// The same schema as DDL, through -schema, for comparison.
	fromFile := t.TempDir()
	if err := os.WriteFile(filepath.Join(fromFile, "schema.sql"), []byte(initSchema), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := command(t, fromFile, bin, "init", "-schema", "schema.sql"); code != exitClean {
		t.Fatalf("tenantvet init -schema = %d\n%s%s", code, stdout, stderr)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "q.sql"), []byte("SELECT * FROM comments WHERE task_id = $1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := command(t, dir, bin, "init", "-database-url", dbURL)
	if code != exitClean {
		t.Fatalf("tenantvet init -database-url = %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		`read 6 tables from database "` + conn.Config().Database + `" (schemas public): wrote tenantq.schema.sql`,
		"wrote tenantq.yaml: tenant columns organization_id; 6 tables: 3 tenant, 2 owned through a parent, 0 reached through a link, 1 global, 0 to decide",
		// The dump is the schema, not a query file.
		"first check of 1 query file: 1 finding, unpinned 1",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("tenantvet init -database-url output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout+stderr, conn.Config().Password) && conn.Config().Password != "" {
		t.Errorf("tenantvet init -database-url prints the password:\n%s%s", stdout, stderr)
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "tenantq.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"schema:\n  - \"tenantq.schema.sql\"\n",
		"# tenantq.schema.sql holds the tables of database",
		`tenantvet init -database-url "$DATABASE_URL" -force`,
		"point schema: at the project's migrations",
	} {
		if !bytes.Contains(yaml, []byte(want)) {
			t.Errorf("tenantq.yaml lacks %q:\n%s", want, yaml)
		}
	}
	if bytes.Contains(yaml, []byte("search_path")) {
		t.Errorf("tenantq.yaml sets search_path for a schema read from public alone:\n%s", yaml)
	}
	// The policy is the one init proposes from the DDL: only the schema lines differ.
	other, err := os.ReadFile(filepath.Join(fromFile, "tenantq.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	schemaPart := regexp.MustCompile(`(?m)^(# .*\n)*schema:\n(  - .*\n)+`)
	if a, b := schemaPart.ReplaceAll(yaml, nil), schemaPart.ReplaceAll(other, nil); !bytes.Equal(a, b) {
		t.Errorf("init -database-url proposes\n%s\ninit -schema proposes\n%s", a, b)
	}
	// The file loads, and reads its schema from the dump.
	cfg, err := config.Load(filepath.Join(dir, "tenantq.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.Policy(); err != nil {
		t.Fatal(err)
	}

	// A second run needs -force, for the dump too.
	if code, _, stderr := command(t, dir, bin, "init", "-database-url", dbURL); code != exitError || !strings.Contains(stderr, "-force") {
		t.Errorf("a second tenantvet init -database-url = %d, %q; want 2 and a word about -force", code, stderr)
	}
	if err := os.Remove(filepath.Join(dir, "tenantq.yaml")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := command(t, dir, bin, "init", "-database-url", dbURL); code != exitError || !strings.Contains(stderr, "tenantq.schema.sql exists; pass -force") {
		t.Errorf("tenantvet init -database-url over an existing dump = %d, %q; want 2 and a word about -force", code, stderr)
	}
	if code, stdout, stderr := command(t, dir, bin, "init", "-database-url", dbURL, "-force"); code != exitClean {
		t.Errorf("tenantvet init -database-url -force = %d\n%s%s", code, stdout, stderr)
	}
}

// TestInitDatabaseURLErrors checks that init refuses bad flags and unreachable databases
// with a message saying what to do, without printing the URL's password.
func TestInitDatabaseURLErrors(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: take one and close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"both", []string{"-schema", "s.sql", "-database-url", "postgres://localhost/x"}, []string{"-schema and -database-url both given"}},
		{"empty", []string{"-database-url", ""}, []string{"-database-url is empty", "postgres://user:password@host:5432/dbname"}},
		{"bad url", []string{"-database-url", "postgres://u:s3cret@host:notaport/db"}, []string{"-database-url: ", "write it as postgres://"}},
		{"unreachable", []string{"-database-url", "postgres://u:s3cret@" + closed + "/db?connect_timeout=5"}, []string{"-database-url: cannot connect", "check the URL's host, port"}},
		{"neither", nil, []string{"Usage: tenantvet init"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			var out, errb bytes.Buffer
			code := run(append(append([]string{"init"}, tc.args...), dir), nil, &out, &errb)
			if code != exitError {
				t.Errorf("tenantvet init %q = %d, want %d", tc.args, code, exitError)
			}
			for _, w := range tc.want {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("tenantvet init %q: stderr lacks %q:\n%s", tc.args, w, errb.String())
				}
			}
			if strings.Contains(out.String()+errb.String(), "s3cret") {
				t.Errorf("tenantvet init %q prints the password:\n%s%s", tc.args, out.String(), errb.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "tenantq.yaml")); err == nil {
				t.Errorf("tenantvet init %q wrote tenantq.yaml", tc.args)
			}
		})
	}
}

// TestSchemaDatabaseURL checks that tenantvet schema -database-url audits the tables of the
// database, under tenantq.yaml's policy, as tenantvet schema audits the same tables read from
// DDL, rather than the older schema file tenantq.yaml names.
func TestSchemaDatabaseURL(t *testing.T) {
	notes := `CREATE TABLE notes (id bigint PRIMARY KEY, task_id bigint NOT NULL REFERENCES tasks, organization_id bigint NOT NULL);`
	conn := testdb.Database(t, initSchema+notes)
	dbURL := databaseURL(conn.Config())
	yaml := "tenant_columns: [organization_id]\nschema: schema.sql\nowners:\n  attachments: [task_id]\n"
	write := func(dir, name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The database's tables as DDL, audited from the file.
	fromFile := t.TempDir()
	write(fromFile, "schema.sql", initSchema+notes)
	write(fromFile, "tenantq.yaml", yaml)
	var want, wantErr bytes.Buffer
	wantCode := run([]string{"schema", fromFile}, nil, &want, &wantErr)
	if !strings.Contains(want.String(), "notes: cross-tenant-key") {
		t.Fatalf("tenantvet schema = %d, without the finding on notes.task_id:\n%s%s", wantCode, want.String(), wantErr.String())
	}
	// A project whose schema file predates notes, audited from the database.
	dir := t.TempDir()
	write(dir, "schema.sql", initSchema)
	write(dir, "tenantq.yaml", yaml)
	var got, gotErr bytes.Buffer
	code := run([]string{"schema", "-database-url", dbURL, dir}, nil, &got, &gotErr)
	// The catalog says where a key is by its name, not by file and line.
	where := regexp.MustCompile(` \((/[^)]*schema\.sql:\d+|constraint "[^"]*")\)`)
	if code != wantCode || where.ReplaceAllString(got.String(), "") != where.ReplaceAllString(want.String(), "") {
		t.Errorf("tenantvet schema -database-url = %d\n%s%s\nwant %d\n%s", code, got.String(), gotErr.String(), wantCode, want.String())
	}
	if !strings.Contains(got.String(), `(constraint "notes_task_id_fkey")`) {
		t.Errorf("tenantvet schema -database-url does not name the constraint:\n%s", got.String())
	}
	// Without a schema or a database, it says what to add.
	empty := t.TempDir()
	write(empty, "tenantq.yaml", "tenant_columns: [organization_id]\n")
	errb := new(bytes.Buffer)
	if code := run([]string{"schema", empty}, nil, new(bytes.Buffer), errb); code != exitError || !strings.Contains(errb.String(), "or pass -database-url") {
		t.Errorf("tenantvet schema without a schema = %d, %q", code, errb.String())
	}
	// A tenantq.yaml without a schema audits the database: here its policy lacks the owner
	// that attachments needs, which the error says.
	got.Reset()
	errb.Reset()
	if code := run([]string{"schema", "-database-url", dbURL, empty}, nil, &got, errb); code != exitError || !strings.Contains(errb.String(), `"attachments": (comment_id) to comments, (task_id) to tasks`) {
		t.Errorf("tenantvet schema -database-url with no schema in tenantq.yaml = %d\n%s%s", code, got.String(), errb.String())
	}
}

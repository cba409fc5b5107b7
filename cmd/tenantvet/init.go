package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// runInit is "tenantvet init": it reads a schema, proposes tenantq.yaml with a comment on every
// choice, writes it, and runs a first check of the .sql files beside it.
func runInit(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("tenantvet init", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var schemas []string
	fset.Func("schema", "the schema: a .sql file (a dump) or a migrations `path`, relative to DIR; repeat for several, read in order", func(s string) error {
		schemas = append(schemas, s)
		return nil
	})
	databaseURL := fset.String("database-url", "", "read the schema from the catalog of the running PostgreSQL at `URL` (postgres://user:password@host/dbname), instead of -schema, and write it to DIR/"+dumpName)
	force := fset.Bool("force", false, "overwrite an existing tenantq.yaml (and "+dumpName+")")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: tenantvet init -schema PATH [-schema PATH ...] [-force] [DIR]\n       tenantvet init -database-url URL [-force] [DIR]\n\nReads the schema, proposes DIR/tenantq.yaml (default DIR .) with a comment on every choice,\nwrites it, and checks the .sql files under DIR with it. With -database-url it reads the\ntables of the connection's search_path from the database's catalog, and writes them as\nDDL to DIR/"+dumpName+", which tenantq.yaml names as its schema.\nExit status: 0 written, 2 usage, schema, database or I/O error.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	dir, code, ok := parseDir(fset, args)
	if !ok {
		return code
	}
	fromDB := false
	fset.Visit(func(f *flag.Flag) { fromDB = fromDB || f.Name == "database-url" })
	switch {
	case fromDB && len(schemas) > 0:
		fmt.Fprintln(stderr, "tenantvet init: -schema and -database-url both given: read the schema from one of them")
		return exitError
	case fromDB && *databaseURL == "":
		fmt.Fprintln(stderr, "tenantvet init: -database-url is empty: give the database's URL, postgres://user:password@host:5432/dbname (-database-url \"$DATABASE_URL\" if your environment has it)")
		return exitError
	case !fromDB && len(schemas) == 0:
		fset.Usage()
		return exitError
	}
	out := filepath.Join(dir, config.FileName)
	if _, err := os.Stat(out); err == nil && !*force {
		fmt.Fprintf(stderr, "tenantvet init: %s exists; pass -force to replace it\n", out)
		return exitError
	}
	var note, searchPath []string
	if fromDB {
		dump, err := readDatabase(*databaseURL)
		if err != nil {
			fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
			return exitError
		}
		dumpPath := filepath.Join(dir, dumpName)
		if _, err := os.Stat(dumpPath); err == nil && !*force {
			fmt.Fprintf(stderr, "tenantvet init: %s exists; pass -force to replace it\n", dumpPath)
			return exitError
		}
		if err := os.WriteFile(dumpPath, dump.SQL, 0o644); err != nil {
			fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stdout, "read %s from database %q (schemas %s): wrote %s\n", plural(dump.Tables, "table"), dump.Database, strings.Join(dump.SearchPath, ", "), dumpPath)
		schemas, searchPath = []string{dumpName}, dump.SearchPath
		note = []string{
			fmt.Sprintf("%s holds the tables of database %q as tenantvet init -database-url read them", dumpName, dump.Database),
			"from its catalog. It does not follow the database: after each migration, regenerate it with",
			"    tenantvet init -database-url \"$DATABASE_URL\" -force",
			"(which rewrites this file too), or better, point schema: at the project's migrations (a",
			"directory, or schema files in the order they run) and delete " + dumpName + ".",
		}
	}
	paths := make([]string, len(schemas))
	for i, s := range schemas {
		paths[i] = filepath.Join(dir, s)
	}
	tables, err := config.ReadSchema(paths...)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
		return exitError
	}
	p, err := config.Propose(tables)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
		return exitError
	}
	p.SchemaNote, p.SearchPath = note, searchPath
	yaml := p.YAML(schemas)
	if _, err := config.Parse(out, yaml); err != nil {
		fmt.Fprintf(stderr, "tenantvet init: the proposal does not read back (a bug; please report it): %v\n", err)
		return exitError
	}
	if err := os.WriteFile(out, yaml, 0o644); err != nil {
		fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
		return exitError
	}
	kinds := map[sqlcheck.TableKind]int{}
	for _, t := range p.Tables {
		kinds[t.Kind]++
	}
	fmt.Fprintf(stdout, "wrote %s: tenant columns %s; %s: %d tenant, %d owned through a parent, %d reached through a link, %d global, %d to decide; %s (tenantvet schema lists them)\n",
		out, strings.Join(p.TenantColumns, ", "), plural(len(p.Tables), "table"),
		kinds[sqlcheck.TenantTable], kinds[sqlcheck.OwnedThroughTable], kinds[sqlcheck.ReachedThroughTable], kinds[sqlcheck.GlobalTable], kinds[sqlcheck.UnownedTable],
		plural(len(p.Findings), "schema finding"))
	if n := len(p.Owners); n > 0 {
		verb := "have"
		if n == 1 {
			verb = "has"
		}
		fmt.Fprintf(stdout, "owners: %s %s several foreign keys to tenant-owned tables; the file proposes one for each under owners\n", plural(n, "table"), verb)
	}

	// A first check of the queries beside it: every .sql file under dir but the schema's.
	files, err := collect([]string{dir})
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
		return exitError
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		return slices.ContainsFunc(paths, func(s string) bool {
			rel, err := filepath.Rel(s, f)
			return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."))
		})
	})
	if len(files) == 0 {
		fmt.Fprintf(stdout, "no query files (.sql) under %s besides the schema; check Go code with: tenantvet ./...\n", dir)
		return exitClean
	}
	_, checker, err := config.NewLoader(config.Overrides{}).Load(dir)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
		return exitError
	}
	byRule := map[string]int{}
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
			return exitError
		}
		found, _ := checkFile(checker, f, string(data))
		for _, x := range found {
			byRule[string(x.Rule)]++
		}
		total += len(found)
	}
	fmt.Fprintf(stdout, "first check of %s: %s", plural(len(files), "query file"), plural(total, "finding"))
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for k := range byRule {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(stdout, ", %s %d", r, byRule[r])
	}
	fmt.Fprintln(stdout)
	if total > 0 {
		fmt.Fprintf(stdout, "to adopt it now and fail only on new findings: tenantvet sql -write-baseline tenantvet-baseline.json %s\n", dir)
	}
	return exitClean
}

// dumpName is the file tenantvet init -database-url writes the schema it read to.
const dumpName = "tenantq.schema.sql"

// databaseTimeout bounds connecting to the database and reading its catalog.
const databaseTimeout = 30 * time.Second

// readDatabase connects to the database at url and reads its catalog. Its errors say what
// is wrong and what to do; none quotes the URL's password.
func readDatabase(url string) (dump *config.CatalogDump, err error) {
	err = withDatabase(url, func(ctx context.Context, conn *pgx.Conn) error {
		dump, err = config.DumpCatalog(ctx, conn)
		return err
	})
	return dump, err
}

// catalogChecker returns the checker of cfg's policy over the tables of the database at url,
// read from the schemas of cfg's search path, instead of the schema cfg names.
func catalogChecker(cfg *config.Config, url string) (*sqlcheck.Checker, error) {
	var tables []sqlcheck.Table
	err := withDatabase(url, func(ctx context.Context, conn *pgx.Conn) (err error) {
		tables, err = config.ReadCatalog(ctx, conn, cfg.SearchPath...)
		return err
	})
	if err != nil {
		return nil, err
	}
	c := *cfg
	c.Schema = nil
	p, err := c.Policy()
	if err != nil {
		return nil, err
	}
	p.Schema = tables
	return sqlcheck.New(*p)
}

// withDatabase connects to the database at url and runs f, within databaseTimeout.
func withDatabase(url string, f func(ctx context.Context, conn *pgx.Conn) error) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return fmt.Errorf("-database-url: %w; write it as postgres://user:password@host:5432/dbname", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), databaseTimeout)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("-database-url: cannot connect: %w; check the URL's host, port, user, password and database name, and that the server accepts connections", err)
	}
	defer conn.Close(context.Background())
	return f(ctx, conn)
}

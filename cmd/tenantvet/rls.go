package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/rls"
	"github.com/tenantq/tenantq/sqlcheck"
)

// runRLS is "tenantvet rls": it writes the row-level security migration for the policy of
// tenantq.yaml into the project's migrations directory, in the layout it finds there.
func runRLS(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("tenantvet rls", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var overrides config.Overrides
	overrides.RegisterFlags(fset)
	out := fset.String("dir", "", "the migrations `directory` to write into (default: the last directory that tenantq.yaml's schema lists)")
	name := fset.String("name", "tenantq_rls", "the migration's `name`")
	print := fset.Bool("print", false, "print the up and down SQL instead of writing files")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: tenantvet rls [flags] [DIR]\n\nWrites row-level security for the policy of tenantq.yaml (found from DIR, default .) as a\nmigration in the layout of the project's migrations directory: ENABLE and FORCE ROW LEVEL\nSECURITY and a policy on every tenant, owned-through and reached-through table, shared\ntenants read-only, global tables untouched, and the role Unscoped statements run as.\nExit status: 0 written, 2 usage, config, schema or I/O error.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	dir, code, ok := parseDir(fset, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "tenantvet rls: %v\n", err)
		return exitError
	}
	cfg, _, err := config.NewLoader(overrides).Load(dir)
	if err != nil {
		return fail(err)
	}
	if len(cfg.Schema) == 0 {
		return fail(fmt.Errorf("%s names no schema: row-level security is written per table; add \"schema: <migrations directory>\" to it", configName(cfg)))
	}
	policy, err := cfg.Policy()
	if err != nil {
		return fail(err)
	}
	m, err := rls.Generate(*policy)
	if err != nil {
		return fail(err)
	}
	if *print {
		fmt.Fprintf(stdout, "-- up\n%s\n-- down\n%s", m.Up, m.Down)
		return exitClean
	}
	target := *out
	if target == "" {
		for _, s := range slices.Backward(cfg.Schema) {
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				target = s
				break
			}
		}
	}
	if target == "" {
		return fail(fmt.Errorf("the schema tenantq.yaml lists is no migrations directory: pass -dir to say where to write the migration, or -print"))
	}
	nm, err := config.MigrationIn(target, *name, m.Up, m.Down, time.Now())
	if err != nil {
		return fail(err)
	}
	for _, f := range nm.Files {
		if _, err := os.Stat(f.Path); err == nil {
			return fail(fmt.Errorf("%s exists already", f.Path))
		}
	}
	for _, f := range nm.Files {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(f.Path, []byte(f.Content), 0o644); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "wrote %s\n", shown(f.Path))
	}
	counts := map[sqlcheck.TableKind]int{}
	for _, t := range m.Tables {
		counts[t.Kind]++
	}
	fmt.Fprintf(stdout, "%s migration: row-level security on %s (%d tenant, %d owned-through, %d reached-through); %s left alone\n",
		nm.Layout, plural(len(m.Tables), "table"), counts[sqlcheck.TenantTable], counts[sqlcheck.OwnedThroughTable], counts[sqlcheck.ReachedThroughTable], plural(len(m.Global), "global table"))
	if nm.Note != "" {
		fmt.Fprintf(stdout, "then %s\n", nm.Note)
	}
	if cfg.RowLevelSecurity == nil {
		fmt.Fprintf(stdout, "next: add \"row_level_security: true\" to %s, so that tenantq's runners and guard tell the database each statement's tenant; until then these policies show no tenant rows\n", shown(cfg.Path))
	}
	fmt.Fprintln(stdout, "the application must not connect as a superuser or a BYPASSRLS role: row-level security never holds those")
	return exitClean
}

// shown is path as a message shows it: relative to the working directory when it is below it.
func shown(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return path
}

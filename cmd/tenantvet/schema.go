package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// runSchema is "tenantvet schema": the schema audit. It prints what the policy makes of every
// table of the configured schema, and the schema's problems with the migration that fixes each.
func runSchema(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("tenantvet schema", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var overrides config.Overrides
	overrides.RegisterFlags(fset)
	jsonOut := fset.Bool("json", false, "print the tables and findings as JSON")
	databaseURL := fset.String("database-url", "", "audit the tables of the running PostgreSQL at `URL` (those of the search path tenantq.yaml names), instead of the schema tenantq.yaml names")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: tenantvet schema [flags] [DIR]\n\nAudits the schema tenantq.yaml names (found from DIR, default .), or with -database-url the\ntables of a running PostgreSQL, under its policy: every table's kind and how it reaches a\ntenant, foreign keys that can point into another tenant, unique keys that span tenants, and\ntables with no owner that look tenant-owned, each with its migration.\nExit status: 0 no findings, 1 findings, 2 usage, config or I/O error.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	dir, code, ok := parseDir(fset, args)
	if !ok {
		return code
	}
	cfg, checker, err := config.NewLoader(overrides).Load(dir)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet schema: %v\n", err)
		return exitError
	}
	if *databaseURL != "" {
		if checker, err = catalogChecker(cfg, *databaseURL); err != nil {
			fmt.Fprintf(stderr, "tenantvet schema: %v\n", err)
			return exitError
		}
	} else if len(cfg.Schema) == 0 {
		fmt.Fprintf(stderr, "tenantvet schema: %s names no schema: add \"schema: <file or migrations directory>\" to it, or pass -database-url\n", configName(cfg))
		return exitError
	}
	tables, findings := checker.Audit()
	if *jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Tables   []sqlcheck.TableReport   `json:"tables"`
			Findings []sqlcheck.SchemaFinding `json:"findings"`
		}{tables, findings}); err != nil {
			fmt.Fprintf(stderr, "tenantvet schema: %v\n", err)
			return exitError
		}
	} else {
		printAudit(stdout, tables, findings)
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return exitClean
}

// printAudit writes the audit as text: the tables by kind, then each finding with its fix.
func printAudit(w io.Writer, tables []sqlcheck.TableReport, findings []sqlcheck.SchemaFinding) {
	width := 0
	counts := map[sqlcheck.TableKind]int{}
	for _, t := range tables {
		width = max(width, len(t.Table))
		counts[t.Kind]++
	}
	fmt.Fprintf(w, "%s: %d tenant, %d owned-through, %d reached-through, %d global", plural(len(tables), "table"),
		counts[sqlcheck.TenantTable], counts[sqlcheck.OwnedThroughTable], counts[sqlcheck.ReachedThroughTable], counts[sqlcheck.GlobalTable])
	if n := counts[sqlcheck.UnownedTable]; n > 0 {
		fmt.Fprintf(w, ", %d unowned (refused until tenantq.yaml or the schema says what they are)", n)
	}
	fmt.Fprintln(w)
	for _, t := range tables {
		what := string(t.Kind)
		switch {
		case t.TenantColumn != "":
			what += " (" + t.TenantColumn + ")"
		case t.Path != "":
			what += ": " + t.Path
		}
		if t.Declared {
			what += ", as tenantq.yaml says"
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, t.Table, what)
	}
	if len(findings) == 0 {
		fmt.Fprintln(w, "no schema findings")
		return
	}
	fmt.Fprintf(w, "\n%s:\n", plural(len(findings), "schema finding"))
	for _, f := range findings {
		where := ""
		if f.Where != "" {
			where = " (" + f.Where + ")"
		}
		fmt.Fprintf(w, "\n%s: %s%s: %s\n  fix:\n    %s\n", f.Table, f.Kind, where, f.Message, strings.ReplaceAll(f.Fix, "\n", "\n    "))
	}
}

// configName names the configuration file in messages: its path, or tenantq.yaml when the
// defaults are in use.
func configName(cfg *config.Config) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	return config.FileName
}

// parseDir parses the flags of a subcommand that takes at most one argument, a directory
// (default "."). When it returns false, the subcommand ends with code: 0 after -h, 2 for a
// bad flag or too many arguments (the usage printed).
func parseDir(fset *flag.FlagSet, args []string) (dir string, code int, ok bool) {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", exitClean, false
		}
		return "", exitError, false
	}
	switch fset.NArg() {
	case 0:
		return ".", 0, true
	case 1:
		return fset.Arg(0), 0, true
	}
	fset.Usage()
	return "", exitError, false
}

// Command tenantvet finds SQL that can leak one tenant's rows to another.
//
// Usage:
//
//	tenantvet [flags] PACKAGE...        check Go packages, e.g. ./...
//	tenantvet sql [flags] PATH... | -   check .sql files
//	tenantvet init -schema PATH [DIR]   propose tenantq.yaml from a schema
//	tenantvet schema [flags] [DIR]      audit the schema tenantq.yaml names
//	tenantvet hook install [-force]     install a git pre-commit hook
//
// "tenantvet ./..." runs the tenantvet analyzer (package analyzer) on Go packages: it checks the
// SQL passed to database/sql, pgx, sqlx, gorm, bun, DBTX-style interfaces and wrappers of
// them. It runs the analyzer through go vet, with this binary as the vet tool, so packages are
// checked in parallel and unchanged ones come from go vet's cache; the binary also runs under go
// vet directly:
//
//	go vet -vettool="$(go env GOPATH)/bin/tenantvet" ./...
//
// Findings print as text on standard error, or with -format json or sarif on standard output;
// -baseline and -write-baseline let a code base with findings adopt it.
//
// "tenantvet sql" checks .sql files (directories recurse), including sqlc query files, against
// the tenancy contract (docs/contract.md).
//
// Both exit 0 when clean, 1 when there are findings, and 2 on a usage, config, I/O or compile
// error (under go vet, go vet sets the status: 1 for findings and errors alike). Both read
// tenantq.yaml from the package's (or the working) directory or its parents.
package main

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/tenantq/tenantq/analyzer"
)

func main() {
	args := os.Args[1:]
	if isVersionQuery(args) {
		if err := printVersion(os.Stdout, "."); err != nil {
			fmt.Fprintf(os.Stderr, "tenantvet: %v\n", err)
			os.Exit(exitError)
		}
		return
	}
	if isVetInvocation(args) {
		singlechecker.Main(analyzer.Analyzer)
		return
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// usage is printed for "tenantvet" and "tenantvet help".
const usage = `tenantvet finds SQL that can leak one tenant's rows to another.

Usage:
  tenantvet [flags] PACKAGE...          check Go packages, e.g. ./... (run "tenantvet -h" for flags)
  tenantvet sql [flags] PATH... | -     check .sql files (run "tenantvet sql -h" for flags)
  tenantvet init -schema PATH [DIR]     propose tenantq.yaml from a schema, and check the queries with it
  tenantvet schema [flags] [DIR]        audit the schema tenantq.yaml names: table kinds, keys that cross tenants
  tenantvet rls [flags] [DIR]           write row-level security for the policy as a migration
  tenantvet hook install [-force]       install a git pre-commit hook checking staged changes
  go vet -vettool="$(go env GOPATH)/bin/tenantvet" PACKAGE...
`

// run runs a subcommand and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "sql":
		return runSQL(args[1:], stdin, stdout, stderr)
	case "hook":
		return runHook(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "rls":
		return runRLS(args[1:], stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitClean
	}
	return runGo(args, stdout, stderr)
}

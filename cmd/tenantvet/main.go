// Command tenantvet finds SQL that can leak one tenant's rows to another.
//
// Usage:
//
//	tenantvet sql [flags] PATH... | -
//
// "tenantvet sql" checks .sql files (directories recurse), including sqlc query files, against
// the tenancy contract (docs/contract.md). It reads tenantq.yaml from the working directory or
// its parents. It exits 0 when clean, 1 when there are findings, 2 on a usage, config or I/O error.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "sql" {
		return runSQL(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "tenantvet: checking Go packages (%s) needs the Go analyzer, which is not built yet; check .sql files with \"tenantvet sql\"\n\n", strings.Join(args, " "))
	}
	fmt.Fprint(stderr, `tenantvet finds SQL that can leak one tenant's rows to another.

Usage:
  tenantvet sql [flags] PATH... | -    check .sql files (run "tenantvet sql -h" for flags)
`)
	return 2
}

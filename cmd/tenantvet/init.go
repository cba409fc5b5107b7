package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tenantq/tenantq/config"
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
	force := fset.Bool("force", false, "overwrite an existing tenantq.yaml")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: tenantvet init -schema PATH [-schema PATH ...] [-force] [DIR]\n\nReads the schema, proposes DIR/tenantq.yaml (default DIR .) with a comment on every choice,\nwrites it, and checks the .sql files under DIR with it.\nExit status: 0 written, 2 usage, schema or I/O error.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	dir := "."
	if fset.NArg() == 1 {
		dir = fset.Arg(0)
	} else if fset.NArg() > 1 || len(schemas) == 0 {
		fset.Usage()
		return exitError
	}
	out := filepath.Join(dir, config.FileName)
	if _, err := os.Stat(out); err == nil && !*force {
		fmt.Fprintf(stderr, "tenantvet init: %s exists; pass -force to replace it\n", out)
		return exitError
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
	yaml := p.YAML(schemas)
	if _, err := config.Parse(out, yaml); err != nil {
		fmt.Fprintf(stderr, "tenantvet init: the proposal does not read back (a bug; please report it): %v\n", err)
		return exitError
	}
	if err := os.WriteFile(out, yaml, 0o644); err != nil {
		fmt.Fprintf(stderr, "tenantvet init: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s: tenant columns %s, %s, %d owners proposed, %d schema findings (tenantvet schema lists them)\n",
		out, strings.Join(p.TenantColumns, ", "), plural(len(p.Tables), "table"), len(p.Owners), len(p.Findings))

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

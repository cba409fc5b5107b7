package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// hookScript is the pre-commit hook "tenantvet hook install" writes. The work is done by
// "tenantvet hook run", so the script stays the same when tenantvet changes.
const hookScript = `#!/bin/sh
# Written by "tenantvet hook install": checks the Go packages and .sql files of the staged
# changes and blocks the commit on a finding. Skip it once with: git commit --no-verify
exec %s hook run
`

// runHook is "tenantvet hook install|run".
func runHook(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "install" && args[0] != "run") {
		fmt.Fprint(stderr, "Usage:\n  tenantvet hook install [-force]   write .git/hooks/pre-commit\n  tenantvet hook run                check the staged changes (what the hook runs)\n")
		return exitError
	}
	if args[0] == "run" {
		return hookRun(args[1:], stdout, stderr)
	}
	fset := flag.NewFlagSet("tenantvet hook install", flag.ContinueOnError)
	fset.SetOutput(stderr)
	force := fset.Bool("force", false, "replace an existing pre-commit hook")
	if err := fset.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	hooks, err := git("rev-parse", "--git-path", "hooks")
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet hook install: not in a git repository: %v\n", err)
		return exitError
	}
	path := filepath.Join(strings.TrimSpace(hooks), "pre-commit")
	if _, err := os.Stat(path); err == nil && !*force {
		fmt.Fprintf(stderr, "tenantvet hook install: %s exists; keep it and call \"tenantvet hook run\" from it, or replace it with -force\n", path)
		return exitError
	}
	self, note := hookBinary()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(stderr, "tenantvet hook install: %v\n", err)
		return exitError
	}
	if err := os.WriteFile(path, fmt.Appendf(nil, hookScript, shellQuote(self)), 0o755); err != nil {
		fmt.Fprintf(stderr, "tenantvet hook install: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stderr, "tenantvet hook install: wrote %s, which runs %s\n", path, self)
	if note != "" {
		fmt.Fprintf(stderr, "tenantvet hook install: %s\n", note)
	}
	return exitClean
}

// hookBinary returns the tenantvet the hook runs: this binary, unless it is a temporary one
// from "go run", in which case the one on PATH.
func hookBinary() (path, note string) {
	self, err := os.Executable()
	if err == nil {
		self, err = filepath.EvalSymlinks(self)
	}
	if err != nil || strings.Contains(self, string(filepath.Separator)+"go-build") {
		return "tenantvet", "this tenantvet is a temporary build (go run); the hook runs the tenantvet on PATH: go install github.com/tenantq/tenantq/cmd/tenantvet@latest"
	}
	return self, ""
}

// hookRun checks the staged Go packages and .sql files, as they are in the working tree.
func hookRun(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "tenantvet hook run: unexpected arguments %q\n", args)
		return exitError
	}
	out, err := git("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z")
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet hook run: %v\n", err)
		return exitError
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet hook run: %v\n", err)
		return exitError
	}
	root := strings.TrimSpace(top)
	var sqlFiles []string
	pkgs := map[string][]string{} // module directory: package patterns relative to it
	var modules []string
	for _, name := range strings.Split(out, "\x00") {
		if name == "" {
			continue
		}
		path := filepath.Join(root, filepath.FromSlash(name))
		switch {
		case strings.HasSuffix(name, ".sql"):
			sqlFiles = append(sqlFiles, path)
		case strings.HasSuffix(name, ".go") && !strings.Contains("/"+name, "/testdata/"):
			mod := moduleDir(filepath.Dir(path), root)
			if mod == "" {
				continue // not in a Go module
			}
			rel, err := filepath.Rel(mod, filepath.Dir(path))
			if err != nil {
				continue
			}
			pattern := "./" + filepath.ToSlash(rel)
			if !slices.Contains(modules, mod) {
				modules = append(modules, mod)
			}
			if !slices.Contains(pkgs[mod], pattern) {
				pkgs[mod] = append(pkgs[mod], pattern)
			}
		}
	}
	// Each module is checked on its own, as go -C does: a nested module is not part of ./...
	code := exitClean
	for _, mod := range modules {
		code = max(code, runGo(append([]string{"-C", mod}, pkgs[mod]...), stdout, stderr))
	}
	if len(sqlFiles) > 0 {
		code = max(code, runSQL(sqlFiles, strings.NewReader(""), stdout, stderr))
	}
	switch code {
	case exitFindings:
		fmt.Fprint(stderr, "tenantvet: commit blocked. Fix the findings, or exempt a statement with a reason (//tenantvet:ignore <reason> in Go, -- tenantvet:ignore <reason> in SQL); git commit --no-verify skips the check once.\n")
	case exitError:
		fmt.Fprint(stderr, "tenantvet: commit blocked: the staged changes could not be checked (see above). Fix that, or skip the check once with git commit --no-verify.\n")
	}
	return code
}

// moduleDir returns the directory of the go.mod governing dir, searching up to root, or "".
func moduleDir(dir, root string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if d == root || filepath.Dir(d) == d || !strings.HasPrefix(d, root) {
			return ""
		}
	}
}

// git runs git and returns its standard output.
func git(args ...string) (string, error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command("git", args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if errOut.Len() > 0 {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(errOut.String()))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return out.String(), nil
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

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
	"strconv"
	"strings"

	"github.com/tenantq/tenantq/internal/report"
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
		fmt.Fprint(stderr, "Usage:\n  tenantvet hook install [-force]   write .git/hooks/pre-commit\n  tenantvet hook run [flags]        check the staged changes (what the hook runs); flags: -json, -format, -baseline\n")
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
	hooks, err := git("", "rev-parse", "--git-path", "hooks")
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

// hookRun checks the staged Go packages and .sql files as they are staged, which is what the
// commit records: a working copy fixed after "git add" does not let an unsafe staged version
// through, and unstaged or untracked changes do not block a safe commit. .sql files are read
// from the index; the packages of staged Go files are checked with each of their files as
// staged, through go vet's -overlay (the packages they import are read from the working tree).
func hookRun(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("tenantvet hook run", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var outFlags outputFlags
	outFlags.register(fset)
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "tenantvet hook run: unexpected arguments %q\n", fset.Args())
		return exitError
	}
	if err := outFlags.check(); err != nil {
		fmt.Fprintf(stderr, "tenantvet hook run: %v\n", err)
		return exitError
	}
	// Outside a repository, git diff would print its usage; say what is wrong instead.
	top, err := git("", "rev-parse", "--show-toplevel")
	if err != nil {
		fmt.Fprint(stderr, "tenantvet hook run: not in a git repository: it checks the changes staged for a commit; run it in a repository, as the pre-commit hook does\n")
		return exitError
	}
	root := strings.TrimSpace(top)
	out, err := git(root, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z")
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet hook run: %v\n", err)
		return exitError
	}
	var sqlFiles []string
	pkgs := map[string][]string{} // module directory: package patterns relative to it
	var modules, pkgDirs []string
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
				pkgDirs = append(pkgDirs, filepath.Dir(path))
			}
		}
	}
	// The Go and .sql findings are printed together, once, in one shape.
	var all collected
	code := exitClean
	if len(modules) > 0 {
		overlay, cleanup, err := stagedOverlay(root, pkgDirs)
		defer cleanup()
		if err != nil {
			fmt.Fprintf(stderr, "tenantvet hook run: %v\n", err)
			return exitError
		}
		// Each module is checked on its own, as go -C does: a nested module is not part of ./...
		for _, mod := range modules {
			code = max(code, runGoWith(append([]string{"-C", mod}, pkgs[mod]...), runOptions{overlay: overlay, into: &all}, stdout, stderr))
		}
	}
	if len(sqlFiles) > 0 {
		staged := func(path string) ([]byte, error) {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return nil, err
			}
			data, err := git(root, "cat-file", "blob", ":"+filepath.ToSlash(rel))
			return []byte(data), err
		}
		code = max(code, runSQLWith(sqlFiles, runOptions{read: staged, into: &all}, strings.NewReader(""), stdout, stderr))
	}
	if code != exitError {
		code = outFlags.emit(stdout, stderr, "tenantvet hook run", report.Sort(all.findings), all.checked)
		if all.exempted > 0 && outFlags.writeBaseline == "" && code != exitError {
			fmt.Fprintf(stderr, "tenantvet hook run: %s exempted by tenantvet:ignore directives\n", plural(all.exempted, "finding"))
		}
	}
	switch code {
	case exitFindings:
		fmt.Fprint(stderr, "tenantvet: commit blocked. Fix the findings, or exempt a statement with a reason (//tenantvet:ignore <reason> in Go, -- tenantvet:ignore <reason> in SQL); git commit --no-verify skips the check once.\n")
	case exitError:
		fmt.Fprint(stderr, "tenantvet: commit blocked: the staged changes could not be checked (see above). Fix that, or skip the check once with git commit --no-verify.\n")
	}
	return code
}

// stagedOverlay returns go's -overlay for the package directories dirs (absolute, under the
// repository root): each .go file of the index in them is replaced by its staged content,
// written to a temporary directory, and each .go file of the working tree that is not in the
// index (untracked, not ignored) is removed. cleanup removes the temporary directory.
func stagedOverlay(root string, dirs []string) (overlay map[string]string, cleanup func(), err error) {
	cleanup = func() {}
	tmp, err := os.MkdirTemp("", "tenantvet-staged-")
	if err != nil {
		return nil, cleanup, fmt.Errorf("staged content: %w", err)
	}
	cleanup = func() { os.RemoveAll(tmp) }
	overlay = make(map[string]string)
	inDirs := func(path string) bool {
		return strings.HasSuffix(path, ".go") && slices.Contains(dirs, filepath.Dir(path))
	}
	var rels []string
	for _, d := range dirs {
		rel, err := filepath.Rel(root, d)
		if err != nil {
			return nil, cleanup, err
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	// Staged files: "mode object stage\tpath" for each entry of the index.
	out, err := git(root, append([]string{"ls-files", "--stage", "-z", "--"}, rels...)...)
	if err != nil {
		return nil, cleanup, err
	}
	for _, entry := range strings.Split(out, "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 {
			continue
		}
		path := filepath.Join(root, filepath.FromSlash(name))
		if !inDirs(path) {
			continue
		}
		data, err := git(root, "cat-file", "blob", fields[1])
		if err != nil {
			return nil, cleanup, err
		}
		repl := filepath.Join(tmp, strconv.Itoa(len(overlay))+"_"+filepath.Base(path))
		if err := os.WriteFile(repl, []byte(data), 0o644); err != nil {
			return nil, cleanup, fmt.Errorf("staged content: %w", err)
		}
		overlay[path] = repl
	}
	// Untracked files are not part of the commit.
	out, err = git(root, append([]string{"ls-files", "--others", "--exclude-standard", "-z", "--"}, rels...)...)
	if err != nil {
		return nil, cleanup, err
	}
	for _, name := range strings.Split(out, "\x00") {
		if path := filepath.Join(root, filepath.FromSlash(name)); name != "" && inDirs(path) {
			overlay[path] = ""
		}
	}
	return overlay, cleanup, nil
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

// git runs git in dir ("" for the working directory) and returns its standard output.
func git(dir string, args ...string) (string, error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
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

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/report"
)

// gitRepo makes a git repository of the e2e module (without its broken package) with the
// pre-commit hook installed, and returns it with a function running a command in it.
func gitRepo(t *testing.T) (dir string, run func(name string, args ...string) (int, string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir, _ = e2eModule(t)
	bin, _ := binary()
	run = func(name string, args ...string) (int, string) {
		t.Helper()
		if name == "tenantvet" {
			name = bin
		}
		code, stdout, stderr := command(t, dir, name, args...)
		return code, stdout + stderr
	}
	for _, args := range [][]string{{"init", "-q"}, {"config", "user.email", "t@example.com"}, {"config", "user.name", "t"}} {
		if code, out := run("git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	if code, out := run("tenantvet", "hook", "install"); code != exitClean {
		t.Fatalf("hook install: exit code %d: %s", code, out)
	}
	run("git", "add", "go.mod", "tenantq.yaml", "store")
	if code, out := run("git", "commit", "-q", "-m", "store"); code != 0 {
		t.Fatalf("committing a safe package: exit code %d:\n%s", code, out)
	}
	return dir, run
}

// TestHookChecksStagedContent checks that the hook checks what is committed, the staged
// content, not the working copy: an unsafe staged version is refused though the working copy
// was fixed since, and a safe staged version passes though the working copy is unsafe.
func TestHookChecksStagedContent(t *testing.T) {
	t.Parallel()
	dir, run := gitRepo(t)
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const (
		unsafeSQL = "SELECT * FROM deals;\n"
		safeSQL   = "SELECT * FROM deals WHERE tenant_id = $1;\n"
		unsafeGo  = "package report\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB) { db.Exec(\"DELETE FROM notes\") }\n"
		safeGo    = "package report\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB, t int64) { db.Exec(\"DELETE FROM notes WHERE tenant_id = $1\", t) }\n"
	)
	tests := []struct {
		name, file, staged, working, want string
	}{
		{"unsafe .sql staged, working copy fixed", "report.sql", unsafeSQL, safeSQL, "report.sql:1:15: unpinned"},
		{"unsafe Go staged, working copy fixed", "report/report.go", unsafeGo, safeGo, "report/report.go:5:43: unpinned"},
		{"safe .sql staged, working copy unsafe", "report.sql", safeSQL, unsafeSQL, ""},
		{"safe Go staged, working copy unsafe", "report/report.go", safeGo, unsafeGo, ""},
	}
	// One after the other: they share the repository.
	for _, tc := range tests {
		write(tc.file, tc.staged)
		run("git", "add", tc.file)
		write(tc.file, tc.working)
		code, out := run("git", "commit", "-q", "-m", tc.name)
		switch {
		case tc.want != "" && (code == 0 || !strings.Contains(out, tc.want) || !strings.Contains(out, "commit blocked")):
			t.Errorf("%s: git commit exit code %d, output:\n%s\nwant the commit blocked on %q", tc.name, code, out, tc.want)
		case tc.want == "" && code != 0:
			t.Errorf("%s: git commit exit code %d, output:\n%s\nwant the staged (safe) version committed", tc.name, code, out)
		}
		// Start the next case from a clean index and working copy.
		run("git", "reset", "-q", "--hard")
		run("git", "clean", "-q", "-f", "-d")
	}
	// An untracked unsafe file beside a staged safe one is not part of the commit.
	write("report/more.go", "package report\n\nfunc H() {}\n")
	write("report/extra.go", "package report\n\nimport \"database/sql\"\n\nfunc G(db *sql.DB) { db.Exec(\"DELETE FROM deals\") }\n")
	run("git", "add", "report/more.go")
	if code, out := run("git", "commit", "-q", "-m", "untracked"); code != 0 {
		t.Errorf("a staged safe file beside an untracked unsafe one: git commit exit code %d, output:\n%s\nwant it committed", code, out)
	}
}

// TestHookRunOutsideGit checks that "tenantvet hook run" outside a git repository says so,
// instead of printing git's usage.
func TestHookRunOutsideGit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(bin, "hook", "run")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir), "GIT_DIR=", "GIT_WORK_TREE=")
	out, err := cmd.CombinedOutput()
	code := cmd.ProcessState.ExitCode()
	if code != exitError || !strings.Contains(string(out), "not in a git repository") || strings.Contains(string(out), "usage:") || strings.Count(string(out), "\n") > 2 {
		t.Errorf("hook run outside git: exit code %d (%v), output:\n%s\nwant %d and one clear line", code, err, out, exitError)
	}
}

// TestOutputsShareOneShape checks that tenantvet on Go packages, tenantvet sql and the hook
// print findings in one JSON shape: the same keys, paths relative to the working directory,
// message and hint apart; and that the hook prints its Go and .sql findings as one list,
// exactly those the two modes print on their own.
func TestOutputsShareOneShape(t *testing.T) {
	t.Parallel()
	dir, run := gitRepo(t)
	if err := os.WriteFile(filepath.Join(dir, "report.sql"), []byte("SELECT * FROM deals;\nDELETE FROM notes WHERE id = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("git", "add", "app", "report.sql")

	data, err := json.Marshal(report.Finding{})
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(data, &keys); err != nil {
		t.Fatal(err)
	}
	decode := func(what string, args ...string) []map[string]any {
		t.Helper()
		bin, _ := binary()
		code, stdout, stderr := command(t, dir, bin, args...)
		if code != exitFindings {
			t.Fatalf("%s: exit code %d, stderr %s; want %d", what, code, stderr, exitFindings)
		}
		var out []map[string]any
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatalf("%s: stdout is not one JSON list: %v\n%s", what, err, stdout)
		}
		for _, f := range out {
			for k := range keys {
				if _, ok := f[k]; !ok {
					t.Errorf("%s: finding %v lacks key %q", what, f, k)
				}
			}
			if len(f) != len(keys) {
				t.Errorf("%s: finding %v has %d keys, want %d", what, f, len(f), len(keys))
			}
			file, _ := f["file"].(string)
			if filepath.IsAbs(file) || strings.HasPrefix(file, "..") {
				t.Errorf("%s: file %q, want a path relative to the working directory", what, file)
			}
			if msg, _ := f["message"].(string); f["hint"] != "" && strings.Contains(msg, f["hint"].(string)) {
				t.Errorf("%s: the message %q holds the hint", what, msg)
			}
		}
		return out
	}
	goOut := decode("tenantvet -json", "-json", "./app")
	sqlOut := decode("tenantvet sql -json", "sql", "-json", "report.sql")
	hookOut := decode("tenantvet hook run -json", "hook", "run", "-json")
	if len(goOut) == 0 || len(sqlOut) != 2 {
		t.Fatalf("Go findings %v, .sql findings %v; want some and 2", goOut, sqlOut)
	}
	want, _ := json.Marshal(append(goOut, sqlOut...))
	got, _ := json.Marshal(hookOut)
	if string(got) != string(want) {
		t.Errorf("hook run -json =\n%s\nwant the Go findings, then the .sql ones:\n%s", got, want)
	}
}

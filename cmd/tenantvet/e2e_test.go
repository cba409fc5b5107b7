package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"

	"github.com/tenantq/tenantq/internal/report"
)

// binary builds tenantvet once for the end-to-end tests and returns its path.
var binary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "tenantvet-e2e-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "tenantvet")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", &buildError{out: out, err: err}
	}
	return bin, nil
})

type buildError struct {
	out []byte
	err error
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + string(e.out) }

// e2eModule unpacks testdata/e2e.txtar into a temporary directory and returns it with the
// expected output.
func e2eModule(t *testing.T) (dir, want string) {
	t.Helper()
	if _, err := binary(); err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("testdata/e2e.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for _, f := range ar.Files {
		if f.Name == "want.txt" {
			want = string(f.Data)
			continue
		}
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, want
}

// command runs name with args in dir and returns its exit code and output.
func command(t *testing.T, dir, name string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return code, out.String(), errOut.String()
}

func TestEndToEndStandalone(t *testing.T) {
	t.Parallel()
	dir, want := e2eModule(t)
	bin, _ := binary()

	code, stdout, stderr := command(t, dir, bin, "./app", "./store")
	if code != exitFindings {
		t.Errorf("tenantvet ./app ./store: exit code %d, want %d\n%s", code, exitFindings, stderr)
	}
	if stdout != "" {
		t.Errorf("tenantvet ./app ./store: stdout = %q, want nothing in text mode", stdout)
	}
	if stderr != want {
		t.Errorf("tenantvet ./app ./store: stderr =\n%s\nwant\n%s", stderr, want)
	}

	if code, _, stderr := command(t, dir, bin, "./store"); code != exitClean || stderr != "" {
		t.Errorf("tenantvet ./store: exit code %d, stderr %q; want 0 and nothing", code, stderr)
	}

	code, _, stderr = command(t, dir, bin, "./...")
	if code != exitError {
		t.Errorf("tenantvet ./... with a broken package: exit code %d, want %d", code, exitError)
	}
	if !strings.Contains(stderr, "undefined: undefined") {
		t.Errorf("tenantvet ./... with a broken package: stderr %q does not name the compile error", stderr)
	}
}

func TestEndToEndJSON(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()
	code, stdout, stderr := command(t, dir, bin, "-json", "./app")
	if code != exitFindings {
		t.Errorf("tenantvet -json ./app: exit code %d, want %d\n%s", code, exitFindings, stderr)
	}
	var findings []report.Finding
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("tenantvet -json: %v\n%s", err, stdout)
	}
	var got []string
	for _, f := range findings {
		// Paths relative to the working directory, as tenantvet sql's JSON has them.
		got = append(got, strings.Join([]string{filepath.ToSlash(f.File), strconv.Itoa(f.Line), strconv.Itoa(f.Column), f.Rule, f.Package}, ":"))
		if !strings.HasSuffix(f.URL, "#"+f.Rule) {
			t.Errorf("finding %+v: url %q does not point at its rule", f, f.URL)
		}
	}
	// message and hint apart, as in tenantvet sql's JSON.
	if len(findings) > 0 && (findings[0].Message != `table "deals" has no tenant predicate` || findings[0].Hint != `add "tenant_id = $2" to the WHERE clause`) {
		t.Errorf("first finding message %q, hint %q; want them apart", findings[0].Message, findings[0].Hint)
	}
	want := []string{
		"app/app.go:12:30:unpinned:example.com/e2e/app",
		"app/app.go:13:10:bypass:example.com/e2e/app",
		"app/app.go:17:2:ignore:example.com/e2e/app",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tenantvet -json findings = %q, want %q", got, want)
	}
}

func TestEndToEndGoVet(t *testing.T) {
	t.Parallel()
	dir, want := e2eModule(t)
	bin, _ := binary()
	code, _, stderr := command(t, dir, "go", "vet", "-vettool="+bin, "./app", "./store")
	if code != 1 {
		t.Errorf("go vet -vettool: exit code %d, want 1 (go vet's status for findings)\n%s", code, stderr)
	}
	// go vet prints "# package" headers and paths relative to the module, like tenantvet.
	for line := range strings.Lines(want) {
		if !strings.Contains(stderr, line) {
			t.Errorf("go vet -vettool: stderr does not contain %q:\n%s", line, stderr)
		}
	}
	if code, _, stderr := command(t, dir, "go", "vet", "-vettool="+bin, "./store"); code != 0 {
		t.Errorf("go vet -vettool ./store: exit code %d, want 0\n%s", code, stderr)
	}
}

// TestProjectIsClean runs tenantvet on this repository, as make lint does: the project's own
// SQL is checked like a user's. The examples, which hold deliberate findings, are a module of
// their own, outside ./...
func TestProjectIsClean(t *testing.T) {
	if testing.Short() {
		t.Skip("checks the whole module; skipped with -short")
	}
	t.Parallel()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := command(t, "../..", bin, "./..."); code != exitClean {
		t.Errorf("tenantvet on the project: exit code %d, want 0\n%s", code, stderr)
	}
}

// TestEndToEndConfig checks that flags override tenantq.yaml and that a bad configuration is
// an error naming the file and line, not a clean run.
func TestEndToEndConfig(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()

	// deals and notes global: only the directive without a reason is left.
	code, _, stderr := command(t, dir, bin, "-global", "deals,notes", "./app")
	if code != exitFindings || strings.Contains(stderr, "unpinned") || !strings.Contains(stderr, "ignore: ") {
		t.Errorf("tenantvet -global deals,notes ./app: exit code %d, stderr:\n%s\nwant 1 and only the ignore finding", code, stderr)
	}

	// A -config relative to the working directory, replacing the module's tenantq.yaml.
	if err := os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("tenant_columns: [org_id]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = command(t, dir, bin, "-config", "other.yaml", "./app")
	if code != exitFindings || !strings.Contains(stderr, `add "org_id = $2"`) {
		t.Errorf("tenantvet -config other.yaml ./app: exit code %d, stderr:\n%s\nwant a hint naming org_id", code, stderr)
	}

	if err := os.WriteFile(filepath.Join(dir, "tenantq.yaml"), []byte("global_tables: [plans]\ntenant_column: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = command(t, dir, bin, "./app")
	if code != exitError || !strings.Contains(stderr, `tenantq.yaml:2: unknown key "tenant_column"`) {
		t.Errorf("tenantvet with a bad tenantq.yaml: exit code %d, stderr:\n%s\nwant %d and the file, line and key", code, stderr, exitError)
	}
}

func TestEndToEndSARIF(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()
	code, stdout, stderr := command(t, dir, bin, "-format", "sarif", "./app")
	if code != exitFindings {
		t.Errorf("tenantvet -format sarif: exit code %d, want %d\n%s", code, exitFindings, stderr)
	}
	got := checkSARIF(t, stdout)
	want := []string{"app/app.go:12:30:unpinned", "app/app.go:13:10:bypass", "app/app.go:17:2:ignore"}
	if !slices.Equal(got, want) {
		t.Errorf("SARIF results = %q, want %q", got, want)
	}
}

// TestEndToEndBaseline adopts tenantvet on a module with findings: the baseline hides today's,
// moving code to another file keeps them hidden, a new one is reported, a fixed one is counted.
func TestEndToEndBaseline(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()
	baseline := filepath.Join(dir, "tenantvet-baseline.json")
	if code, _, stderr := command(t, dir, bin, "-write-baseline", baseline, "./app"); code != exitClean || !strings.Contains(stderr, "wrote 3 findings") {
		t.Fatalf("-write-baseline: exit code %d, stderr %q", code, stderr)
	}
	if code, _, stderr := command(t, dir, bin, "-baseline", baseline, "./app"); code != exitClean {
		t.Errorf("unchanged code: exit code %d, stderr %q; want 0", code, stderr)
	}
	src, err := os.ReadFile(filepath.Join(dir, "app/app.go"))
	if err != nil {
		t.Fatal(err)
	}
	// Move Run to another file of the package, lower down.
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app/app.go", "package app\n")
	write("app/run.go", strings.Replace(string(src), "func Run(", "// Run moved here.\n\nvar _ = 1\n\nfunc Run(", 1))
	if code, _, stderr := command(t, dir, bin, "-baseline", baseline, "./app"); code != exitClean || !strings.Contains(stderr, "3 findings in the baseline") {
		t.Errorf("moved code: exit code %d, stderr %q; want 0", code, stderr)
	}
	// A new finding: only it is reported.
	write("app/new.go", "package app\n\nimport \"database/sql\"\n\nfunc Purge(db *sql.DB) { db.Exec(\"DELETE FROM notes\") }\n")
	code, _, stderr := command(t, dir, bin, "-baseline", baseline, "./app")
	if code != exitFindings || !strings.Contains(stderr, "app/new.go:5:47: unpinned") || strings.Contains(stderr, "run.go:") {
		t.Errorf("a new finding: exit code %d, stderr:\n%s\nwant only new.go's", code, stderr)
	}
	// Fixing one baseline finding counts it as gone.
	fixed := strings.Replace(string(src), `"SELECT * FROM deals WHERE id = $1", 7`, `"SELECT * FROM deals WHERE tenant_id = $1 AND id = $2", tenant, 7`, 1)
	write("app/run.go", fixed)
	write("app/new.go", "package app\n")
	if code, _, stderr := command(t, dir, bin, "-baseline", baseline, "./app"); code != exitClean || !strings.Contains(stderr, "1 baseline entry gone (fixed)") {
		t.Errorf("a fixed finding: exit code %d, stderr %q; want 0 and one entry gone", code, stderr)
	}
}

// TestHook installs the pre-commit hook in a temporary git repository holding the e2e module:
// a commit with an unsafe change is blocked, a safe one goes through.
func TestHook(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir, _ := e2eModule(t)
	bin, _ := binary()
	run := func(name string, args ...string) (int, string) {
		t.Helper()
		code, stdout, stderr := command(t, dir, name, args...)
		return code, stdout + stderr
	}
	for _, args := range [][]string{{"init", "-q"}, {"config", "user.email", "t@example.com"}, {"config", "user.name", "t"}} {
		if code, out := run("git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	// The module's broken package stays out of the commits.
	if err := os.RemoveAll(filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	if code, out := run(bin, "hook", "install"); code != exitClean || !strings.Contains(out, "pre-commit") {
		t.Fatalf("hook install: exit code %d: %s", code, out)
	}
	if code, out := run(bin, "hook", "install"); code != exitError || !strings.Contains(out, "-force") {
		t.Errorf("hook install over an existing hook: exit code %d, %s; want %d and a word about -force", code, out, exitError)
	}
	if code, out := run(bin, "hook", "install", "-force"); code != exitClean {
		t.Errorf("hook install -force: exit code %d, %s", code, out)
	}

	// The store package alone is safe: the commit goes through.
	run("git", "add", "go.mod", "tenantq.yaml", "store")
	if code, out := run("git", "commit", "-q", "-m", "store"); code != 0 {
		t.Fatalf("committing a safe package: exit code %d, want 0:\n%s", code, out)
	}
	// The app package has findings: the commit is blocked and says why.
	run("git", "add", "app")
	code, out := run("git", "commit", "-q", "-m", "app")
	if code == 0 || !strings.Contains(out, "app/app.go:12:30: unpinned") || !strings.Contains(out, "commit blocked") {
		t.Errorf("committing an unsafe package: exit code %d, output:\n%s\nwant a blocked commit naming the finding", code, out)
	}
	// An unsafe .sql file is blocked too; a safe one is not.
	if err := os.WriteFile(filepath.Join(dir, "report.sql"), []byte("SELECT * FROM deals;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("git", "reset", "-q")
	run("git", "add", "report.sql")
	if code, out := run("git", "commit", "-q", "-m", "report"); code == 0 || !strings.Contains(out, "report.sql:1:15: unpinned") {
		t.Errorf("committing an unsafe .sql file: exit code %d, output:\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.sql"), []byte("SELECT * FROM deals WHERE tenant_id = $1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("git", "add", "report.sql")
	if code, out := run("git", "commit", "-q", "-m", "report"); code != 0 {
		t.Errorf("committing a safe .sql file: exit code %d, output:\n%s", code, out)
	}
	// A nested module is checked on its own: its findings block the commit too.
	for name, text := range map[string]string{
		"nested/go.mod": "module example.com/nested\n\ngo 1.26\n",
		"nested/n.go":   "package nested\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB) { db.Exec(\"DELETE FROM notes\") }\n",
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("git", "add", "nested")
	if code, out := run("git", "commit", "-q", "-m", "nested"); code == 0 || !strings.Contains(out, "nested/n.go:5:43: unpinned") {
		t.Errorf("committing an unsafe package of a nested module: exit code %d, output:\n%s", code, out)
	}
}

// TestPreCommitHooks runs each hook of .pre-commit-hooks.yaml the way pre-commit does, with the
// built binary: the entry, its args, and the matching files when pass_filenames is not false.
func TestPreCommitHooks(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Args          []string `yaml:"args"`
		Language      string   `yaml:"language"`
		Types         []string `yaml:"types"`
		Files         string   `yaml:"files"`
		PassFilenames *bool    `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, h := range hooks {
		ids[h.ID] = true
	}
	if !ids["tenantvet"] || !ids["tenantvet-sql"] {
		t.Fatalf("hooks %v, want tenantvet and tenantvet-sql", ids)
	}
	dir, _ := e2eModule(t)
	bin, _ := binary()
	if err := os.RemoveAll(filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.sql"), []byte("SELECT * FROM deals;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"tenantvet": "app/app.go:12:30: unpinned", "tenantvet-sql": "report.sql:1:15: unpinned"}
	staged := []string{"app/app.go", "store/store.go", "go.mod", "tenantq.yaml", "report.sql", "README.md"}
	for _, h := range hooks {
		if h.Language != "golang" {
			t.Errorf("hook %s: language %q, want golang", h.ID, h.Language)
		}
		// The files pre-commit would pass: those of the hook's type, or matching its pattern.
		var files []string
		for _, f := range staged {
			match := len(h.Types) == 1 && h.Types[0] == "sql" && strings.HasSuffix(f, ".sql")
			if h.Files != "" {
				match = regexp.MustCompile(h.Files).MatchString(f)
			}
			if match {
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			t.Errorf("hook %s runs on none of %q", h.ID, staged)
		}
		if h.ID == "tenantvet" && (!slices.Contains(files, "go.mod") || !slices.Contains(files, "tenantq.yaml") || slices.Contains(files, "README.md")) {
			t.Errorf("hook tenantvet runs on %q, want the Go files, go.mod and tenantq.yaml only", files)
		}
		argv := append(strings.Fields(h.Entry)[1:], h.Args...)
		if h.PassFilenames == nil || *h.PassFilenames {
			argv = append(argv, files...)
		}
		code, _, stderr := command(t, dir, bin, argv...)
		if code != exitFindings || !strings.Contains(stderr, want[h.ID]) {
			t.Errorf("hook %s (tenantvet %q): exit code %d, stderr:\n%s\nwant %d and %q", h.ID, argv, code, stderr, exitFindings, want[h.ID])
		}
	}
}

// TestEndToEndChdir checks -C: the module in another directory is checked, and the paths print
// relative to the working directory.
func TestEndToEndChdir(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()
	code, _, stderr := command(t, filepath.Dir(dir), bin, "-C", filepath.Base(dir), "./app")
	want := filepath.Join(filepath.Base(dir), "app", "app.go") + ":12:30: unpinned"
	if code != exitFindings || !strings.Contains(stderr, want) {
		t.Errorf("tenantvet -C %s ./app: exit code %d, stderr:\n%s\nwant %q", filepath.Base(dir), code, stderr, want)
	}
}

// TestEndToEndShowIgnored checks -show-ignored on Go code: the exempted finding is shown,
// marked with its reason, and does not count as a finding for the exit status or in JSON.
func TestEndToEndShowIgnored(t *testing.T) {
	t.Parallel()
	dir, _ := e2eModule(t)
	bin, _ := binary()
	quiet := "package quiet\n\nimport \"database/sql\"\n\nfunc Count(db *sql.DB) {\n\t//tenantvet:ignore admin report across tenants\n\tdb.Query(\"SELECT count(*) FROM deals\")\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "quiet"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "quiet", "quiet.go"), []byte(quiet), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := command(t, dir, bin, "-show-ignored", "./quiet")
	want := `quiet/quiet.go:7:33: ignored: unpinned: table "deals" has no tenant predicate; add "tenant_id = $1" to the WHERE clause (tenantvet:ignore admin report across tenants)` + "\n"
	if code != exitClean || stderr != want {
		t.Errorf("tenantvet -show-ignored ./quiet: exit code %d, stderr:\n%s\nwant %d and\n%s", code, stderr, exitClean, want)
	}
	code, stdout, stderr := command(t, dir, bin, "-show-ignored", "-json", "./quiet")
	var findings []report.Finding
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("tenantvet -show-ignored -json: %v\n%s", err, stdout)
	}
	if code != exitClean || len(findings) != 1 || findings[0].Ignored != "admin report across tenants" || findings[0].Message != `table "deals" has no tenant predicate` {
		t.Errorf("tenantvet -show-ignored -json ./quiet: exit code %d, findings %+v, stderr %s; want 0 and the exempted finding with its reason", code, findings, stderr)
	}
}

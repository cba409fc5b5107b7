package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
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
	var findings []goFinding
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("tenantvet -json: %v\n%s", err, stdout)
	}
	var got []string
	for _, f := range findings {
		rel, _ := filepath.Rel(dir, f.File)
		got = append(got, strings.Join([]string{filepath.ToSlash(rel), strconv.Itoa(f.Line), strconv.Itoa(f.Column), f.Rule, f.Package}, ":"))
		if !strings.HasSuffix(f.URL, "#"+f.Rule) {
			t.Errorf("finding %+v: url %q does not point at its rule", f, f.URL)
		}
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
// SQL is checked like a user's. The examples hold deliberate findings and are left out.
func TestProjectIsClean(t *testing.T) {
	if testing.Short() {
		t.Skip("checks the whole module; skipped with -short")
	}
	t.Parallel()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	_, list, _ := command(t, "../..", "go", "list", "./...")
	var pkgs []string
	for _, p := range strings.Fields(list) {
		if !strings.Contains(p, "/examples/") {
			pkgs = append(pkgs, p)
		}
	}
	if code, _, stderr := command(t, "../..", bin, pkgs...); code != exitClean {
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

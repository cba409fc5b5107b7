// Package saas_test checks the example's Makefile: what make demo builds, and what it says.
package saas_test

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestMakeDemoPlan reads the commands make demo would run (make -n) and checks that it builds
// tenantvet and the demo once each, in one go build (no go run, which builds as it runs and says
// nothing while it does), announced beforehand with what it builds and why, and that the
// programs then run from the built binaries.
func TestMakeDemoPlan(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	out, err := exec.Command("make", "-n", "demo").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n demo: %v\n%s", err, out)
	}
	plan := string(out)
	if strings.Contains(plan, "go run") {
		t.Errorf("make demo runs go run, which builds as it runs, silently:\n%s", plan)
	}
	// One line per command: continuation lines joined.
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(plan, "\\\n", " "), "\n"), "\n")
	buildLine := map[string]int{}
	for _, target := range []string{"/cmd/tenantvet", "/saas/cmd/demo"} {
		build := regexp.MustCompile(`\bgo build\b[^&;)]*` + regexp.QuoteMeta(target) + `\b`)
		var at []int
		for i, l := range lines {
			if !strings.HasPrefix(l, "echo") {
				for range build.FindAllString(l, -1) {
					at = append(at, i)
				}
			}
		}
		if len(at) != 1 {
			t.Errorf("make demo builds %s %d times, want once:\n%s", target, len(at), plan)
			continue
		}
		buildLine[target] = at[0]
		// The echo right before the build says what is built and why.
		if at[0] == 0 || !strings.HasPrefix(lines[at[0]-1], "echo") {
			t.Errorf("the build of %s is not announced:\n%s", target, plan)
		}
	}
	// One go build builds both, so the packages they share are compiled once: two go builds
	// at the same time would each compile them.
	if l := buildLine["/cmd/tenantvet"]; len(buildLine) == 2 && (l != buildLine["/saas/cmd/demo"] || strings.Count(lines[l], "go build") != 1) {
		t.Errorf("make demo builds tenantvet and the demo in two go build commands, want one:\n%s", plan)
	}
	for _, run := range []string{"/tenantvet -C examples ./saas/...", "/demo"} {
		if !strings.Contains(plan, run) {
			t.Errorf("make demo does not run the built binary %q:\n%s", run, plan)
		}
	}
}

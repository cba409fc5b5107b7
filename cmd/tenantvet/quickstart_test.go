package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuickStart runs the README's three adoption commands, as written there, on a project
// with goose migrations and a query that forgets its tenant: init proposes tenantq.yaml, the
// baseline adopts today's finding, and rls writes the row-level security migration beside the
// others. Then the check passes against the baseline, and fails on a new finding.
// It is not parallel: it changes directory, as a user would.
func TestQuickStart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "On your own code base, from the directory of your queries:\n\n```sh\n")
	if !ok {
		t.Fatal("README: the quick start's adoption commands are missing")
	}
	block, _, _ = strings.Cut(block, "```")
	var commands [][]string
	for line := range strings.Lines(block) {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] != "tenantvet" {
			t.Fatalf("README quick start: %q is not a tenantvet command", line)
		}
		commands = append(commands, f[1:])
	}
	if len(commands) != 3 || commands[0][0] != "init" || commands[2][0] != "rls" {
		t.Fatalf("README quick start = %q, want init, a check with a baseline, rls", commands)
	}

	dir := rlsProject(t, "")
	if err := os.Remove(filepath.Join(dir, "tenantq.yaml")); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("db/queries/orders.sql", "-- name: Order :one\nSELECT * FROM orders WHERE tenant_id = $1 AND id = $2;\n\n-- name: Lines :many\nSELECT * FROM line_items WHERE order_id = $1;\n")
	t.Chdir(dir)
	for _, c := range commands {
		var out, errb bytes.Buffer
		code := run(c, nil, &out, &errb)
		t.Logf("tenantvet %s:\n%s%s", strings.Join(c, " "), out.String(), errb.String())
		if code != exitClean {
			t.Fatalf("tenantvet %s = %d\n%s%s", strings.Join(c, " "), code, out.String(), errb.String())
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, "db", "migrations"))
	if err != nil || len(entries) != 3 || !strings.HasSuffix(entries[2].Name(), "_tenantq_rls.sql") {
		t.Fatalf("db/migrations after rls = %v, %v; want the two migrations and the rls one", entries, err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"sql", "-baseline", "tenantvet-baseline.json", "."}, nil, &out, &errb); code != exitClean {
		t.Errorf("check against the baseline = %d\n%s%s", code, out.String(), errb.String())
	}
	write("db/queries/more.sql", "-- name: AllOrders :many\nSELECT * FROM orders;\n")
	out.Reset()
	errb.Reset()
	if code := run([]string{"sql", "-baseline", "tenantvet-baseline.json", "."}, nil, &out, &errb); code != exitFindings || !strings.Contains(errb.String()+out.String(), `unpinned: table "orders"`) {
		t.Errorf("check with a new finding = %d\n%s%s; want exit %d naming orders", code, out.String(), errb.String(), exitFindings)
	}
}

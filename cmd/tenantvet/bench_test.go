package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The generated module of BenchmarkVet: packages × files × about 100 lines, with
// sqlPerFile SQL call sites in each file (half through a wrapper in another package).
const (
	benchPackages = 100
	benchFiles    = 10
	sqlPerFile    = 2
)

// BenchmarkVet runs "tenantvet ./..." and its baseline "go vet ./..." on the same modules:
// this repository and a generated module of 100,000 lines with 2,000 SQL call sites. "warm"
// runs on unchanged code, as a second CI run or pre-commit hook does; "edited" first changes
// every file of the module, so every package is compiled and analysed again.
func BenchmarkVet(b *testing.B) {
	bin, err := binary()
	if err != nil {
		b.Fatal(err)
	}
	gen := b.TempDir()
	lines, sites, err := generateModule(gen)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated module: %d lines, %d SQL call sites", lines, sites)
	repo, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	tools := []struct {
		name string
		cmd  func(pkgs ...string) []string
	}{
		{"go-vet", func(pkgs ...string) []string { return append([]string{"go", "vet"}, pkgs...) }},
		{"tenantvet", func(pkgs ...string) []string { return append([]string{bin}, pkgs...) }},
	}
	run := func(b *testing.B, dir string, argv []string) {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out)
		}
	}
	for _, tool := range tools {
		b.Run("module=generated/mode=warm/tool="+tool.name, func(b *testing.B) {
			run(b, gen, tool.cmd("./..."))
			for b.Loop() {
				run(b, gen, tool.cmd("./..."))
			}
		})
	}
	for _, tool := range tools {
		b.Run("module=generated/mode=edited/tool="+tool.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				// Never the same text twice, or the build cache would know it.
				if err := touchModule(gen, time.Now().UnixNano()); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				run(b, gen, tool.cmd("./..."))
			}
		})
	}
	for _, tool := range tools {
		b.Run("module=repository/mode=warm/tool="+tool.name, func(b *testing.B) {
			run(b, repo, tool.cmd("./..."))
			for b.Loop() {
				run(b, repo, tool.cmd("./..."))
			}
		})
	}
}

// touchModule changes a comment in every file, so that every package is built and vetted
// again.
func touchModule(dir string, edit int64) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		i := strings.LastIndex(string(data), "\n// edit ")
		if i >= 0 {
			data = data[:i+1]
		}
		return os.WriteFile(p, fmt.Appendf(data, "// edit %d\n", edit), 0o644)
	})
}

// generateModule writes the benchmark module into dir and returns its line and SQL call site
// counts. The SQL is tenant-safe, so both tools report nothing.
func generateModule(dir string) (lines, sites int, err error) {
	write := func(name, text string) error {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		lines += strings.Count(text, "\n")
		return os.WriteFile(p, []byte(text), 0o644)
	}
	if err := write("go.mod", "module example.com/big\n\ngo 1.26\n"); err != nil {
		return 0, 0, err
	}
	store := `// Package store wraps database/sql; its Query is a sink through a fact.
package store

import (
	"context"
	"database/sql"
)

// Store runs queries.
type Store struct{ DB *sql.DB }

// Query runs a query.
func (s *Store) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.DB.QueryContext(ctx, query, args...)
}
`
	if err := write("store/store.go", store); err != nil {
		return 0, 0, err
	}
	for p := range benchPackages {
		for f := range benchFiles {
			var b strings.Builder
			fmt.Fprintf(&b, "package p%d\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"fmt\"\n\t\"sort\"\n\t\"strings\"\n\n\t\"example.com/big/store\"\n)\n\n", p)
			if p > 0 && f == 0 {
				// A dependency on the previous package, so facts and export data flow.
				b.Reset()
				fmt.Fprintf(&b, "package p%d\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"fmt\"\n\t\"sort\"\n\t\"strings\"\n\n\t\"example.com/big/p%d\"\n\t\"example.com/big/store\"\n)\n\nvar _ = p%d.Item0_0{}\n\n", p, p-1, p-1)
			}
			fmt.Fprintf(&b, "// Item%d_%d is a record.\ntype Item%d_%d struct {\n\tID     int64\n\tTenant int64\n\tName   string\n\tTags   []string\n}\n\n", f, 0, f, 0)
			for s := range sqlPerFile {
				sites++
				table := []string{"contacts", "deals", "notes"}[(p+f+s)%3]
				if s%2 == 0 {
					fmt.Fprintf(&b, "// Load%d_%d loads rows.\nfunc Load%d_%d(ctx context.Context, db *sql.DB, tenant, id int64) error {\n\trows, err := db.QueryContext(ctx, \"SELECT id, name FROM %s WHERE tenant_id = $1 AND id = $2\", tenant, id)\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn rows.Close()\n}\n\n", f, s, f, s, table)
				} else {
					fmt.Fprintf(&b, "// Find%d_%d finds rows through the store.\nfunc Find%d_%d(ctx context.Context, st *store.Store, tenant int64, name string) error {\n\tq := \"SELECT id FROM %s WHERE tenant_id = $1\"\n\tif name != \"\" {\n\t\tq = \"SELECT id FROM %s WHERE tenant_id = $1 AND name = $2\"\n\t}\n\trows, err := st.Query(ctx, q, tenant, name)\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn rows.Close()\n}\n\n", f, s, f, s, table, table)
				}
			}
			// Filler: ordinary code, about 70 lines.
			for k := range 3 {
				fmt.Fprintf(&b, `// Process%d_%d normalises and sorts names.
func Process%d_%d(items []Item%d_0) []string {
	var out []string
	for _, it := range items {
		name := strings.TrimSpace(it.Name)
		if name == "" {
			continue
		}
		if len(it.Tags) > 0 {
			name = fmt.Sprintf("%%s [%%s]", name, strings.Join(it.Tags, ","))
		}
		out = append(out, strings.ToLower(name))
	}
	sort.Strings(out)
	return out
}

// Sum%d_%d adds ids by tenant.
func Sum%d_%d(items []Item%d_0) map[int64]int64 {
	sums := make(map[int64]int64)
	for _, it := range items {
		if it.ID < 0 {
			panic(fmt.Sprint("negative id ", it.ID))
		}
		sums[it.Tenant] += it.ID
	}
	return sums
}

`, f, k, f, k, f, f, k, f, k, f)
			}
			if err := write(fmt.Sprintf("p%d/f%d.go", p, f), b.String()); err != nil {
				return 0, 0, err
			}
		}
	}
	return lines, sites, nil
}

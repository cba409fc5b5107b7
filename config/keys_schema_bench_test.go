package config_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
)

// benchSchema returns a schema of n tables, each with a primary key, a unique key and a
// foreign key to the table before it, then renames half the referenced columns and drops a
// tenth of the tables, or the same tables without any key when keys is unset.
func benchSchema(n int, keys bool) string {
	var b strings.Builder
	for i := range n {
		if !keys {
			fmt.Fprintf(&b, "CREATE TABLE t%d (id bigint, tenant_id bigint, code text, parent bigint, note text);\n", i)
			continue
		}
		fmt.Fprintf(&b, "CREATE TABLE t%d (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, code text, parent bigint, note text, UNIQUE (tenant_id, code)", i)
		if i > 0 {
			fmt.Fprintf(&b, ", FOREIGN KEY (parent) REFERENCES t%d ON DELETE CASCADE", i-1)
		}
		b.WriteString(");\n")
		fmt.Fprintf(&b, "CREATE UNIQUE INDEX ON t%d (tenant_id, id);\n", i)
	}
	for i := 0; i < n; i += 2 {
		fmt.Fprintf(&b, "ALTER TABLE t%d RENAME COLUMN id TO t%d_id;\n", i, i)
	}
	for i := 0; i < n; i += 10 {
		fmt.Fprintf(&b, "DROP TABLE t%d CASCADE;\n", i)
	}
	return b.String()
}

// BenchmarkParseSchema reads schemas of n tables with their keys, next to the same tables
// without keys as the baseline.
func BenchmarkParseSchema(b *testing.B) {
	for _, n := range []int{20, 200, 1000} {
		for _, keys := range []bool{false, true} {
			sql := benchSchema(n, keys)
			name := fmt.Sprintf("tables=%d/keys=%v", n, keys)
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := config.ParseSchema("bench.sql", sql, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

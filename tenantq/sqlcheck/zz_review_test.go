package sqlcheck_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/tenantq/sqlcheck"
)

func TestZZReview(t *testing.T) {
	f := os.Getenv("ZZ")
	if f == "" {
		t.Skip()
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans", "countries"}, SharedTenants: []string{"0"}})
	tables, err := config.ReadSchema("../../testdata/sqlcheck/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := sqlcheck.New(sqlcheck.Policy{Schema: tables, SharedTenants: []string{"0"}})
	for _, q := range strings.Split(string(data), "\n----\n") {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		r1 := c.Check(q)
		r2 := cs.Check(q)
		s := func(r *sqlcheck.Result) string {
			if r.Safe() {
				return "SAFE"
			}
			var b []string
			for _, v := range r.Violations {
				b = append(b, fmt.Sprintf("%s(%s %s): %s", v.Rule, v.Table, v.Alias, v.Message))
			}
			return "UNSAFE " + strings.Join(b, " | ")
		}
		fmt.Printf("=== %s\n  brief:  %s\n  schema: %s\n", q, s(r1), s(r2))
	}
}

package sqlcheck_test

import (
	"slices"
	"testing"

	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/sqlcheck"
)

// TestRuleDocs checks that every rule of the contract is documented, that its documented bad
// example breaks it and its good example is safe, and that the corpus has a failing case for it.
func TestRuleDocs(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	contractRules := []sqlcheck.Rule{
		sqlcheck.RuleUnpinned, sqlcheck.RuleMultipleTenants, sqlcheck.RuleTenantWrite,
		sqlcheck.RuleInsertTenant, sqlcheck.RuleUpsertConflict, sqlcheck.RuleBulk,
		sqlcheck.RuleUnverifiable, sqlcheck.RuleParse,
	}
	for _, rule := range contractRules {
		t.Run(string(rule), func(t *testing.T) {
			t.Parallel()
			d, ok := sqlcheck.Explain(rule)
			if !ok {
				t.Fatalf("Explain(%q) found no documentation", rule)
			}
			if d.Title == "" || d.Text == "" {
				t.Errorf("Explain(%q) has an empty title or text", rule)
			}
			bad := c.Check(d.Bad)
			if !slices.ContainsFunc(bad.Violations, func(v sqlcheck.Violation) bool { return v.Rule == rule }) {
				t.Errorf("Check(%q) = %v, want a %s violation (the rule's bad example)", d.Bad, bad.Err(), rule)
			}
			if good := c.Check(d.Good); !good.Safe() {
				t.Errorf("Check(%q) = %v, want safe (the rule's good example)", d.Good, good.Err())
			}
			if !slices.ContainsFunc(cases, func(tc corpus.Case) bool {
				return slices.ContainsFunc(tc.Want, func(w string) bool {
					return w == string(rule) || len(w) > len(rule) && w[:len(rule)+1] == string(rule)+" "
				})
			}) {
				t.Errorf("the corpus has no case that wants %s", rule)
			}
		})
	}
	if got := len(sqlcheck.Rules()); got < len(contractRules) {
		t.Errorf("Rules() lists %d rules, want at least %d", got, len(contractRules))
	}
}

package analyzer_test

import (
	"testing"

	"github.com/tenantq/tenantq/analyzer"
)

func TestSplitIgnored(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, message, reason, rest string
		ok                          bool
	}{
		{"exempted", `ignored (admin report): table "deals" has no tenant predicate; add it`, "admin report", `table "deals" has no tenant predicate; add it`, true},
		{"reason with parentheses", `ignored (nightly job (cron)): table "deals" (alias d) has no tenant predicate`, "nightly job (cron)", `table "deals" (alias d) has no tenant predicate`, true},
		{"not exempted", `table "deals" has no tenant predicate; add it`, "", `table "deals" has no tenant predicate; add it`, false},
		{"no end", `ignored (half`, "", `ignored (half`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reason, rest, ok := analyzer.SplitIgnored(tc.message)
			if reason != tc.reason || rest != tc.rest || ok != tc.ok {
				t.Errorf("SplitIgnored(%q) = %q, %q, %v; want %q, %q, %v", tc.message, reason, rest, ok, tc.reason, tc.rest, tc.ok)
			}
		})
	}
}

package sqlcheck_test

import (
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

func TestFingerprint(t *testing.T) {
	t.Parallel()
	base := "SELECT * FROM deals WHERE tenant_id = $1 AND id = 7"
	same := []string{
		"select *\n  from deals -- the deals\n where tenant_id = ? and id = 8",
		"SELECT * FROM deals WHERE tenant_id = :tenant AND id = 9",
	}
	other := []string{
		"SELECT * FROM deals WHERE id = 7",
		"SELECT * FROM notes WHERE tenant_id = $1 AND id = 7",
		"DELETE FROM deals WHERE tenant_id = $1 AND id = 7",
	}
	fp := sqlcheck.Fingerprint(base)
	if fp == "" {
		t.Fatalf("Fingerprint(%q) is empty", base)
	}
	for _, s := range same {
		if got := sqlcheck.Fingerprint(s); got != fp {
			t.Errorf("Fingerprint(%q) = %s, want %s, that of %q", s, got, fp, base)
		}
	}
	for _, s := range other {
		if got := sqlcheck.Fingerprint(s); got == fp {
			t.Errorf("Fingerprint(%q) = %s, the same as %q's", s, got, base)
		}
	}
	// Invalid and too deeply nested text still has a stable fingerprint.
	for _, s := range []string{"SELEC * FROM deals", strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000)} {
		a, b := sqlcheck.Fingerprint(s), sqlcheck.Fingerprint(s+" \n")
		if a == "" || a != b || a == fp {
			t.Errorf("Fingerprint of unparsable text %.20q: %q and %q, want equal and distinct from valid SQL", s, a, b)
		}
	}
}

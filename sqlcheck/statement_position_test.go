package sqlcheck_test

import (
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

// TestWholeStatementPosition checks that a finding about a whole statement (DO, CALL, FETCH,
// SET) sits on the statement's first token, not on the byte after the previous statement's
// semicolon, which is often on the line above.
func TestWholeStatementPosition(t *testing.T) {
	t.Parallel()
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sql          string
		line, column int
	}{
		{"SELECT 1;\n\nDO $$ BEGIN END $$;", 3, 1},
		{"SELECT 1; -- then\n  CALL p();", 2, 3},
		{"SELECT 1; /* a\n */ FETCH ALL FROM c;", 2, 5},
		{"SET standard_conforming_strings = off;", 1, 1},
		{"SELECT 1;\nEXPLAIN CALL p();", 2, 9}, // the CALL inside EXPLAIN
	}
	for _, tc := range tests {
		r := c.Check(tc.sql)
		if len(r.Violations) != 1 {
			t.Errorf("Check(%q) = %v, want one violation", tc.sql, r.Violations)
			continue
		}
		if v := r.Violations[0]; v.Line != tc.line || v.Column != tc.column {
			t.Errorf("Check(%q) violation at %d:%d, want %d:%d", tc.sql, v.Line, v.Column, tc.line, tc.column)
		}
	}
}

package sqlcheck_test

import (
	"slices"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/sqlcheck"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sql  string
		want []sqlcheck.Span
	}{
		{"two statements", "SELECT 1; SELECT 2", []sqlcheck.Span{{Offset: 0, End: 9}, {Offset: 9, End: 18}}},
		{"trailing comments are no statement", "SELECT 1; -- done\n/* end */ ", []sqlcheck.Span{{Offset: 0, End: 9}}},
		{"semicolons in literals, identifiers, dollar quotes and comments",
			`SELECT ';', ";", $f$;$f$, E'\';' /* ; /* ; */ ; */ -- ;` + "\n;",
			[]sqlcheck.Span{{Offset: 0, End: 57}}},
		{"an identifier holding $ opens no dollar quote", "SELECT a$b$; SELECT $b$x$b$", []sqlcheck.Span{{Offset: 0, End: 12}, {Offset: 12, End: 27}}},
		// PostgreSQL ends a line comment at a carriage return too (scan.l's non_newline is
		// [^\n\r]): the semicolon after it ends the first statement.
		{"a line comment ends at a carriage return", "SELECT 1 -- note\r; SELECT 2", []sqlcheck.Span{{Offset: 0, End: 18}, {Offset: 18, End: 27}}},
		// A literal continued on the next line keeps its E'' escapes: \' is a quote, not its end.
		{"an escape string's continuation", "SELECT E'a'\n'\\';' ; SELECT 2", []sqlcheck.Span{{Offset: 0, End: 19}, {Offset: 19, End: 28}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := sqlcheck.Split(tc.sql); !slices.Equal(got, tc.want) {
				t.Errorf("Split(%q) = %v, want %v", tc.sql, got, tc.want)
			}
			// PostgreSQL's lexer agrees on where each statement ends.
			res, err := pg.Scan(tc.sql)
			if err != nil {
				t.Fatal(err)
			}
			var ends []int
			for _, tok := range res.Tokens {
				if tok.Token == pg.Token_ASCII_59 {
					ends = append(ends, int(tok.End))
				}
			}
			for i, e := range ends {
				if i >= len(tc.want) || tc.want[i].End != e {
					t.Errorf("PostgreSQL ends a statement at %d; the test wants %v", e, tc.want)
				}
			}
		})
	}
}

func TestLeadingComments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql  string
		want int
	}{
		{"SELECT 1", 0},
		{" \t\n-- a\n/* b /* c */ */ SELECT 1", 24},
		{"-- only a comment", 17},
		{"/* unterminated", 15},
		{"-- c\rSELECT 1", 5}, // a carriage return ends the comment
	}
	for _, tc := range tests {
		if got := sqlcheck.LeadingComments(tc.sql); got != tc.want {
			t.Errorf("LeadingComments(%q) = %d, want %d", tc.sql, got, tc.want)
		}
	}
}

package sqlcheck_test

import (
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/sqlcheck"
)

// TestNestingAfterLexicalTraps: nesting that PostgreSQL reads as code must count, however the
// text before it is spelt. Each prefix here once made the guard read the nesting as part of a
// literal or comment and let it through to the C parser. The test confirms with PostgreSQL's
// own lexer that the parentheses are code.
func TestNestingAfterLexicalTraps(t *testing.T) {
	t.Parallel()
	n := 2 * sqlcheck.MaxDepth
	nest := strings.Repeat("(", n) + "1" + strings.Repeat(")", n)
	tests := map[string]string{
		// The continuation of an E'' literal keeps its escapes: \' is a quote, and the literal
		// ends at the quote after it.
		"escape string continued": "SELECT E''\n'\\'' + " + nest + " + ''",
		// scan.l ends a line comment at a carriage return as at a line feed.
		"line comment ended by a carriage return": "SELECT 1 -- note\r+ " + nest,
	}
	for name, sql := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := pg.Scan(sql)
			if err != nil {
				t.Fatal(err)
			}
			open := 0
			for _, tok := range res.Tokens {
				if tok.Token == pg.Token_ASCII_40 {
					open++
				}
			}
			if open != n {
				t.Fatalf("PostgreSQL reads %d opening parentheses, want %d", open, n)
			}
			if d := sqlcheck.NestingDepth(sql); d <= sqlcheck.MaxDepth {
				t.Errorf("NestingDepth = %d, want more than %d", d, sqlcheck.MaxDepth)
			}
		})
	}
}

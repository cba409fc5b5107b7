package sqltext_test

import (
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/internal/sqltext"
)

// FuzzScan checks the scanner against PostgreSQL's own lexer (pg_query.Scan): on every text
// both accept, the tokens other than white space have the same boundaries. On any text the
// tokens cover it exactly, in order, each at least one byte long.
func FuzzScan(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := scanAll(text)
		bad, at := false, 0
		var got [][2]int
		for _, tk := range toks {
			if tk.Offset != at || tk.End <= tk.Offset || tk.End > len(text) {
				t.Fatalf("token %+v does not follow offset %d in %q", tk, at, text)
			}
			at = tk.End
			bad = bad || tk.Bad
			if tk.Kind != sqltext.Space {
				got = append(got, [2]int{tk.Offset, tk.End})
			}
		}
		if at != len(text) {
			t.Fatalf("tokens end at %d, want %d", at, len(text))
		}
		// NextIn returns the same tokens, those of other kinds left out.
		kinds := sqltext.KindSet(len(text) * 2654435761 >> 7)
		sc := sqltext.NewScanner(text)
		for _, tk := range toks {
			if kinds.Has(tk.Kind) {
				if got := sc.NextIn(kinds); got != tk {
					t.Fatalf("NextIn(%b) = %+v, want %+v", kinds, got, tk)
				}
			}
		}
		if got := sc.NextIn(kinds); got.Kind != sqltext.EOF {
			t.Fatalf("NextIn(%b) = %+v at the end, want EOF", kinds, got)
		}
		if bad || strings.IndexByte(text, 0) >= 0 {
			return // PostgreSQL rejects it, or reads C strings
		}
		res, err := pg.Scan(text)
		if err != nil {
			return
		}
		var want [][2]int
		for _, tk := range res.Tokens {
			want = append(want, [2]int{int(tk.Start), int(tk.End)})
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens %v, PostgreSQL has %d %v", text, len(got), got, len(want), want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d is %q, PostgreSQL's is %q", text, i, text[got[i][0]:got[i][1]], text[want[i][0]:want[i][1]])
			}
		}
	})
}

// scanAll returns every token of text.
func scanAll(text string) []sqltext.Token {
	var toks []sqltext.Token
	s := sqltext.NewScanner(text)
	for t := s.Next(); t.Kind != sqltext.EOF; t = s.Next() {
		toks = append(toks, t)
	}
	return toks
}

var scanSeeds = []string{
	"SELECT E'a'\n'\\'' , 1 -- c\r; x /* a /* b */ */ $1 $a$ x $a$ U&'x' b'01' ?| @> +- *- 1.5e3 a$b 1..2 :: x.y \"q\"\"x\"",
	"SELECT 'a' -- c\n  'b', 'c'\n\n'd' 'e'",
	"SELECT x'1f' '', N'x', U&\"a\" UESCAPE '!'",
	"SELECT 0x1F, 0o17, 0b101, 1_000, .5, 5., 1e-3, 1E+3, 1.5e10",
	"SELECT a<=b, a>=b, a<>b, a!=b, a=>b, a:=b, a::int, a[1:2]",
	"SELECT a @@ b, a ?|| b, a ~~* b, a !~ b, - -1, a+-b, a*-b, a@-b, a--b\n",
	"SELECT a/*c*/b, a+/*c*/b, $$x$$, $_1$y$_1$, $1, $$$, $ a",
	"SELECT \\x, `a`, #, %, ^, &, |",
	"\xff\xfe 'caf\xc3\xa9' \"\xe2\x82\xac\"",
	"SELECT 'a'\n-- c\n'b', 'a'\r\n'b', 'a'\f\n'b', 'a'\v\n'b', 'a' \n -- c\n 'b'",
}

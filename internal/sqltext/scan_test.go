package sqltext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/sqltext"
)

func TestScan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want string // kind:text of each token but white space; ! marks a bad token
	}{
		{"SELECT a$b, \"Q\"\"x\" FROM t", `Ident:SELECT Ident:a$b Punct:, QuotedIdent:"Q""x" Ident:FROM Ident:t`},
		{`E'\'' e'a' 'b\' xE'c'`, `String:E'\'' String:e'a' String:'b\' Ident:xE String:'c'`},
		{"B'01' X'1f' N'n' U&'u' U&\"v\"", `String:B'01' String:X'1f' Ident:N String:'n' String:U&'u' QuotedIdent:U&"v"`},
		{"'a'\n  'b' 'c'", "String:'a'\n  'b' String:'c'"},
		{"E'a'\n'\\'' x", "String:E'a'\n'\\'' Ident:x"},
		{"$$a$$ $t$b$t$ $1 $ $x", "DollarString:$$a$$ DollarString:$t$b$t$ Param:$1 Other:$ Other:$ Ident:x"},
		{"-- c\r/* a /* b */ */ x", "LineComment:--␣c BlockComment:/*␣a␣/*␣b␣*/␣*/ Ident:x"},
		{"a+-b a*-1 a@-b a<=b a--c", "Ident:a Operator:+ Operator:- Ident:b Ident:a Operator:* Operator:- Number:1 Ident:a Operator:@- Ident:b Ident:a Operator:<= Ident:b Ident:a LineComment:--c"},
		{"1 1.5 .5 1e-3 0x1F 1_000 1..2 1abc", "Number:1 Number:1.5 Number:.5 Number:1e-3 Number:0x1F Number:1_000 Number:1 Punct:.. Number:2 !Number:1abc"},
		{"a::int, b := 1; c[1:2]", "Ident:a Punct::: Ident:int Punct:, Ident:b Punct::= Number:1 Punct:; Ident:c Punct:[ Number:1 Punct:: Number:2 Punct:]"},
		{"'open", "!String:'open"},
		{`"open`, `!QuotedIdent:"open`},
		{"/* /* */", "!BlockComment:/*␣/*␣*/"},
		{"$t$ x", "!DollarString:$t$␣x"},
		{"x \\y", `Ident:x Other:\ Ident:y`},
	}
	for _, tc := range tests {
		var got []string
		s := sqltext.NewScanner(tc.text)
		for tk := s.Next(); tk.Kind != sqltext.EOF; tk = s.Next() {
			if tk.Kind == sqltext.Space {
				continue
			}
			bad := ""
			if tk.Bad {
				bad = "!"
			}
			text := tc.text[tk.Offset:tk.End]
			if tk.Kind == sqltext.LineComment || tk.Kind == sqltext.BlockComment || tk.Kind == sqltext.DollarString {
				text = strings.ReplaceAll(text, " ", "␣")
			}
			got = append(got, fmt.Sprintf("%s%s:%s", bad, tk.Kind, text))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("scan(%q)\n got %s\nwant %s", tc.text, g, tc.want)
		}
	}
}

func TestLineCol(t *testing.T) {
	t.Parallel()
	text := "ab\ncd\n\nef"
	tests := []struct{ off, line, col int }{
		{-1, 1, 1}, {0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {6, 3, 1}, {7, 4, 1}, {9, 4, 3}, {99, 4, 3},
	}
	for _, tc := range tests {
		if l, c := sqltext.LineCol(text, tc.off); l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
}

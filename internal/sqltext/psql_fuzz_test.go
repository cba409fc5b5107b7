package sqltext_test

import (
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/sqltext"
)

// FuzzPsql checks that scanning a psql script keeps every offset and line: the SQL has the
// script's length and line breaks, differs only where meta-commands were blanked, and every
// meta-command and variable lies where the script has a backslash or a colon.
func FuzzPsql(f *testing.F) {
	// Meta-commands, separators and commands that send the buffer.
	f.Add("\\set x 1\nSELECT 1;")
	f.Add("\\x \\\\ DELETE FROM t;")
	f.Add("SELECT 1 \\g\nSELECT 2 \\gexec")
	// Literals, identifiers, escape strings and dollar quotes across lines.
	f.Add("SELECT 'a\n\\i evil.sql\n' FROM t;")
	f.Add("SELECT E'\\'\n\\q' FROM t; SELECT \"a\n\\q\"")
	f.Add("DO $f$\n\\x\n$f$; DO $$ $ $$; SELECT $1")
	// Comments, nested and unterminated.
	f.Add("/* /* \n\\q */ */ SELECT 1; -- \\q\n/*")
	// Variables and casts.
	f.Add("SELECT :a, :'b', :\"c\", x::int, arr[1:2] FROM t WHERE id = :id;")
	// Invalid UTF-8 and carriage returns.
	f.Add("\xff\\\xfe\r\n\\\r")
	f.Fuzz(func(t *testing.T, text string) {
		s := sqltext.Psql(text)
		if len(s.SQL) != len(text) {
			t.Fatalf("len(SQL) = %d, want %d", len(s.SQL), len(text))
		}
		if strings.Count(s.SQL, "\n") != strings.Count(text, "\n") {
			t.Fatal("line breaks changed")
		}
		for i := range len(text) {
			if s.SQL[i] != text[i] && s.SQL[i] != ' ' && s.SQL[i] != ';' || s.SQL[i] != text[i] && (text[i] == '\n' || text[i] == '\r') {
				t.Fatalf("byte %d changed from %q to %q", i, text[i], s.SQL[i])
			}
		}
		for _, c := range s.Commands {
			if c.Offset >= len(text) || text[c.Offset] != '\\' || c.End < c.Offset || c.End > len(text) {
				t.Fatalf("command %+v does not lie at a backslash", c)
			}
		}
		for _, v := range s.Variables {
			if text[v.Offset] != ':' || text[v.Offset+1:v.End] != v.Name {
				t.Fatalf("variable %+v does not lie at its colon", v)
			}
		}
	})
}

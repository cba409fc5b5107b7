package sqltext_test

import (
	"slices"
	"testing"

	"github.com/tenantq/tenantq/internal/sqltext"
)

func TestPsql(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		text     string
		sql      string   // the SQL the server reads
		commands []string // name: args
		vars     []string
	}{
		{"a meta-command line", "\\set x 1\nSELECT 1;", "        \nSELECT 1;", []string{"set: x 1"}, nil},
		{"a literal whose line starts with a backslash is no meta-command",
			"SELECT 'a\n\\i evil.sql\n' FROM t;", "SELECT 'a\n\\i evil.sql\n' FROM t;", nil, nil},
		{"a dollar quote likewise", "DO $f$\n\\x\n$f$;", "DO $f$\n\\x\n$f$;", nil, nil},
		{"a quoted identifier likewise", "SELECT \"a\n\\q\" FROM t;", "SELECT \"a\n\\q\" FROM t;", nil, nil},
		{"a block comment likewise", "/* \n\\q */ SELECT 1;", "/* \n\\q */ SELECT 1;", nil, nil},
		{"an escape string's escaped quote", "SELECT E'\\'\n\\q' FROM t;", "SELECT E'\\'\n\\q' FROM t;", nil, nil},
		// psql, like the server, ends a line comment at a carriage return (checked with psql 15:
		// the command runs).
		{"a carriage return ends a line comment", "SELECT 1 -- c\r\\echo hi\n", "SELECT 1 -- c\r        \n", []string{"echo: hi"}, nil},
		// psql reads a line at a time and, unlike the server, continues no literal on the next
		// line: the \\echo runs (checked with psql 15), though the server would read it as
		// part of E'a' '\\'\n\\echo hi'.
		{"no literal continues on the next line", "SELECT E'a'\n'\\'\n\\echo hi'", "SELECT E'a'\n'\\'\n         ", []string{"echo: hi'"}, nil},
		{"SQL after the \\\\ separator", "\\x \\\\ DELETE FROM t;", "      DELETE FROM t;", []string{"x: "}, nil},
		{"\\g ends the statement", "SELECT 1 \\g\nSELECT 2;", "SELECT 1 ; \nSELECT 2;", []string{"g: "}, nil},
		{"\\gexec", "SELECT 'x' \\gexec", "SELECT 'x' ;     ", []string{"gexec: "}, nil},
		{"a meta-command after SQL on its line", "SELECT 1; \\i other.sql\n", "SELECT 1;             \n", []string{"i: other.sql"}, nil},
		{"variables", "SELECT :a, :'b', :\"c\", x::int, arr[1:2] FROM t WHERE id = :id;",
			"SELECT :a,  'b',  \"c\", x::int, arr[1:2] FROM t WHERE id = :id;", nil, []string{"a", "id"}},
		{"carriage returns", "\\set x 1\r\nSELECT 1;", "        \r\nSELECT 1;", []string{"set: x 1"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := sqltext.Psql(tc.text)
			if got.SQL != tc.sql {
				t.Errorf("Psql(%q).SQL = %q, want %q", tc.text, got.SQL, tc.sql)
			}
			var cmds, vars []string
			for _, c := range got.Commands {
				cmds = append(cmds, c.Name+": "+c.Args)
				if tc.text[c.Offset] != '\\' {
					t.Errorf("command %q does not start at a backslash", c.Name)
				}
			}
			for _, v := range got.Variables {
				vars = append(vars, v.Name)
			}
			if !slices.Equal(cmds, tc.commands) || !slices.Equal(vars, tc.vars) {
				t.Errorf("Psql(%q) commands %q, variables %q; want %q, %q", tc.text, cmds, vars, tc.commands, tc.vars)
			}
		})
	}
}

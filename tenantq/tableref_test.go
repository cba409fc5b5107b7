package tenantq

import (
	"strings"
	"testing"
)

func TestParseTableRef(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want tableRef
		ok   bool
	}{
		{"contacts", tableRef{name: "contacts", written: "contacts", ref: "contacts"}, true},
		{"contacts c", tableRef{name: "contacts", written: "contacts", ref: "c", alias: true}, true},
		{"Public.Contacts AS c", tableRef{name: "public.contacts", written: "Public.Contacts", ref: "c", alias: true}, true},
		{`"Invoices" i`, tableRef{name: "Invoices", written: `"Invoices"`, ref: "i", alias: true}, true},
		{`"a""b" "x y"`, tableRef{name: `a"b`, written: `"a""b"`, ref: `"x y"`, alias: true}, true},
		{"t$1 a$b", tableRef{name: "t$1", written: "t$1", ref: "a$b", alias: true}, true},
		{"caf\u00e9 c", tableRef{name: "caf\u00e9", written: "caf\u00e9", ref: "c", alias: true}, true},
		// Not understood: the builder must not guess.
		{"a.b.c", tableRef{}, false},
		{"contacts join", tableRef{}, false},
		{"contacts AS", tableRef{}, false},
		{`"unterminated c`, tableRef{}, false},
		{`U&"x" c`, tableRef{}, false},
		{`E'x' c`, tableRef{}, false},
		{"contacts c -- note", tableRef{}, false},
		{"contacts c /* note */", tableRef{}, false},
		{"(SELECT 1) s", tableRef{}, false},
		{"contacts c, deals d", tableRef{}, false},
		{"1 c", tableRef{}, false},
		{"", tableRef{}, false},
	}
	for _, tc := range tests {
		got, ok := parseTableRef(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseTableRef(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseJoin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in             string
		head, on, rest string
		ok             bool
	}{
		{"deals d ON d.contact_id = c.id", "deals d", "d.contact_id = c.id", "", true},
		{"deals d USING (contact_id)", "deals d", "", "USING (contact_id)", true},
		{"deals d", "deals d", "", "", true},
		{`"on" o on o.x = c.x`, `"on" o`, "o.x = c.x", "", true},
		{"(SELECT 1 FROM x JOIN y ON true) s ON s.a = c.a", "(SELECT 1 FROM x JOIN y ON true) s", "s.a = c.a", "", false},
		{"deals d ON d.note = 'on' AND d.x = c.x", "deals d", "d.note = 'on' AND d.x = c.x", "", true},
		// A keyword inside a comment, an escape string or a dollar quote is no keyword.
		{"deals d /* on */ ON d.x = c.x", "deals d /* on */", "d.x = c.x", "", false},
		{"deals d -- on\nON d.x = c.x", "deals d -- on\n", "d.x = c.x", "", false},
		{"deals d ON d.x = E'\\' on ' AND d.y = c.y", "deals d", "d.x = E'\\' on ' AND d.y = c.y", "", true},
		{"deals d ON d.body = $$ using $$ AND d.x = c.x", "deals d", "d.body = $$ using $$ AND d.x = c.x", "", true},
		{"onions o ON o.x = c.x", "onions o", "o.x = c.x", "", true},
		{"deals d \"x ON d.a = c.a", "deals d \"x ON d.a = c.a", "", "", false},
	}
	for _, tc := range tests {
		j := parseJoin(tc.in)
		if text := joinText(j); !strings.EqualFold(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(tc.in), " ")) {
			t.Errorf("joinText(parseJoin(%q)) = %q, want the same tokens", tc.in, text)
		}
		if j.head != tc.head || j.on != tc.on || j.rest != tc.rest || j.ok != tc.ok {
			t.Errorf("parseJoin(%q) = head %q, on %q, rest %q, ok %v; want %q, %q, %q, %v", tc.in, j.head, j.on, j.rest, j.ok, tc.head, tc.on, tc.rest, tc.ok)
		}
	}
}

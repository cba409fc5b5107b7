package tenantq

import (
	"strings"

	"github.com/tenantq/tenantq/internal/sqltext"
)

// A tableRef is a table named in a builder: "contacts c", "public.contacts AS c", `"Invoices" i`.
type tableRef struct {
	name    string // catalog name, schema-qualified when written so ("audit.events")
	written string // the table as written, without its alias
	ref     string // how columns are qualified in SQL: the alias, else the table as written
	alias   bool   // the reference has an alias
}

// joinSpec is a join written as squirrel takes it: "deals d ON d.contact_id = c.id".
type joinSpec struct {
	table tableRef
	ok    bool   // the table part was understood
	head  string // the text before ON/USING: "deals d"
	on    string // the ON condition, "" when the join has none
	rest  string // "USING (...)" or whatever follows that is not an ON condition
}

// parseTableRef understands `name`, `schema.name`, each optionally quoted, followed by an
// optional alias with or without AS. It reports false for anything else (a subquery, a list).
func parseTableRef(s string) (tableRef, bool) {
	toks, ok := tokens(s)
	if !ok || len(toks) == 0 {
		return tableRef{}, false
	}
	var parts []token
	i := 0
	for {
		if i >= len(toks) || !toks[i].ident() {
			return tableRef{}, false
		}
		parts = append(parts, toks[i])
		i++
		if i < len(toks) && toks[i].text == "." {
			i++
			continue
		}
		break
	}
	if len(parts) > 2 {
		return tableRef{}, false
	}
	names := make([]string, len(parts))
	written := make([]string, len(parts))
	for j, p := range parts {
		names[j], written[j] = p.name(), p.text
	}
	r := tableRef{name: strings.Join(names, "."), written: strings.Join(written, "."), ref: strings.Join(written, ".")}
	if i < len(toks) && toks[i].keyword("as") {
		i++
		if i >= len(toks) {
			return tableRef{}, false
		}
	}
	if i < len(toks) {
		if !toks[i].ident() || toks[i].reserved() {
			return tableRef{}, false
		}
		r.ref, r.alias = toks[i].text, true
		i++
	}
	return r, i == len(toks)
}

// parseJoin splits a join string at its first top-level ON or USING keyword.
func parseJoin(s string) joinSpec {
	j := joinSpec{head: s}
	at, kw := findKeyword(s, "on", "using")
	if at >= 0 {
		j.head = strings.TrimSpace(s[:at])
		if endsInLineComment(j.head) {
			j.head += "\n" // else the comment would swallow the ON written after the head
		}
		if kw == "on" {
			j.on = strings.TrimSpace(s[at+len("on"):])
		} else {
			j.rest = strings.TrimSpace(s[at:])
		}
	}
	j.table, j.ok = parseTableRef(j.head)
	return j
}

// endsInLineComment reports whether s ends inside a line comment.
func endsInLineComment(s string) bool {
	sc := sqltext.NewScanner(s)
	last := sqltext.Token{}
	for t := sc.Next(); t.Kind != sqltext.EOF; t = sc.Next() {
		last = t
	}
	return last.Kind == sqltext.LineComment
}

// A token is a token of [sqltext.Scanner] other than white space.
type token struct {
	kind sqltext.Kind
	text string
}

// ident reports an unquoted identifier or a plain quoted one ("x", not U&"x").
func (t token) ident() bool {
	return t.kind == sqltext.Ident || t.kind == sqltext.QuotedIdent && t.text[0] == '"'
}

// name is the catalog name: quoted identifiers exactly, others folded to lower case.
func (t token) name() string {
	if t.kind == sqltext.QuotedIdent {
		return strings.ReplaceAll(t.text[1:len(t.text)-1], `""`, `"`)
	}
	return strings.ToLower(t.text)
}

func (t token) keyword(k string) bool {
	return t.kind == sqltext.Ident && strings.EqualFold(t.text, k)
}

// reserved reports words that cannot be a bare alias here.
func (t token) reserved() bool {
	for _, k := range []string{"on", "using", "where", "join", "left", "right", "inner", "full", "cross", "natural", "lateral", "tablesample"} {
		if t.keyword(k) {
			return true
		}
	}
	return false
}

// tokens splits s into tokens, white space left out; it reports false on an unterminated
// literal or quoted identifier.
func tokens(s string) ([]token, bool) {
	var out []token
	sc := sqltext.NewScanner(s)
	for t := sc.Next(); t.Kind != sqltext.EOF; t = sc.Next() {
		switch {
		case t.Kind == sqltext.Space:
		case t.Bad && (t.Kind == sqltext.QuotedIdent || t.Kind == sqltext.String):
			return nil, false
		default:
			out = append(out, token{t.Kind, s[t.Offset:t.End]})
		}
	}
	return out, true
}

// findKeyword finds the first of the keywords (lower case) as a whole word outside literals,
// quoted identifiers, comments and parentheses, and returns its offset and which it is.
func findKeyword(s string, kws ...string) (int, string) {
	depth := 0
	sc := sqltext.NewScanner(s)
	want := sqltext.Set(sqltext.String, sqltext.QuotedIdent, sqltext.Punct, sqltext.Ident)
	for t := sc.NextIn(want); t.Kind != sqltext.EOF; t = sc.NextIn(want) {
		switch t.Kind {
		case sqltext.String, sqltext.QuotedIdent:
			if t.Bad {
				return -1, ""
			}
		case sqltext.Punct:
			switch s[t.Offset] {
			case '(':
				depth++
			case ')':
				depth--
			}
		case sqltext.Ident:
			if depth != 0 {
				continue
			}
			for _, k := range kws {
				if strings.EqualFold(s[t.Offset:t.End], k) {
					return t.Offset, k
				}
			}
		}
	}
	return -1, ""
}

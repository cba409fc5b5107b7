package tenantq

import (
	"strings"
	"unicode"
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
		if kw == "on" {
			j.on = strings.TrimSpace(s[at+len("on"):])
		} else {
			j.rest = strings.TrimSpace(s[at:])
		}
	}
	j.table, j.ok = parseTableRef(j.head)
	return j
}

// A token is an identifier (plain or quoted), a keyword, or one punctuation byte.
type token struct{ text string }

func (t token) ident() bool {
	return t.text != "" && (t.text[0] == '"' || t.text[0] == '_' || unicode.IsLetter(rune(t.text[0])) || t.text[0] >= 0x80)
}

// name is the catalog name: quoted identifiers exactly, others folded to lower case.
func (t token) name() string {
	if strings.HasPrefix(t.text, `"`) {
		return strings.ReplaceAll(t.text[1:len(t.text)-1], `""`, `"`)
	}
	return strings.ToLower(t.text)
}

func (t token) keyword(k string) bool {
	return !strings.HasPrefix(t.text, `"`) && strings.EqualFold(t.text, k)
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

// tokens splits s into identifiers and punctuation; it reports false on an unterminated quote.
func tokens(s string) ([]token, bool) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"':
			j := i + 1
			for {
				k := strings.IndexByte(s[j:], '"')
				if k < 0 {
					return nil, false
				}
				j += k + 1
				if j < len(s) && s[j] == '"' {
					j++
					continue
				}
				break
			}
			out = append(out, token{s[i:j]})
			i = j
		case c == '_' || c >= 0x80 || unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '$' || s[j] >= 0x80 || unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j]))) {
				j++
			}
			out = append(out, token{s[i:j]})
			i = j
		default:
			out = append(out, token{s[i : i+1]})
			i++
		}
	}
	return out, true
}

// findKeyword finds the first of the keywords (lower case) as a whole word outside quotes and
// parentheses, and returns its offset and which it is.
func findKeyword(s string, kws ...string) (int, string) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return -1, ""
			}
			i += j + 1
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && (i == 0 || !isWordByte(s[i-1])):
			for _, k := range kws {
				if len(s)-i >= len(k) && strings.EqualFold(s[i:i+len(k)], k) && (i+len(k) == len(s) || !isWordByte(s[i+len(k)])) {
					return i, k
				}
			}
		}
	}
	return -1, ""
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

package sqlcheck

import "github.com/tenantq/tenantq/internal/sqltext"

// Split cuts sql into statements at the semicolons outside string literals, quoted identifiers,
// dollar quotes and comments. Each span runs from the end of the previous statement's semicolon
// to the end of its own (so it keeps its leading comments); text after the last semicolon that
// holds more than white space and comments is a last span. Split does not parse: a statement
// whose body holds semicolons outside quotes (BEGIN ATOMIC ... END) is cut apart.
func Split(sql string) []Span {
	var spans []Span
	start := 0
	s := sqltext.NewScanner(sql)
	for t := s.NextIn(punct); t.Kind != sqltext.EOF; t = s.NextIn(punct) {
		if sql[t.Offset] == ';' {
			spans = append(spans, Span{start, t.End})
			start = t.End
		}
	}
	if !blank(sql[start:]) {
		spans = append(spans, Span{start, len(sql)})
	}
	return spans
}

// Kinds of token the passes before parsing read; they pass over the others.
var (
	punct       = sqltext.Set(sqltext.Punct)
	notComments = ^sqltext.Set(sqltext.Space, sqltext.LineComment, sqltext.BlockComment)
)

// blank reports whether s holds only white space and comments.
func blank(s string) bool {
	return LeadingComments(s) == len(s)
}

// LeadingComments returns the length of the white space and comments at the start of s.
func LeadingComments(s string) int {
	sc := sqltext.NewScanner(s)
	return sc.NextIn(notComments).Offset
}

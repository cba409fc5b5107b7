package sqlcheck

// Split cuts sql into statements at the semicolons outside string literals, quoted identifiers,
// dollar quotes and comments. Each span runs from the end of the previous statement's semicolon
// to the end of its own (so it keeps its leading comments); text after the last semicolon that
// holds more than white space and comments is a last span. Split does not parse: a statement
// whose body holds semicolons outside quotes (BEGIN ATOMIC ... END) is cut apart.
func Split(sql string) []Span {
	var spans []Span
	start := 0
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'' && eStringAt(sql, i):
			i = skipEString(sql, i+1)
		case c == '\'' || c == '"':
			i = skipQuoted(sql, i+1, c)
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			i = skipBlockComment(sql, i+2)
		case isClass(c, clIdentStart):
			// An identifier, which may hold $: total$x$ opens no dollar quote.
			for i++; i < len(sql) && isClass(sql[i], clIdentCont); i++ {
			}
		case c == '$':
			i = skipDollarQuote(sql, i)
		case c == ';':
			spans = append(spans, Span{start, i + 1})
			i++
			start = i
		default:
			i++
		}
	}
	if !blank(sql[start:]) {
		spans = append(spans, Span{start, len(sql)})
	}
	return spans
}

// blank reports whether s holds only white space and comments.
func blank(s string) bool {
	return LeadingComments(s) == len(s)
}

// LeadingComments returns the length of the white space and comments at the start of s.
func LeadingComments(s string) int {
	i := 0
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			i = skipBlockComment(s, i+2)
		default:
			return i
		}
	}
	return i
}

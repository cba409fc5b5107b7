package sqltext

import (
	"strconv"
	"strings"
)

// A Kind is the kind of a [Token].
type Kind uint8

// The kinds of token a [Scanner] returns. They follow PostgreSQL's lexer (scan.l), with
// standard_conforming_strings on, except that keywords are identifiers and that no text is an
// error: what PostgreSQL rejects comes back as a token marked [Token.Bad].
const (
	// EOF is returned at the end of the text, and from then on.
	EOF Kind = iota
	// Space is a run of white space: space, tab, line feed, carriage return, form feed,
	// vertical tab.
	Space
	// LineComment is "--" up to, not including, the next line feed or carriage return.
	LineComment
	// BlockComment is "/* ... */"; block comments nest.
	BlockComment
	// Ident is an unquoted identifier or keyword; it may hold digits and $ after its first byte.
	Ident
	// QuotedIdent is "..." (a doubled quote stands for one) or U&"...".
	QuotedIdent
	// String is a string constant: '...', E'...' (backslash escapes), B'...', X'...',
	// U&'...', together with its continuations: a literal that follows after white space
	// holding a line break is part of the same constant, read in the same way.
	String
	// DollarString is $$...$$ or $tag$...$tag$.
	DollarString
	// Number is a numeric constant: 42, 1_000, 0x1F, 0o17, 0b101, 1.5, .5, 1e-3. An
	// identifier glued to it (1a) is part of the token, which is then Bad.
	Number
	// Param is a positional parameter, $ and digits.
	Param
	// Operator is an operator, cut as PostgreSQL cuts runs of + - * / < > = ~ ! @ # % ^ & | ` ?:
	// before "--" or "/*", and without trailing + or - unless it holds one of ~ ! @ # % ^ & | ` ?.
	Operator
	// Punct is one of , ( ) [ ] ; : . or one of :: := ..
	Punct
	// Other is any other byte, such as a backslash or a $ that starts no dollar quote.
	Other
)

var kindNames = [...]string{"EOF", "Space", "LineComment", "BlockComment", "Ident", "QuotedIdent",
	"String", "DollarString", "Number", "Param", "Operator", "Punct", "Other"}

// String returns the kind's name, as its constant is spelt.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// A Token is one token of a text: its kind and its bytes [Offset, End).
type Token struct {
	Kind        Kind
	Offset, End int
	// Bad marks a token PostgreSQL rejects: an unterminated literal, quoted identifier, dollar
	// quote or block comment (it runs to the end of the text), or a number with junk glued on.
	Bad bool
}

// A Scanner reads a text token by token. The zero value reads the empty text.
type Scanner struct {
	src string
	pos int
	// lines reads as psql does, a line at a time: a string constant never continues on the
	// next line.
	lines bool
}

// NewScanner returns a scanner at the start of src.
func NewScanner(src string) Scanner { return Scanner{src: src} }

// Offset returns the offset of the next token.
func (s *Scanner) Offset() int { return s.pos }

// Seek moves the scanner to offset off, clamped to the text; the next token starts there.
func (s *Scanner) Seek(off int) { s.pos = max(0, min(off, len(s.src))) }

// Byte classes.
const (
	cIdentStart = 1 << iota // letter, _, any byte >= 0x80
	cIdentCont              // the above, digit, $
	cDigit                  // 0-9
	cSpace                  // space, \t, \n, \r, \f, \v
	cOp                     // operator character
	cSelf                   // , ( ) [ ] ; : .
)

var class = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c >= 0x80:
			t[c] = cIdentStart | cIdentCont
		case c >= '0' && c <= '9':
			t[c] = cIdentCont | cDigit
		case c == '$':
			t[c] = cIdentCont
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\f', c == '\v':
			t[c] = cSpace
		}
	}
	for _, c := range []byte("~!@#^&|`?+-*/%<>=") {
		t[c] = cOp
	}
	for _, c := range []byte(",()[];:.") {
		t[c] = cSelf
	}
	return t
}()

// IsIdentStart reports whether c may start an unquoted identifier: an ASCII letter, an
// underscore or any byte of a multibyte character.
func IsIdentStart(c byte) bool { return class[c]&cIdentStart != 0 }

// IsIdentCont reports whether c may continue an unquoted identifier: as [IsIdentStart], a
// digit or $.
func IsIdentCont(c byte) bool { return class[c]&cIdentCont != 0 }

// IsSpace reports whether c is white space to PostgreSQL.
func IsSpace(c byte) bool { return class[c]&cSpace != 0 }

// A KindSet is a set of kinds, as [Scanner.NextIn] takes it: the bit 1<<k stands for kind k.
type KindSet uint16

// Set returns the set of the given kinds.
func Set(kinds ...Kind) KindSet {
	var ks KindSet
	for _, k := range kinds {
		ks |= 1 << k
	}
	return ks
}

// Has reports whether k is in the set.
func (ks KindSet) Has(k Kind) bool { return ks&(1<<k) != 0 }

// Next returns the next token and moves past it. At the end of the text it returns a token of
// kind [EOF] at len(src).
func (s *Scanner) Next() Token { return s.NextIn(^KindSet(0)) }

// NextIn returns the next token whose kind is in want, or the EOF token, and moves past it and
// the tokens it passed over. It is [Scanner.Next] for a caller that ignores most tokens.
func (s *Scanner) NextIn(want KindSet) Token {
	src := s.src
	want |= 1 << EOF
next:
	i := s.pos
	if i >= len(src) {
		t := Token{Kind: EOF, Offset: len(src), End: len(src)}
		return t
	}
	t := Token{Offset: i}
	c := src[i]
	switch cl := class[c]; {
	case cl&cIdentStart != 0:
		j := i + 1
		for j < len(src) && class[src[j]]&cIdentCont != 0 {
			j++
		}
		t.Kind, t.End = Ident, j
		if j == i+1 && j < len(src) && (src[j] == '\'' || src[j] == '&') {
			t.Kind, t.End, t.Bad = s.prefixed(i)
		}
	case cl&cSpace != 0:
		j := i + 1
		for j < len(src) && class[src[j]]&cSpace != 0 {
			j++
		}
		t.Kind, t.End = Space, j
	case c == '\'':
		t.Kind = String
		t.End, t.Bad = s.stringEnd(i+1, false, true)
	case c == '"':
		t.Kind = QuotedIdent
		t.End, t.Bad = quotedEnd(src, i+1, '"', false)
	case c == '-' && i+1 < len(src) && src[i+1] == '-':
		t.Kind, t.End = LineComment, lineCommentEnd(src, i)
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		t.Kind = BlockComment
		t.End, t.Bad = blockCommentEnd(src, i+2)
	case cl&cOp != 0:
		t.Kind, t.End = Operator, operatorEnd(src, i)
	case cl&cDigit != 0:
		t.Kind = Number
		t.End, t.Bad = numberEnd(src, i)
	case c == '$':
		j := i + 1
		if j < len(src) && class[src[j]]&cDigit != 0 {
			for j++; j < len(src) && class[src[j]]&cDigit != 0; j++ {
			}
			t.Kind, t.End = Param, j
			break
		}
		if end, ok, bad := dollarEnd(src, i); ok {
			t.Kind, t.End, t.Bad = DollarString, end, bad
			break
		}
		t.Kind, t.End = Other, i+1
	case c == '.':
		switch {
		case i+1 < len(src) && class[src[i+1]]&cDigit != 0:
			t.Kind = Number
			t.End, t.Bad = numberEnd(src, i)
		case i+1 < len(src) && src[i+1] == '.':
			t.Kind, t.End = Punct, i+2
		default:
			t.Kind, t.End = Punct, i+1
		}
	case c == ':':
		t.Kind, t.End = Punct, i+1
		if i+1 < len(src) && (src[i+1] == ':' || src[i+1] == '=') {
			t.End = i + 2
		}
	case cl&cSelf != 0:
		t.Kind, t.End = Punct, i+1
	default:
		t.Kind, t.End = Other, i+1
	}
	s.pos = t.End
	if want&(1<<t.Kind) == 0 {
		goto next
	}
	return t
}

// prefixed reads the one-letter identifier at i, or the string or quoted identifier it
// prefixes: E'...', B'...', X'...', U&'...', U&"...".
func (s *Scanner) prefixed(i int) (Kind, int, bool) {
	src, j := s.src, i+1
	switch c := src[i] | 0x20; {
	case src[j] == '\'' && (c == 'e' || c == 'b' || c == 'x'):
		end, bad := s.stringEnd(j+1, c == 'e', c != 'b' && c != 'x')
		return String, end, bad
	case c == 'u' && src[j] == '&' && j+1 < len(src) && src[j+1] == '\'':
		end, bad := s.stringEnd(j+2, false, true)
		return String, end, bad
	case c == 'u' && src[j] == '&' && j+1 < len(src) && src[j+1] == '"':
		end, bad := quotedEnd(src, j+2, '"', false)
		return QuotedIdent, end, bad
	}
	return Ident, j, false
}

// quotedEnd returns the offset after the literal or quoted identifier whose body starts at i
// and whose closing quote is q: a doubled quote stands for one; with backslash, a backslash
// escapes the next byte. Unterminated, it runs to the end and reports bad.
func quotedEnd(src string, i int, q byte, backslash bool) (end int, bad bool) {
	if !backslash {
		for {
			j := strings.IndexByte(src[i:], q)
			if j < 0 {
				return len(src), true
			}
			i += j + 1
			if i >= len(src) || src[i] != q {
				return i, false
			}
			i++
		}
	}
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
		case q:
			if i+1 < len(src) && src[i+1] == q {
				i += 2
			} else {
				return i + 1, false
			}
		default:
			i++
		}
	}
	return len(src), true
}

// stringEnd returns the end of the string constant whose body starts at i, continuations
// included; escape selects E” rules, doubled whether ” stands for a quote (not in B” and X”).
func (s *Scanner) stringEnd(i int, escape, doubled bool) (end int, bad bool) {
	src := s.src
	for {
		if doubled {
			end, bad = quotedEnd(src, i, '\'', escape)
		} else if j := strings.IndexByte(src[i:], '\''); j >= 0 {
			end = i + j + 1
		} else {
			end, bad = len(src), true
		}
		if bad || s.lines {
			return end, bad
		}
		next, ok := continuation(src, end)
		if !ok {
			return end, false
		}
		i = next + 1
	}
}

// continuation reports whether a string constant ending at i goes on: white space holding a
// line break, then a quote, whose offset it returns.
func continuation(src string, i int) (int, bool) {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\f' || src[i] == '\v') {
		i++
	}
	if i >= len(src) || src[i] != '\n' && src[i] != '\r' {
		return 0, false
	}
	for i++; i < len(src) && class[src[i]]&cSpace != 0; i++ {
	}
	return i, i < len(src) && src[i] == '\''
}

// lineCommentEnd returns the end of the line comment at i: the next line feed or carriage
// return, or the end of the text.
func lineCommentEnd(src string, i int) int {
	for j := i + 2; j < len(src); j++ {
		if src[j] == '\n' || src[j] == '\r' {
			return j
		}
	}
	return len(src)
}

// blockCommentEnd returns the offset after the block comment whose body starts at i.
func blockCommentEnd(src string, i int) (int, bool) {
	depth := 1
	for i+1 < len(src) {
		switch {
		case src[i] == '/' && src[i+1] == '*':
			depth++
			i += 2
		case src[i] == '*' && src[i+1] == '/':
			depth--
			i += 2
			if depth == 0 {
				return i, false
			}
		default:
			i++
		}
	}
	return len(src), true
}

// dollarEnd reads a dollar-quoted string whose opening tag starts at i: it reports whether one
// starts there, its end and whether it is unterminated.
func dollarEnd(src string, i int) (end int, ok, bad bool) {
	j := i + 1
	if j < len(src) && class[src[j]]&cIdentStart != 0 {
		for j++; j < len(src) && class[src[j]]&(cIdentStart|cDigit) != 0; j++ {
		}
	}
	if j >= len(src) || src[j] != '$' {
		return 0, false, false
	}
	tag := src[i : j+1]
	if k := strings.Index(src[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag), true, false
	}
	return len(src), true, true
}

// operatorEnd returns the end of the operator starting at i, as PostgreSQL cuts it.
func operatorEnd(src string, i int) int {
	j := i + 1
	for j < len(src) && class[src[j]]&cOp != 0 {
		// A comment starts inside the run: the operator ends before it.
		if (src[j] == '-' && j+1 < len(src) && src[j+1] == '-') || (src[j] == '/' && j+1 < len(src) && src[j+1] == '*') {
			break
		}
		j++
	}
	if j-i > 1 && (src[j-1] == '+' || src[j-1] == '-') {
		if !strings.ContainsAny(src[i:j-1], "~!@#^&|`?%") {
			for j > i+1 && (src[j-1] == '+' || src[j-1] == '-') {
				j--
			}
		}
	}
	return j
}

// numberEnd returns the end of the numeric constant at i (a digit, or a dot before a digit),
// taking in an identifier glued to it, which makes it bad.
func numberEnd(src string, i int) (int, bool) {
	// Most numbers are plain digits.
	j := i
	for j < len(src) && class[src[j]]&cDigit != 0 {
		j++
	}
	if j > i && (j == len(src) || class[src[j]]&cIdentStart == 0 && src[j] != '.') {
		return j, false
	}
	return numberEndSlow(src, i)
}

// numberEndSlow is numberEnd for any numeric constant.
func numberEndSlow(src string, i int) (int, bool) {
	digits := func(j int, ok func(byte) bool) int {
		// Digits, each optionally preceded by one underscore.
		for j < len(src) {
			if ok(src[j]) {
				j++
			} else if src[j] == '_' && j+1 < len(src) && ok(src[j+1]) {
				j += 2
			} else {
				break
			}
		}
		return j
	}
	dec := func(c byte) bool { return c >= '0' && c <= '9' }
	j := i
	if src[i] == '0' && i+1 < len(src) {
		var ok func(byte) bool
		switch src[i+1] | 0x20 {
		case 'x':
			ok = func(c byte) bool { return dec(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
		case 'o':
			ok = func(c byte) bool { return c >= '0' && c <= '7' }
		case 'b':
			ok = func(c byte) bool { return c == '0' || c == '1' }
		}
		if ok != nil {
			if k := digits(i+2, ok); k > i+2 {
				return junk(src, k, false)
			}
		}
	}
	if src[j] != '.' {
		j = digits(j, dec)
	}
	if j < len(src) && src[j] == '.' && !(j+1 < len(src) && src[j+1] == '.') {
		j++
		if j < len(src) && dec(src[j]) {
			j = digits(j, dec)
		}
	}
	if j < len(src) && src[j]|0x20 == 'e' {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && dec(src[k]) {
			j = digits(k, dec)
		} else if k > j+1 {
			return k, true // 1e+ is an error
		}
	}
	return junk(src, j, false)
}

// junk takes in an identifier glued to a number ending at j.
func junk(src string, j int, bad bool) (int, bool) {
	if j < len(src) && class[src[j]]&cIdentStart != 0 {
		for j++; j < len(src) && class[src[j]]&cIdentCont != 0; j++ {
		}
		return j, true
	}
	return j, bad
}

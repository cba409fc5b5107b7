package sqlcheck

// MaxDepth is the deepest nesting the checker hands to the PostgreSQL parser. Deeper input is a
// parse violation: the C parser and its protobuf output recurse once per level and can overflow
// a thread's stack, which crashes the whole process instead of returning an error.
const MaxDepth = 1000

// Nesting estimates, from the text alone and in one pass, an upper bound of the parse tree's
// depth: each parenthesis, bracket or CASE opens a level, and within a level each operator
// or chaining keyword (JOIN, UNION, IS, NOT, ...) adds one, since PostgreSQL nests such chains
// left-deep. Commas, AND, OR and statement ends separate chains: their operands are siblings.
// It returns the estimate and the byte offset where it was reached, and stops early at the first
// point deeper than [MaxDepth]. Everything that hands SQL to pg_query checks it first.
func Nesting(sql string) (depth, at int) {
	// In each frame, sum is the depth of the frame's start, chain counts JOIN and set operations
	// (which separators do not end) and ops counts operators in the current operand.
	type frame struct{ sum, chain, ops int }
	stack := make([]frame, 1, 16)
	push := func(i int) {
		top := stack[len(stack)-1]
		stack = append(stack, frame{sum: top.sum + top.chain + top.ops + 1})
		if d := stack[len(stack)-1].sum; d > depth {
			depth, at = d, i
		}
	}
	pop := func() {
		if len(stack) > 1 {
			stack = stack[:len(stack)-1]
		}
	}
	bump := func(i int, structural bool) {
		top := &stack[len(stack)-1]
		if structural {
			top.chain++
		} else {
			top.ops++
		}
		if d := top.sum + top.chain + top.ops; d > depth {
			depth, at = d, i
		}
	}
	sep := func() { stack[len(stack)-1].ops = 0 }
	n := len(sql)
	for i := 0; i < n && depth <= MaxDepth; {
		c := sql[i]
		switch {
		case c == '\'' && eStringAt(sql, i):
			i = skipEString(sql, i+1)
			continue
		case c == '\'' || c == '"':
			i = skipQuoted(sql, i+1, c)
			continue
		case c == '-' && i+1 < n && sql[i+1] == '-':
			for i < n && sql[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < n && sql[i+1] == '*':
			i = skipBlockComment(sql, i+2)
			continue
		case c == '$':
			if j := skipDollarQuote(sql, i); j > i+1 {
				i = j
				continue
			}
		case c == '(' || c == '[':
			push(i)
		case c == ')' || c == ']':
			pop()
		case c == ',' || c == ';':
			sep()
			if c == ';' {
				stack = stack[:1]
				stack[0] = frame{}
			}
		case isOpChar(c):
			for i+1 < n && isOpChar(sql[i+1]) && !(sql[i+1] == '-' && i+2 < n && sql[i+2] == '-') {
				i++
			}
			bump(i, false)
		case c == ':' && i+1 < n && sql[i+1] == ':':
			i++
			bump(i, false)
		case isClass(c, clIdentStart):
			j := i
			for j < n && isClass(sql[j], clIdentCont) {
				j++
			}
			switch wordClass(sql[i:j]) {
			case wordChain:
				bump(i, false)
			case wordSetOp:
				bump(i, true)
			case wordSep:
				sep()
			case wordOpen:
				push(i)
			case wordClose:
				pop()
			}
			i = j
			continue
		}
		i++
	}
	return depth, at
}

const (
	wordOther = iota
	wordChain
	wordSetOp
	wordSep
	wordOpen
	wordClose
)

// wordClass classifies a keyword for nestingDepth, case-insensitively.
func wordClass(w string) int {
	if len(w) < 2 || len(w) > 9 {
		return wordOther
	}
	var buf [9]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "join", "union", "intersect", "except":
		return wordSetOp
	case "operator", "is", "not", "like", "ilike", "similar",
		"between", "in", "collate", "at", "overlaps", "isnull", "notnull", "escape":
		return wordChain
	case "and", "or", "when", "then", "else":
		return wordSep
	case "case":
		return wordOpen
	case "end":
		return wordClose
	}
	return wordOther
}

func isOpChar(c byte) bool {
	switch c {
	case '+', '-', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?':
		return true
	}
	return false
}

// eStringAt reports whether the quote at i opens an E'...' string: the E before it is a whole
// token, not the end of an identifier (xE'\' is the identifier xE and a plain string).
func eStringAt(sql string, i int) bool {
	if i == 0 || sql[i-1] != 'E' && sql[i-1] != 'e' {
		return false
	}
	return i == 1 || !isClass(sql[i-2], clIdentCont)
}

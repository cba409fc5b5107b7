package sqlcheck

import "github.com/tenantq/tenantq/internal/sqltext"

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
	sc := sqltext.NewScanner(sql)
	for depth <= MaxDepth {
		t := sc.NextIn(nestingKinds)
		switch t.Kind {
		case sqltext.EOF:
			return depth, at
		case sqltext.Punct:
			switch sql[t.Offset] {
			case '(', '[':
				push(t.Offset)
			case ')', ']':
				pop()
			case ',':
				sep()
			case ';':
				stack = stack[:1]
				stack[0] = frame{}
			case ':':
				if t.End-t.Offset == 2 && sql[t.Offset+1] == ':' {
					bump(t.End-1, false) // a cast
				}
			}
		case sqltext.Operator:
			bump(t.End-1, false)
		case sqltext.Ident:
			switch wordClass(sql[t.Offset:t.End]) {
			case wordChain:
				bump(t.Offset, false)
			case wordSetOp:
				bump(t.Offset, true)
			case wordSep:
				sep()
			case wordOpen:
				push(t.Offset)
			case wordClose:
				pop()
			}
		}
	}
	return depth, at
}

// nestingKinds are the tokens [Nesting] reads.
var nestingKinds = sqltext.Set(sqltext.Punct, sqltext.Operator, sqltext.Ident)

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

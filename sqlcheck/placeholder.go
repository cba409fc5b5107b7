package sqlcheck

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantq/tenantq/internal/sqltext"
)

// ParamStyle is the spelling of a placeholder in the original SQL.
type ParamStyle uint8

// The placeholder spellings [Normalize] understands.
const (
	// StyleDollar is PostgreSQL's positional $1.
	StyleDollar ParamStyle = iota + 1
	// StyleQuestion is ? (squirrel's Question format, sqlx, gorm).
	StyleQuestion
	// StyleColon is :name (sqlx).
	StyleColon
	// StyleAt is @name (pgx named args, sqlc).
	StyleAt
	// StyleSqlc is sqlc.arg(name), sqlc.narg(name) or sqlc.slice(name).
	StyleSqlc
)

// String returns the style's name: "dollar", "question", "colon", "at" or "sqlc".
func (s ParamStyle) String() string {
	switch s {
	case StyleDollar:
		return "dollar"
	case StyleQuestion:
		return "question"
	case StyleColon:
		return "colon"
	case StyleAt:
		return "at"
	case StyleSqlc:
		return "sqlc"
	}
	return "ParamStyle(" + strconv.Itoa(int(s)) + ")"
}

// Param is one distinct placeholder value.
type Param struct {
	// Number is the 1-based n of $n in the normalised text.
	Number int
	// Name is the name of a named placeholder; it is empty for $n and ?.
	Name string
	// Style is the spelling of the placeholder's first occurrence.
	Style ParamStyle
	// Slice is set for sqlc.slice(name): a list of values, never a single value.
	Slice bool
	// Offset is the byte offset of its first occurrence in the original text.
	Offset int
}

// Normalize rewrites every placeholder in sql as $n and returns the new text and the distinct
// placeholders, ordered by Number.
//
// Placeholders are found outside string literals (plain, E'...', U&'...', B'...', X'...', N'...'),
// dollar-quoted strings, quoted identifiers and comments (nested block comments too); the rest of
// the text is copied unchanged, invalid UTF-8 included. $n stays as written. Each ? is a new value,
// unless the text holds a $n, in which case every ? is the jsonb operator and stays; otherwise ??
// becomes the ? operator and ?| and ?& stay. Each distinct name of :name, @name, sqlc.arg(name),
// sqlc.narg(name) and sqlc.slice(name) is one value. New numbers follow the largest $n of the text,
// in order of first appearance. Operators such as @>, <@, @@, ?|, ?& and casts (::) are kept;
// in ?|| and ?&& the ? is a placeholder before || or &&. A space sets a new $n apart where it
// would otherwise merge with its neighbours: a?1 becomes "a $1 1", not the identifier a$1 and
// the parameter $11.
//
// A $n whose number PostgreSQL rejects as too large (above 2147483647) is not a placeholder, and
// a named placeholder is left as written when no number up to that limit is left for it: the
// parser reports either later. Normalize never fails and never panics; it is safe for
// concurrent use.
func Normalize(sql string) (string, []Param) {
	n := normalize(sql)
	return n.sql, n.params
}

// maxParam is the largest parameter number PostgreSQL's lexer accepts.
const maxParam = math.MaxInt32

// normalized is the result of normalising one SQL text.
type normalized struct {
	sql    string     // text with every placeholder as $n
	params []Param    // ordered by Number
	style  ParamStyle // style of the first placeholder seen, 0 if none
	edits  []edit     // replacements made, in order, to map offsets back
}

// edit is one replacement: the original bytes [off, off+n) became the normalised bytes
// [newOff, newOff+newN).
type edit struct {
	off, n       int
	newOff, newN int
}

// normalize normalises sql. It is small enough to inline, so a caller that keeps the result
// local, such as [Normalize], does not allocate it.
func normalize(sql string) *normalized {
	n := &normalized{}
	n.run(sql)
	return n
}

// origOffset maps a byte offset in the normalised text to the byte offset in the original text.
// An offset inside a replacement maps to the start of the replaced placeholder; offsets out of
// range are clamped. The mapping never decreases.
func (n *normalized) origOffset(off int) int {
	off = max(0, min(off, len(n.sql)))
	i, found := slices.BinarySearchFunc(n.edits, off, func(e edit, off int) int { return e.newOff - off })
	if !found {
		i--
	}
	if i < 0 {
		return off
	}
	e := n.edits[i]
	if off < e.newOff+e.newN {
		return e.off
	}
	return e.off + e.n + off - (e.newOff + e.newN)
}

// param returns the placeholder $number.
func (n *normalized) param(number int) (Param, bool) {
	i, ok := slices.BinarySearchFunc(n.params, number, func(p Param, number int) int {
		switch {
		case p.Number < number:
			return -1
		case p.Number > number:
			return 1
		}
		return 0
	})
	if !ok {
		return Param{}, false
	}
	return n.params[i], true
}

// occurrence kinds found by the scan.
const (
	occDollar   = iota // $n
	occQuestion        // ?
	occEscaped         // ?? (the ? operator)
	occNamed           // :name, @name, sqlc.*(name)
)

// occurrence is one placeholder-like spot in the original text, [start, end).
type occurrence struct {
	start, end int
	stmt       int // 0-based index of the statement, counted at semicolons
	kind       uint8
	style      ParamStyle
	slice      bool
	name       string // named placeholders
	number     int    // $n
}

// Byte classes of placeholder names; the scanner (internal/sqltext) knows the rest.
const (
	clNameStart = 1 << iota // starts a placeholder name: ASCII letter, _
	clNameCont              // continues a placeholder name: ASCII letter, digit, _
	clNoColon               // may not precede :name
	clAtPrev                // may precede @name
)

var phClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			t[c] = clNameStart | clNameCont | clNoColon
		case c >= '0' && c <= '9':
			t[c] = clNameCont | clNoColon
		case c >= 0x80, c == '$', c == ':', c == ']', c == ')', c == '"':
			t[c] = clNoColon
		case sqltext.IsSpace(byte(c)), c == '(', c == ',', c == '=', c == '[':
			t[c] = clAtPrev
		}
	}
	return t
}()

func isClass(c byte, class uint8) bool { return phClass[c]&class != 0 }

// run scans sql once, recording placeholders, then writes the normalised text if anything
// has to change. Placeholders are spelt with PostgreSQL's operator characters (? and @) and
// punctuation (:), so they are read inside those tokens; the scanner skips literals, quoted
// identifiers, dollar quotes, comments and numbers (with any identifier glued to them, as
// PostgreSQL reads "integer junk": neither 1a$1 nor 1sqlc.arg(x) holds a placeholder).
func (n *normalized) run(sql string) {
	var buf [16]occurrence
	occs := buf[:0]
	hasDollar := false
	stmt := 0
	sc := sqltext.NewScanner(sql)
	want := placeholderKinds
	if hasSqlcDot(sql) {
		want |= sqltext.Set(sqltext.Ident)
	}
scan:
	for {
		t := sc.NextIn(want)
		switch t.Kind {
		case sqltext.EOF:
			break scan
		case sqltext.Punct:
			i := t.Offset
			switch {
			case sql[i] == ';':
				stmt++
			case sql[i] == ':' && t.End == i+1 && i+1 < len(sql) && isClass(sql[i+1], clNameStart) &&
				(i == 0 || !isClass(sql[i-1], clNoColon)):
				j := scanName(sql, i+1)
				occs = append(occs, occurrence{start: i, end: j, stmt: stmt, kind: occNamed, style: StyleColon, name: sql[i+1 : j]})
				sc.Seek(j)
			}
		case sqltext.Param:
			if _, num := scanNumber(sql, t.Offset+1); num <= maxParam {
				occs = append(occs, occurrence{start: t.Offset, end: t.End, stmt: stmt, kind: occDollar, style: StyleDollar, number: num})
				hasDollar = true
			}
		case sqltext.Ident:
			if t.End-t.Offset == 4 && t.End < len(sql) && sql[t.End] == '.' && strings.EqualFold(sql[t.Offset:t.End], "sqlc") {
				if o, ok := scanSqlc(sql, t.Offset, t.End+1); ok {
					o.stmt = stmt
					occs = append(occs, o)
					sc.Seek(o.end)
				}
			}
		case sqltext.Operator:
			for i := t.Offset; i < t.End; {
				var next byte
				if i+1 < len(sql) {
					next = sql[i+1]
				}
				switch {
				case sql[i] == '?' && next == '?':
					occs = append(occs, occurrence{start: i, end: i + 2, stmt: stmt, kind: occEscaped})
					i += 2
				case sql[i] == '?' && (next == '|' || next == '&') && (i+2 >= len(sql) || sql[i+2] != next):
					i += 2 // jsonb ?| or ?&; ?|| and ?&& are a placeholder then || or &&
				case sql[i] == '?':
					occs = append(occs, occurrence{start: i, end: i + 1, stmt: stmt, kind: occQuestion, style: StyleQuestion})
					i++
				case sql[i] == '@' && isClass(next, clNameStart) && (i == 0 || isClass(sql[i-1], clAtPrev)):
					// The name follows the operator's last byte.
					j := scanName(sql, i+1)
					occs = append(occs, occurrence{start: i, end: j, stmt: stmt, kind: occNamed, style: StyleAt, name: sql[i+1 : j]})
					sc.Seek(j)
					i = t.End
				default:
					i++
				}
			}
		}
	}
	n.sql = sql
	if len(occs) == 0 {
		return
	}
	n.build(sql, occs, hasDollar)
}

// placeholderKinds are the tokens that can hold a placeholder, sqlc.arg aside.
var placeholderKinds = sqltext.Set(sqltext.Punct, sqltext.Param, sqltext.Operator)

// hasSqlcDot reports whether sql holds "sqlc." in any case, so that identifiers are worth
// reading.
func hasSqlcDot(sql string) bool {
	for i := 0; ; {
		j := strings.IndexByte(sql[i:], '.')
		if j < 0 {
			return false
		}
		i += j + 1
		if i >= 5 && strings.EqualFold(sql[i-5:i-1], "sqlc") {
			return true
		}
	}
}

// build numbers the placeholders found by run and writes the normalised text. A ? is
// PostgreSQL's jsonb operator, not a placeholder, in a statement that has $n, @name or
// sqlc.arg placeholders, as the driver and sqlc read it; this is decided statement by
// statement, so that one query of a sqlc file does not change how another is read. (sqlx's
// :name compiles to ? bindvars, so beside it a ? is a placeholder too.)
func (n *normalized) build(sql string, occs []occurrence, hasDollar bool) {
	var operator map[int]bool // statements whose ? are operators; nil when none
	if hasDollar || hasSqlcNamed(occs) {
		operator = make(map[int]bool)
		for _, o := range occs {
			if o.kind == occDollar || o.kind == occNamed && o.style != StyleColon {
				operator[o.stmt] = true
			}
		}
	}
	nDollar, nEdits := 0, 0
	for i := range occs {
		switch {
		case occs[i].kind == occDollar:
			nDollar++
		case occs[i].kind == occNamed, !operator[occs[i].stmt]:
			nEdits++
		}
	}
	n.params = make([]Param, 0, nDollar+nEdits)

	// Distinct $n, ordered by number; the first occurrence of each wins.
	maxN := 0
	for i := range occs {
		if o := &occs[i]; o.kind == occDollar {
			n.params = append(n.params, Param{Number: o.number, Style: StyleDollar, Offset: o.start})
			maxN = max(maxN, o.number)
		}
	}
	if nDollar > 1 {
		slices.SortStableFunc(n.params, func(a, b Param) int { return a.Number - b.Number })
		n.params = slices.CompactFunc(n.params, func(a, b Param) bool { return a.Number == b.Number })
	}
	if nEdits == 0 {
		// Only $n and ignored ?: the text stays.
		n.style = StyleDollar
		return
	}

	// Number the new values in order of first appearance and write the text.
	first := len(n.params)
	var byName map[string]int
	var b strings.Builder
	b.Grow(len(sql) + 8*nEdits)
	n.edits = make([]edit, 0, nEdits)
	last := 0
	var prev byte // last byte written to b
	var buf [24]byte
	for i := range occs {
		o := &occs[i]
		if o.kind == occDollar {
			if n.style == 0 {
				n.style = StyleDollar
			}
			continue
		}
		if o.kind != occNamed && operator[o.stmt] {
			continue // ? and ?? are operators
		}
		rep := buf[:0]
		switch {
		case o.kind == occEscaped:
			rep = append(rep, '?')
			if o.end < len(sql) && sql[o.end] == '?' {
				rep = append(rep, ' ') // ???| is ?? then ?|, not ??|
			}
		default:
			idx := -1
			if o.kind == occNamed {
				idx = n.lookupName(o.name, first, &byName)
			}
			if idx < 0 && maxN >= maxParam {
				// No number left: keep the text, the parser rejects it. The scan read a
				// $ after the name as a new token ($1, $tag$), so keep it one: in @a$1 the
				// $1 is a parameter, not part of an identifier a$1.
				if o.end == len(sql) || sql[o.end] != '$' {
					continue
				}
				rep = append(append(rep, sql[o.start:o.end]...), ' ')
				break
			}
			if idx < 0 {
				maxN++
				idx = len(n.params)
				n.params = append(n.params, Param{
					Number: maxN, Name: o.name, Style: o.style, Slice: o.slice, Offset: o.start,
				})
				if byName != nil {
					byName[o.name] = idx
				}
			} else if o.slice {
				n.params[idx].Slice = true
			}
			if n.style == 0 {
				n.style = o.style
			}
			// Keep the new $n a token of its own: not glued to a preceding identifier,
			// number or $ (a$1 is an identifier, $$1 opens a dollar quote), nor to the
			// digits that follow (?1 is not $11).
			if last < o.start {
				prev = sql[o.start-1]
			}
			if sqltext.IsIdentCont(prev) {
				rep = append(rep, ' ')
			}
			rep = append(rep, '$')
			rep = strconv.AppendInt(rep, int64(n.params[idx].Number), 10)
			if o.end < len(sql) && isDigit(sql[o.end]) {
				rep = append(rep, ' ')
			}
		}
		b.WriteString(sql[last:o.start])
		n.edits = append(n.edits, edit{off: o.start, n: o.end - o.start, newOff: b.Len(), newN: len(rep)})
		b.Write(rep)
		prev = rep[len(rep)-1]
		last = o.end
	}
	if len(n.edits) == 0 {
		n.edits = nil
		return
	}
	b.WriteString(sql[last:])
	n.sql = b.String()
}

// hasSqlcNamed reports whether any occurrence is an @name or sqlc.arg placeholder.
func hasSqlcNamed(occs []occurrence) bool {
	for _, o := range occs {
		if o.kind == occNamed && o.style != StyleColon {
			return true
		}
	}
	return false
}

// lookupName returns the index in n.params of the named value name, or -1. New values start
// at n.params[first]; a few are searched in turn, many through a map made on first need.
func (n *normalized) lookupName(name string, first int, byName *map[string]int) int {
	if *byName == nil {
		if len(n.params)-first <= 32 {
			for i := first; i < len(n.params); i++ {
				if n.params[i].Name == name {
					return i
				}
			}
			return -1
		}
		*byName = make(map[string]int, 2*(len(n.params)-first))
		for i := first; i < len(n.params); i++ {
			if p := &n.params[i]; p.Name != "" {
				(*byName)[p.Name] = i
			}
		}
	}
	if idx, ok := (*byName)[name]; ok {
		return idx
	}
	return -1
}

// scanNumber returns the end of the digits starting at i and their value, saturated at
// maxParam+1.
func scanNumber(sql string, i int) (end, value int) {
	for ; i < len(sql) && isDigit(sql[i]); i++ {
		if value <= maxParam {
			value = value*10 + int(sql[i]-'0')
		}
	}
	return i, min(value, maxParam+1)
}

// scanName returns the end of the placeholder name starting at i.
func scanName(sql string, i int) int {
	for i < len(sql) && isClass(sql[i], clNameCont) {
		i++
	}
	return i
}

// scanSqlc recognises sqlc.arg(name), sqlc.narg(name) and sqlc.slice(name) starting at start,
// with i just after "sqlc.".
func scanSqlc(sql string, start, i int) (occurrence, bool) {
	j := i
	for j < len(sql) && isClass(sql[j], clNameCont) {
		j++
	}
	fn := sql[i:j]
	o := occurrence{start: start, kind: occNamed, style: StyleSqlc}
	switch {
	case strings.EqualFold(fn, "arg"), strings.EqualFold(fn, "narg"):
	case strings.EqualFold(fn, "slice"):
		o.slice = true
	default:
		return o, false
	}
	if j >= len(sql) || sql[j] != '(' {
		return o, false
	}
	j = skipSpace(sql, j+1)
	if j >= len(sql) {
		return o, false
	}
	if q := sql[j]; q == '\'' || q == '"' {
		k := strings.IndexByte(sql[j+1:], q)
		if k <= 0 {
			return o, false
		}
		o.name = sql[j+1 : j+1+k]
		j += k + 2
	} else {
		if !isClass(q, clNameStart) {
			return o, false
		}
		k := scanName(sql, j)
		o.name = sql[j:k]
		j = k
	}
	j = skipSpace(sql, j)
	if j >= len(sql) || sql[j] != ')' {
		return o, false
	}
	o.end = j + 1
	return o, true
}

func skipSpace(sql string, i int) int {
	for i < len(sql) && sqltext.IsSpace(sql[i]) {
		i++
	}
	return i
}

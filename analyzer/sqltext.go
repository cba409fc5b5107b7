package analyzer

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/tenantq/tenantq/internal/sqltext"
	"github.com/tenantq/tenantq/sqlcheck"
)

// A textKind says where a candidate SQL text comes from.
type textKind uint8

const (
	// constText is a text known at compile time.
	constText textKind = iota
	// builtText is the result of a tenantq builder's ToSql or MustSql, verified at run time.
	builtText
	// paramText is a string parameter of the enclosing function: the function is a wrapper.
	paramText
	// unknownText is anything else: SQL whose tenant scope cannot be verified.
	unknownText
)

// A text is one value the SQL argument of a call can hold.
type text struct {
	kind  textKind
	sql   string         // constText
	param *ssa.Parameter // paramText
}

// maxTexts bounds the candidates of one value (branches multiply through concatenation); a
// value with more is treated as unknown.
const maxTexts = 32

// tenantqPath is the import path of the builder whose output is trusted.
const tenantqPath = "github.com/tenantq/tenantq/tenantq"

// maxSteps bounds the values one recovery visits, whatever the shape of the code.
const maxSteps = 100_000

// texts recovers the values v can hold. A value reached again while it is being recovered is
// a loop: one that only carries values through phis (q reassigned to constants in a loop)
// adds nothing of its own, so the other edges give the candidates; one that computes (q +=
// part) is unknown. Results computed while a loop was cut short are partial, so they are not
// memoized.
func (r *runner) texts(v ssa.Value) []text {
	unknown := []text{{kind: unknownText}}
	if t, ok := r.memo[v]; ok {
		return t
	}
	if i := slices.Index(r.stack, v); i >= 0 {
		for _, w := range r.stack[i:] {
			if !passesThrough(w) {
				return unknown
			}
		}
		r.cut = true
		return nil
	}
	if len(r.stack) == 0 {
		r.steps = 0
	}
	if r.steps++; r.steps > maxSteps {
		r.cut = true // not memoized: the budget, not the value, decided
		return unknown
	}
	r.stack = append(r.stack, v)
	outer := r.cut
	r.cut = false
	t := r.recover(v)
	r.stack = r.stack[:len(r.stack)-1]
	if len(t) > maxTexts {
		t = unknown
	}
	if !r.cut {
		r.memo[v] = t
	}
	r.cut = r.cut || outer
	return t
}

// passesThrough reports whether v only passes a string on: a loop through such values
// carries candidates without making new ones.
func passesThrough(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Phi, *ssa.ChangeType, *ssa.Convert:
		return true
	}
	return false
}

func (r *runner) recover(v ssa.Value) []text {
	unknown := []text{{kind: unknownText}}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			if isString(v.Type()) {
				return []text{{kind: constText}}
			}
			return unknown
		}
		if v.Value.Kind() != constant.String {
			return unknown
		}
		return []text{{kind: constText, sql: constant.StringVal(v.Value)}}
	case *ssa.BinOp:
		if v.Op != token.ADD || !isString(v.Type()) {
			return unknown
		}
		return concat(r.texts(v.X), r.texts(v.Y))
	case *ssa.Phi:
		var out []text
		for _, e := range v.Edges {
			for _, t := range r.texts(e) {
				if !containsText(out, t) {
					out = append(out, t)
				}
			}
		}
		return out
	case *ssa.ChangeType:
		return r.texts(v.X)
	case *ssa.Convert:
		if isString(v.X.Type()) {
			return r.texts(v.X)
		}
		return unknown
	case *ssa.Parameter:
		fn := v.Parent()
		if fn == nil || fn.Parent() != nil || fn.Object() == nil || !isString(v.Type()) {
			return unknown // a closure's, or not a string
		}
		if fn.Signature.Recv() != nil && len(fn.Params) > 0 && fn.Params[0] == v {
			return unknown // a receiver cannot be a wrapper's SQL argument
		}
		return []text{{kind: paramText, param: v}}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return r.callTexts(call, v.Index, true)
		}
		return unknown
	case *ssa.Call:
		return r.callTexts(v, 0, false)
	}
	return unknown
}

// callTexts recovers the string result index of a call (tuple says whether the call returns
// several): the output of tenantq and of functions that return it, fmt.Sprintf, strings.Join,
// and of calls that return their SQL argument with placeholders rewritten (sqlx.Rebind,
// sqlx.In).
func (r *runner) callTexts(call *ssa.Call, index int, tuple bool) []text {
	unknown := []text{{kind: unknownText}}
	common := call.Common()
	if m := common.Method; m != nil {
		// tenantq's own statement interface, whose toSql only its builders implement.
		if tuple && index == 0 && m.Pkg() != nil && m.Pkg().Path() == tenantqPath && builtName(m.Name()) {
			return []text{{kind: builtText}}
		}
		return unknown
	}
	fn := common.StaticCallee()
	if fn == nil {
		return unknown
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil {
		return unknown
	}
	path, name := obj.Pkg().Path(), obj.Name()
	recv := obj.Type().(*types.Signature).Recv() != nil
	args := common.Args
	if slices.Contains(r.builtResults(obj), index) {
		return []text{{kind: builtText}}
	}
	if index != 0 {
		return unknown
	}
	if hole := holeOf(path, recvName(obj), name); hole != "" && !tuple {
		switch {
		case name == "Sanitize":
			return r.sanitize(call, args[0])
		case (name == "FormatInt" || name == "FormatUint") && (len(args) != 2 || !isConstInt(args[1], 10)):
			return unknown // letters in other bases
		}
		return []text{{kind: constText, sql: r.nextHole(hole)}}
	}
	switch {
	case path == tenantqPath && recv && tuple && builtName(name):
		return []text{{kind: builtText}}
	case path == "fmt" && name == "Sprintf" && !tuple:
		return r.sprintf(call, args[0], args[1])
	case path == "strings" && name == "Join" && !tuple:
		return r.join(call, args[0], args[1])
	case path == "github.com/jmoiron/sqlx" && (name == "Rebind" || name == "In" || name == "Named"):
		// Rebind(bindType, query), (*DB).Rebind(query), In(query, args...), Named(query, arg):
		// the same statement with other placeholders.
		i := 0
		if name == "Rebind" {
			i = 1 // the receiver, or the bind type
		}
		if i < len(args) && isString(args[i].Type()) {
			return r.texts(args[i])
		}
	}
	return unknown
}

// Holes. A value spliced into constant SQL that can only be a quoted identifier (a quoting
// function's result) or a number (strconv's, or fmt's formatting of a number) cannot carry a
// predicate: the text is checked with a stand-in in the hole, "tenantq_hole_N" for an
// identifier and 70000+N for a number, each hole its own, so two holes never pass for one
// tenant value. A string from anywhere else stays unknown: it may be "x OR true".
const (
	identHole  = "ident"
	numberHole = "number"
	holePrefix = `"tenantq_hole_`
	// numberPrefix starts a number hole's stand-in. It is negative, the worst case: after a
	// minus sign it starts a comment, which holesSafe refuses.
	numberPrefix = "-924610"
)

// holeOf says what a call returns that may fill a hole: identHole for the functions that quote
// an identifier, numberHole for those that format a number, "" otherwise.
func holeOf(path, recv, name string) string {
	switch {
	case path == "github.com/lib/pq" && name == "QuoteIdentifier",
		(path == "github.com/jackc/pgx/v5" || path == "github.com/jackc/pgx/v4") && recv == "Identifier" && name == "Sanitize":
		return identHole
	case path == "strconv" && (name == "Itoa" || name == "FormatInt" || name == "FormatUint"):
		return numberHole
	}
	return ""
}

// recvName names a method's receiver type, "" for a function.
func recvName(obj *types.Func) string {
	recv := obj.Type().(*types.Signature).Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// nextHole returns the stand-in for a new hole of kind.
func (r *runner) nextHole(kind string) string {
	r.holes++
	if kind == numberHole {
		return numberPrefix + strconv.Itoa(r.holes)
	}
	return holePrefix + strconv.Itoa(r.holes) + `"`
}

// isInteger reports whether t is an integer type.
func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// isConstInt reports whether v is the integer constant n.
func isConstInt(v ssa.Value, n int64) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && c.Int64() == n
}

// sanitize recovers (pgx.Identifier).Sanitize of a composite literal: each part quoted, and
// joined with dots. A part that is not constant is an identifier hole.
func (r *runner) sanitize(call ssa.Instruction, ident ssa.Value) []text {
	elems, ok := sliceElems(ident, call)
	if !ok || len(elems) == 0 {
		return []text{{kind: constText, sql: r.nextHole(identHole)}}
	}
	parts := make([]string, len(elems))
	for i, e := range elems {
		ts := r.texts(e)
		if len(ts) == 1 && ts[0].kind == constText && !hasHoles(ts[0].sql) {
			parts[i] = quoteIdentifier(strings.ReplaceAll(ts[0].sql, "\x00", ""))
		} else {
			parts[i] = r.nextHole(identHole)
		}
	}
	return []text{{kind: constText, sql: strings.Join(parts, ".")}}
}

// builtName reports whether a tenantq method of this name returns verified SQL.
func builtName(name string) bool {
	return name == "ToSql" || name == "MustSql" || name == "toSql"
}

// sprintf recovers fmt.Sprintf(format, operands...) with a constant format and constant
// operands of basic types (a named type could format itself with a String method).
func (r *runner) sprintf(call ssa.Instruction, format, operands ssa.Value) []text {
	unknown := []text{{kind: unknownText}}
	elems, ok := sliceElems(operands, call)
	if !ok {
		return unknown
	}
	// Each operand's candidates; an operand of another type must be a constant, or an integer
	// formatted with %d or %v (other verbs give letters or any character).
	choices := [][]any{}
	numbers := make(map[int]bool) // operands that are number holes
	for i, e := range elems {
		if mi, ok := e.(*ssa.MakeInterface); ok {
			e = mi.X
		}
		if _, basic := types.Unalias(e.Type()).(*types.Basic); !basic {
			return unknown
		}
		var vals []any
		if isString(e.Type()) {
			for _, t := range r.texts(e) {
				if t.kind != constText {
					return unknown
				}
				vals = append(vals, t.sql)
			}
		} else if _, isConst := e.(*ssa.Const); !isConst && isInteger(e.Type()) {
			// An integer formatted into the text: digits and a sign, no predicate.
			n, _ := strconv.Atoi(r.nextHole(numberHole))
			numbers[i] = true
			vals = append(vals, n)
		} else if c, ok := e.(*ssa.Const); ok && c.Value != nil {
			switch c.Value.Kind() {
			case constant.Int:
				if n, exact := constant.Int64Val(c.Value); exact {
					vals = append(vals, n)
				}
			case constant.Bool:
				vals = append(vals, constant.BoolVal(c.Value))
			case constant.Float:
				f, _ := constant.Float64Val(c.Value)
				vals = append(vals, f)
			}
		}
		if len(vals) == 0 {
			return unknown
		}
		choices = append(choices, vals)
	}
	var out []text
	for _, f := range r.texts(format) {
		if f.kind != constText {
			return unknown
		}
		if len(numbers) > 0 {
			verbs, ok := formatVerbs(f.sql)
			if !ok {
				return unknown
			}
			for i := range numbers {
				if i >= len(verbs) || verbs[i] != 'd' && verbs[i] != 'v' {
					return unknown
				}
			}
		}
		combos := [][]any{nil}
		for _, vals := range choices {
			var next [][]any
			for _, c := range combos {
				for _, v := range vals {
					next = append(next, append(append([]any(nil), c...), v))
				}
			}
			if len(next) > maxTexts {
				return unknown
			}
			combos = next
		}
		for _, c := range combos {
			t := fmt.Sprintf(f.sql, c...)
			if len(t) > sqlcheck.MaxBytes {
				return unknown
			}
			out = append(out, text{kind: constText, sql: t})
		}
	}
	return out
}

// join recovers strings.Join(elems, sep) of constants.
func (r *runner) join(call ssa.Instruction, slice, sep ssa.Value) []text {
	unknown := []text{{kind: unknownText}}
	elems, ok := sliceElems(slice, call)
	if !ok {
		return unknown
	}
	parts := []text{{kind: constText}}
	for i, e := range elems {
		if i > 0 {
			parts = concat(parts, r.texts(sep))
		}
		parts = concat(parts, r.texts(e))
	}
	return parts
}

// sliceElems returns the elements of a slice made by a composite literal (or a variadic call)
// and read by user: a slice of an array allocation whose elements are each stored once, before
// user reads them, and which nothing but user can reach (so nothing can change it).
func sliceElems(v ssa.Value, user ssa.Instruction) ([]ssa.Value, bool) {
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	var via *ssa.ChangeType // pgx.Identifier{...} as []string, or the reverse
	if ct, ok := v.(*ssa.ChangeType); ok {
		via, v = ct, ct.X
	}
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	arr, ok := alloc.Type().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return nil, false
	}
	onlyUser := func(refs *[]ssa.Instruction, allowed ssa.Instruction) bool {
		for _, ref := range *refs {
			if _, debug := ref.(*ssa.DebugRef); !debug && ref != user && ref != allowed {
				return false
			}
		}
		return true
	}
	if via != nil && (!onlyUser(sl.Referrers(), via) || !onlyUser(via.Referrers(), nil)) {
		return nil, false
	}
	if via == nil && !onlyUser(sl.Referrers(), nil) {
		return nil, false
	}
	elems := make([]ssa.Value, arr.Len())
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Slice:
			if ref != sl {
				return nil, false
			}
		case *ssa.IndexAddr:
			idx, ok := ref.Index.(*ssa.Const)
			if !ok {
				return nil, false
			}
			i := idx.Int64()
			stores := *ref.Referrers()
			if i < 0 || i >= int64(len(elems)) || len(stores) != 1 || elems[i] != nil {
				return nil, false
			}
			st, ok := stores[0].(*ssa.Store)
			if !ok || st.Addr != ref || !before(st, user) {
				return nil, false
			}
			elems[i] = st.Val
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	for _, e := range elems {
		if e == nil {
			return nil, false // an element left zero: not a literal we understand
		}
	}
	return elems, true
}

// before reports whether instruction a always runs before b: earlier in the same block, or in
// a block that dominates b's.
func before(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, instr := range a.Block().Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// concat is the cross product of two candidate lists under string concatenation. Only
// constants concatenate to a constant; anything joined with a non-constant is unknown.
func concat(xs, ys []text) []text {
	var out []text
	for _, x := range xs {
		for _, y := range ys {
			t := text{kind: unknownText}
			if x.kind == constText && y.kind == constText && len(x.sql)+len(y.sql) <= sqlcheck.MaxBytes {
				t = text{kind: constText, sql: x.sql + y.sql}
			}
			if !containsText(out, t) {
				out = append(out, t)
			}
			if len(out) > maxTexts {
				return []text{{kind: unknownText}}
			}
		}
	}
	return out
}

func containsText(ts []text, t text) bool {
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}

// describeTexts says how many texts an argument can hold, for messages about one of them.
func describeTexts(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (in one of the %d texts this argument can hold)", n)
}

// formatVerbs lists the verbs of a fmt format, one per operand. ok is false for formats whose
// operands are not taken in order (explicit indexes, * widths).
func formatVerbs(format string) (verbs []byte, ok bool) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) || format[i] == '[' || format[i] == '*' {
			return nil, false
		}
		if format[i] != '%' {
			verbs = append(verbs, format[i])
		}
	}
	return verbs, true
}

// holeStandIn matches the stand-ins of holes: identifiers and numbers.
var holeStandIn = regexp.MustCompile(`"tenantq_hole_[0-9]+"|` + numberPrefix + `[0-9]+`)

// hasHoles reports whether a constant text holds values spliced in.
func hasHoles(sql string) bool {
	return strings.Contains(sql, holePrefix) || strings.Contains(sql, numberPrefix)
}

// holeAt returns the length of the hole stand-in at offset i of sql, 0 if none starts there.
func holeAt(sql string, i int) (n int, ident bool) {
	if loc := holeStandIn.FindStringIndex(sql[i:]); loc != nil && loc[0] == 0 {
		return loc[1], sql[i] == '"'
	}
	return 0, false
}

// holesSafe reports whether each hole of sql stands where its token cannot change what the
// rules see: outside literals, quoted identifiers and comments; apart from the tokens around
// it (a number not after a minus sign, which would start a comment with a negative value);
// not before "(" (a function's name: code tenantvet cannot see); not where a table is named,
// since the policy decides about tables by name.
func holesSafe(sql string) bool {
	type hole struct {
		off, n int
		ident  bool
	}
	var holes []hole
	// A hole is a whole token outside literals, quoted identifiers other than the stand-in, and
	// comments; the scanner reads those as PostgreSQL does.
	sc := sqltext.NewScanner(sql)
	for tok := sc.Next(); tok.Kind != sqltext.EOF; tok = sc.Next() {
		switch tok.Kind {
		case sqltext.QuotedIdent, sqltext.Operator:
			// "tenantq_hole_1", or a number's stand-in, whose minus sign is an operator token.
			if n, ident := holeAt(sql, tok.Offset); n > 0 && (tok.Kind == sqltext.Operator || n == tok.End-tok.Offset) {
				holes = append(holes, hole{tok.Offset, n, ident})
				sc.Seek(tok.Offset + n)
			}
		}
	}
	if len(holeStandIn.FindAllStringIndex(sql, -1)) != len(holes) {
		return false // a hole inside a literal, quoted identifier or comment
	}
	for _, h := range holes {
		before, after := byte(' '), byte(' ')
		if h.off > 0 {
			before = sql[h.off-1]
		}
		if end := h.off + h.n; end < len(sql) {
			after = sql[end]
		}
		okBefore, okAfter := " \t\r\n(,=<>+*/", " \t\r\n),;=<>+-*/:"
		if h.ident {
			okBefore += "."
			okAfter += "."
		}
		if strings.IndexByte(okBefore, before) < 0 || strings.IndexByte(okAfter, after) < 0 {
			return false
		}
		if next := strings.TrimLeft(sql[h.off+h.n:], " \t\r\n"); strings.HasPrefix(next, "(") {
			return false // a function's name, or a table's with a column list
		}
		if tableWords[clauseBefore(sql, h.off)] {
			return false
		}
	}
	return true
}

// tableWords are the words after which (or after whose comma-separated list) a table is named.
var tableWords = names("from", "join", "into", "update", "table", "only", "truncate", "copy", "using")

// clauseBefore returns the lower-case word that governs the token at off: the word just before
// it (after a qualifier "x." is skipped), or, after a comma, the nearest clause word before the
// list at the same parenthesis depth.
func clauseBefore(sql string, off int) string {
	i := off
	skipSpace := func() {
		for i > 0 && strings.IndexByte(" \t\r\n", sql[i-1]) >= 0 {
			i--
		}
	}
	word := func() string {
		j := i
		for i > 0 && (isWordByte(sql[i-1]) || sql[i-1] == '"') {
			i--
		}
		return strings.ToLower(sql[i:j])
	}
	// paren names the list a "(" opens: "set(" for SET's parenthesized column list.
	paren := func() string {
		i--
		skipSpace()
		if word() == "set" {
			return "set("
		}
		return "("
	}
	skipSpace()
	if i > 0 && sql[i-1] == '.' {
		i--
		word()
		skipSpace()
	}
	if i > 0 && sql[i-1] == '(' {
		return paren()
	}
	if i > 0 && sql[i-1] != ',' {
		return word()
	}
	depth := 0
	for i > 0 {
		switch c := sql[i-1]; {
		case c == ')':
			depth++
			i--
		case c == '(':
			if depth == 0 {
				return paren()
			}
			depth--
			i--
		case isWordByte(c) && depth == 0:
			if w := word(); clauseWords[w] {
				return w
			}
		default:
			i--
		}
	}
	return ""
}

// clauseWords start the clauses a comma-separated list can belong to.
var clauseWords = names("select", "from", "where", "set", "by", "values", "returning", "using", "on", "into", "having", "join", "update", "table", "only", "truncate", "copy")

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

package analyzer

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
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

// texts recovers the values v can hold. It memoizes per value; a value reached again while it
// is being recovered (a loop) is unknown.
func (r *runner) texts(v ssa.Value) []text {
	if t, ok := r.memo[v]; ok {
		if t == nil {
			return []text{{kind: unknownText}} // a cycle: built in a loop
		}
		return t
	}
	r.memo[v] = nil
	t := r.recover(v)
	if len(t) > maxTexts {
		t = []text{{kind: unknownText}}
	}
	r.memo[v] = t
	return t
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
		if fn := v.Parent(); fn != nil && fn.Parent() == nil && fn.Object() != nil && isString(v.Type()) {
			return []text{{kind: paramText, param: v}}
		}
		return unknown
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
	switch {
	case path == tenantqPath && recv && tuple && builtName(name):
		return []text{{kind: builtText}}
	case path == "fmt" && name == "Sprintf" && !tuple:
		return r.sprintf(args[0], args[1])
	case path == "strings" && name == "Join" && !tuple:
		return r.join(args[0], args[1])
	case path == "github.com/jmoiron/sqlx" && (name == "Rebind" || name == "In"):
		// Rebind(bindType, query), (*DB).Rebind(query), In(query, args...): the same statement.
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

// builtName reports whether a tenantq method of this name returns verified SQL.
func builtName(name string) bool {
	return name == "ToSql" || name == "MustSql" || name == "toSql"
}

// sprintf recovers fmt.Sprintf(format, operands...) with a constant format and constant
// operands.
func (r *runner) sprintf(format, operands ssa.Value) []text {
	unknown := []text{{kind: unknownText}}
	elems, ok := sliceElems(operands)
	if !ok {
		return unknown
	}
	// Each operand's candidates; an operand of another type must be a constant.
	choices := [][]any{}
	for _, e := range elems {
		if mi, ok := e.(*ssa.MakeInterface); ok {
			e = mi.X
		}
		var vals []any
		if isString(e.Type()) {
			for _, t := range r.texts(e) {
				if t.kind != constText {
					return unknown
				}
				vals = append(vals, t.sql)
			}
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
			out = append(out, text{kind: constText, sql: fmt.Sprintf(f.sql, c...)})
		}
	}
	return out
}

// join recovers strings.Join(elems, sep) of constants.
func (r *runner) join(slice, sep ssa.Value) []text {
	unknown := []text{{kind: unknownText}}
	elems, ok := sliceElems(slice)
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
// and never changed: slice of an array allocation whose elements are each stored once.
func sliceElems(v ssa.Value) ([]ssa.Value, bool) {
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X
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
	// The slice may only be passed on, not written through.
	for _, ref := range *sl.Referrers() {
		switch ref.(type) {
		case *ssa.Call, *ssa.ChangeType, *ssa.DebugRef:
		default:
			return nil, false
		}
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
			if !ok || st.Addr != ref {
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

// concat is the cross product of two candidate lists under string concatenation. Only
// constants concatenate to a constant; anything joined with a non-constant is unknown.
func concat(xs, ys []text) []text {
	var out []text
	for _, x := range xs {
		for _, y := range ys {
			t := text{kind: unknownText}
			if x.kind == constText && y.kind == constText {
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

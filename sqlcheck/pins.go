package sqlcheck

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// An edge says two terms are equal: a tenant column and a tenant value, or two tenant columns.
type edge struct{ a, b int }

// A value is a tenant value: a placeholder or a constant.
type value struct {
	key    string // "$3" or a literal key from literalKey
	param  int    // placeholder number, 0 for a constant
	text   string // as written in the normalised SQL, for messages
	shared bool   // one of the policy's shared tenant values
	// orShared marks "this value or a shared tenant value", from col IN ($1, 0): it pins a read
	// but is not a value the column is known to equal.
	orShared bool
	loc      int
	// sub is the sub-tenant key the value names a row by ("project_id"), "" for a tenant value.
	sub string
}

// unionFind computes which terms the facts make equal.
type unionFind struct{ parent []int32 }

func newUnionFind(n int, facts []edge) *unionFind {
	u := &unionFind{parent: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
	}
	for _, e := range facts {
		u.union(e.a, e.b)
	}
	return u
}

func (u *unionFind) find(x int) int {
	if x >= len(u.parent) {
		return x
	}
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[ra] = int32(rb)
	}
}

// isValue reports whether term t is a value term.
func (sc *stmtChecker) isValue(t int) bool { return t >= 0 && sc.termValue[t] >= 0 }

// valuesOf returns the value terms in the class of term t.
func (sc *stmtChecker) valuesOf(u *unionFind, t int) []int {
	var out []int
	root := u.find(t)
	for _, v := range sc.valueTerms {
		if u.find(v) == root {
			out = append(out, v)
		}
	}
	return out
}

// exactValues returns the values in the class of term t that t is known to equal: values that
// admit shared tenants are left out.
func (sc *stmtChecker) exactValues(u *unionFind, t int) []int {
	vals := sc.valuesOf(u, t)
	out := vals[:0]
	tenant := false
	for _, v := range vals {
		if val := sc.values[sc.termValue[v]]; !val.orShared {
			out = append(out, v)
			tenant = tenant || val.sub == ""
		}
	}
	if tenant {
		// A sub-tenant value beside a tenant value names the same tenant: keep the tenant's.
		out = slices.DeleteFunc(out, func(v int) bool { return sc.values[sc.termValue[v]].sub != "" })
	}
	return out
}

// newTerm allocates a term: a tenant column of one occurrence.
func (sc *stmtChecker) newTerm() int {
	sc.termValue = append(sc.termValue, -1)
	return len(sc.termValue) - 1
}

// valueTerm returns the term of a tenant value, allocating it on first use.
func (sc *stmtChecker) valueTerm(v value) int {
	if t, ok := sc.valueIndex[v.key]; ok {
		return t
	}
	sc.values = append(sc.values, v)
	sc.termValue = append(sc.termValue, len(sc.values)-1)
	t := len(sc.termValue) - 1
	if sc.valueIndex == nil {
		sc.valueIndex = map[string]int{}
	}
	sc.valueIndex[v.key] = t
	sc.valueTerms = append(sc.valueTerms, t)
	return t
}

// tenantValue recognises a tenant value: a placeholder or a non-null constant, optionally cast.
func (sc *stmtChecker) tenantValue(n *pg.Node) (value, bool) {
	if tc := n.GetTypeCast(); tc != nil {
		// One cast to a type that keeps every value: $1::bigint, CAST($1 AS uuid). A cast with
		// a type modifier or to another type can change the value ($1::bit(3)::bigint is $1
		// mod 8), so it is not a tenant value.
		if !valueKeepingCast(tc.TypeName) {
			return value{}, false
		}
		n = tc.Arg
	}
	switch x := n.GetNode().(type) {
	case *pg.Node_ParamRef:
		p := int(x.ParamRef.Number)
		if prm, ok := sc.norm.param(p); ok && prm.Slice {
			return value{}, false
		}
		key := "$" + strconv.Itoa(p)
		return value{key: key, param: p, text: key, loc: int(x.ParamRef.Location)}, true
	case *pg.Node_AConst:
		c := x.AConst
		var text, key string
		ok := false
		switch v := c.Val.(type) {
		case *pg.A_Const_Ival:
			text = strconv.Itoa(int(v.Ival.Ival))
			key, ok = constKey(text, false)
		case *pg.A_Const_Fval:
			text = v.Fval.Fval
			key, ok = constKey(text, false)
		case *pg.A_Const_Sval:
			text = "'" + strings.ReplaceAll(v.Sval.Sval, "'", "''") + "'"
			key, ok = constKey(v.Sval.Sval, true)
		}
		if !ok {
			return value{}, false // NULL, booleans and bit strings are not tenant values
		}
		return value{key: key, text: text, shared: sc.pol.sharedConst(key), loc: int(c.Location)}, true
	}
	return value{}, false
}

// valueKeepingCast reports whether a cast to t keeps every value it accepts unchanged: integer,
// numeric, text, varchar and uuid types without a type modifier or array bounds.
func valueKeepingCast(t *pg.TypeName) bool {
	if t == nil || len(t.Typmods) > 0 || len(t.ArrayBounds) > 0 || t.Setof || t.PctType {
		return false
	}
	names := t.Names
	if len(names) == 2 && names[0].GetString_().GetSval() == "pg_catalog" {
		names = names[1:]
	}
	if len(names) != 1 {
		return false
	}
	switch names[0].GetString_().GetSval() {
	case "int2", "int4", "int8", "smallint", "integer", "bigint", "numeric", "text", "varchar", "uuid":
		return true
	}
	return false
}

// term resolves an expression to a term: a tenant value, the tenant column of an occurrence, or
// a derived column pinned to a value. It returns -1 for anything else. When the expression is a
// column that could be a tenant column but is ambiguous, the candidates are marked.
func (sc *stmtChecker) term(n *pg.Node, lv *level) int {
	if v, ok := sc.tenantValue(n); ok {
		return sc.valueTerm(v)
	}
	cr := n.GetColumnRef()
	if cr == nil {
		if tc := n.GetTypeCast(); tc != nil && tc.Arg.GetColumnRef() != nil {
			// A cast column may map several tenants to one value (numeric to int rounds).
			sc.noteNearMiss(tc.Arg, lv, "its tenant column is cast, and a cast may map several tenants to one value")
		}
		return -1
	}
	r, col := sc.resolveColumn(cr, lv)
	if r == nil {
		return -1
	}
	switch r.kind {
	case relTable:
		if r.term >= 0 && col == r.tenantName() {
			return r.term
		}
	case relDerived:
		if r.term >= 0 && col == r.pendCol {
			return r.term
		}
		return r.out.value(col)
	}
	return -1
}

// resolveColumn finds the rel a column reference belongs to.
func (sc *stmtChecker) resolveColumn(cr *pg.ColumnRef, lv *level) (*rel, string) {
	names := make([]string, 0, 4)
	for _, f := range cr.Fields {
		s := f.GetString_()
		if s == nil {
			return nil, "" // a star
		}
		names = append(names, s.Sval)
	}
	switch len(names) {
	case 1:
		r, amb := lv.findColumn(names[0])
		for _, a := range amb {
			a.ambig = true
		}
		return r, names[0]
	case 2:
		return lv.findRel("", names[0]), names[1]
	case 3:
		return lv.findRel(names[0], names[1]), names[2]
	case 4:
		return lv.findRel(names[1], names[2]), names[3]
	}
	return nil, ""
}

// isEq reports whether an operator name is "=" (optionally pg_catalog.=).
func isEq(name []*pg.Node) bool {
	switch len(name) {
	case 1:
		return name[0].GetString_().GetSval() == "="
	case 2:
		return name[0].GetString_().GetSval() == "pg_catalog" && name[1].GetString_().GetSval() == "="
	}
	return false
}

// facts extracts the equalities a predicate guarantees for every row it accepts.
// forWrite reports whether shared tenant values may be used (reads only).
func (sc *stmtChecker) facts(n *pg.Node, lv *level, out []edge) []edge {
	if n == nil {
		return out
	}
	switch x := n.Node.(type) {
	case *pg.Node_BoolExpr:
		switch x.BoolExpr.Boolop {
		case pg.BoolExprType_AND_EXPR:
			for _, a := range x.BoolExpr.Args {
				out = sc.facts(a, lv, out)
			}
		case pg.BoolExprType_OR_EXPR:
			out = sc.orFacts(x.BoolExpr.Args, lv, out)
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		switch e.Kind {
		case pg.A_Expr_Kind_AEXPR_OP:
			if !isEq(e.Name) {
				sc.noteNearMiss(e.Lexpr, lv, "the operator "+opName(e.Name)+" does not pin one tenant")
				sc.noteNearMiss(e.Rexpr, lv, "the operator "+opName(e.Name)+" does not pin one tenant")
				return out
			}
			if l, r := e.Lexpr.GetRowExpr(), e.Rexpr.GetRowExpr(); l != nil && r != nil {
				if len(l.Args) == len(r.Args) {
					for i := range l.Args {
						out = sc.eqFact(l.Args[i], r.Args[i], lv, out)
					}
				}
				return out
			}
			out = sc.eqFact(e.Lexpr, e.Rexpr, lv, out)
		case pg.A_Expr_Kind_AEXPR_IN:
			out = sc.inFact(e, lv, out)
		default:
			sc.noteNearMiss(e.Lexpr, lv, "this comparison does not pin one tenant")
		}
	case *pg.Node_SubLink:
		sl := x.SubLink
		switch sl.SubLinkType {
		case pg.SubLinkType_EXISTS_SUBLINK:
			out = sc.inSubquery(nil, sl.Subselect, lv, out)
		case pg.SubLinkType_ANY_SUBLINK, pg.SubLinkType_ROWCOMPARE_SUBLINK:
			if len(sl.OperName) > 0 && !isEq(sl.OperName) {
				break
			}
			tests := []*pg.Node{sl.Testexpr}
			if row := sl.Testexpr.GetRowExpr(); row != nil {
				tests = row.Args
			}
			out = sc.inSubquery(tests, sl.Subselect, lv, out)
		}
	}
	return out
}

// eqFact records l = r when both sides are terms.
func (sc *stmtChecker) eqFact(l, r *pg.Node, lv *level, out []edge) []edge {
	if e, ok := sc.subFact(l, r, lv); ok {
		return append(out, e)
	}
	if e, ok := sc.subFact(r, l, lv); ok {
		return append(out, e)
	}
	n := len(out)
	tests := func(n *pg.Node) []*pg.Node {
		if row := n.GetRowExpr(); row != nil {
			return row.Args // (a, b) = (SELECT x, y ...)
		}
		return []*pg.Node{n}
	}
	if sl := r.GetSubLink(); sl != nil && sl.SubLinkType == pg.SubLinkType_EXPR_SUBLINK {
		out = sc.inSubquery(tests(l), sl.Subselect, lv, out)
	} else if sl := l.GetSubLink(); sl != nil && sl.SubLinkType == pg.SubLinkType_EXPR_SUBLINK {
		out = sc.inSubquery(tests(r), sl.Subselect, lv, out)
	}
	if len(out) > n {
		return out
	}
	a, b := sc.term(l, lv), sc.term(r, lv)
	switch {
	case a >= 0 && b >= 0:
		return append(out, edge{a, b})
	case a < 0 && b < 0:
		// Key columns: o.id = li.order_id.
		if ka := sc.keyColumn(l, lv); ka >= 0 {
			if kb := sc.keyColumn(r, lv); kb >= 0 {
				return append(out, edge{ka, kb})
			}
		}
	case a >= 0 && !sc.isValue(a):
		sc.nearMiss(a, notValue(r))
	case b >= 0 && !sc.isValue(b):
		sc.nearMiss(b, notValue(l))
	}
	return out
}

// notValue explains why the other side of an equality with a tenant column does not pin it.
func notValue(n *pg.Node) string {
	if cr := n.GetColumnRef(); cr != nil {
		var names []string
		for _, f := range cr.Fields {
			if s := f.GetString_(); s != nil {
				names = append(names, s.Sval)
			}
		}
		return fmt.Sprintf("it is equated with %q, which is not pinned to a tenant value", strings.Join(names, "."))
	}
	return "it is compared with an expression that is not a placeholder or constant"
}

// inFact handles col IN (v): exactly one value, plus shared tenant values in reads.
func (sc *stmtChecker) inFact(e *pg.A_Expr, lv *level, out []edge) []edge {
	// (a, b) IN ((x, y)) with one row is the row comparison (a, b) = (x, y). With several
	// rows, a position that holds one tenant value in every row pins its column:
	// (tenant_id, id) IN (($1, $2), ($1, $3)).
	if row := e.Lexpr.GetRowExpr(); row != nil && isEq(e.Name) {
		items := e.Rexpr.GetList().GetItems()
		if len(items) == 1 {
			if r := items[0].GetRowExpr(); r != nil && len(r.Args) == len(row.Args) {
				for i := range row.Args {
					out = sc.eqFact(row.Args[i], r.Args[i], lv, out)
				}
			}
			return out
		}
		for i := range row.Args {
			key, first := "", (*pg.Node)(nil)
			for _, it := range items {
				r := it.GetRowExpr()
				if r == nil || len(r.Args) != len(row.Args) {
					return out
				}
				v, ok := sc.tenantValue(r.Args[i])
				if !ok || v.shared || key != "" && v.key != key {
					first = nil
					break
				}
				key, first = v.key, r.Args[i]
			}
			if first != nil {
				out = sc.eqFact(row.Args[i], first, lv, out)
			}
		}
		return out
	}
	col := sc.term(e.Lexpr, lv)
	if col < 0 || sc.isValue(col) {
		return out
	}
	if !isEq(e.Name) {
		sc.nearMiss(col, "NOT IN does not pin one tenant")
		return out
	}
	items := e.Rexpr.GetList().GetItems()
	one, shared := -1, false
	for _, it := range items {
		v, ok := sc.tenantValue(it)
		if !ok {
			t := sc.term(it, lv)
			if t < 0 || len(items) > 1 {
				sc.nearMiss(col, "its IN list holds something other than one tenant value")
				return out
			}
			return append(out, edge{col, t})
		}
		if v.shared && len(items) > 1 {
			shared = true
			continue
		}
		if one >= 0 && sc.values[sc.termValue[one]].key != v.key {
			sc.nearMiss(col, "its IN list allows several tenants")
			sc.nearValue(col, one)
			return out
		}
		one = sc.valueTerm(v)
	}
	if one < 0 {
		return out
	}
	if shared {
		if sc.writeTerm(col) {
			sc.nearMiss(col, "shared tenant values are allowed in reads only")
			sc.nearValue(col, one)
			return out
		}
		v := sc.values[sc.termValue[one]]
		v.key, v.orShared = v.key+"|shared", true
		one = sc.valueTerm(v)
	}
	return append(out, edge{col, one})
}

// writeTerm reports whether term t is the tenant column of a write target.
func (sc *stmtChecker) writeTerm(t int) bool { return sc.writeTerms[t] }

// orFacts keeps the equalities every branch of an OR guarantees: the classes of terms that
// every branch's facts join, found by refining partitions (linear in the facts).
func (sc *stmtChecker) orFacts(branches []*pg.Node, lv *level, out []edge) []edge {
	var group map[int]int // term -> class id, refined branch by branch
	pinned := map[int]bool{}
	for i, b := range branches {
		fs := sc.facts(b, lv, nil)
		u := sc.newUF(fs)
		roots := map[int]int{}
		for _, f := range fs {
			roots[f.a], roots[f.b] = u.find(f.a), u.find(f.b)
		}
		for _, o := range sc.occs {
			// Key pins join tenant terms the branch's facts do not name.
			if o.tenant >= 0 && o.tenant < len(u.parent) {
				roots[o.tenant] = u.find(o.tenant)
			}
		}
		sc.noteOrPins(roots, pinned)
		if i == 0 {
			group = roots
			continue
		}
		// Two terms stay together when they were together and are together in this branch.
		type pair struct{ old, now int }
		ids := map[pair]int{}
		next := map[int]int{}
		for t, g := range group {
			r, ok := roots[t]
			if !ok {
				continue // not in this branch's facts: alone in it
			}
			k := pair{g, r}
			if _, seen := ids[k]; !seen {
				ids[k] = len(ids)
			}
			next[t] = ids[k]
		}
		group = next
	}
	first := map[int]int{}
	terms := make([]int, 0, len(group))
	for t := range group {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	kept := map[int]bool{}
	for _, t := range terms {
		g := group[t]
		if f, ok := first[g]; ok {
			out = append(out, edge{f, t})
			kept[f], kept[t] = true, true
		} else {
			first[g] = t
		}
	}
	for t := range pinned {
		if !kept[t] {
			sc.nearMiss(t, orWhy)
		}
	}
	return out
}

// noteOrPins records, for hints, the tenant columns an OR branch pins: if the OR as a whole
// does not, the hint says so.
func (sc *stmtChecker) noteOrPins(roots map[int]int, pinned map[int]bool) {
	withValue := map[int]int{}
	for t, r := range roots {
		if sc.isValue(t) {
			withValue[r] = t
		}
	}
	for t, r := range roots {
		if v, ok := withValue[r]; ok && !sc.isValue(t) {
			pinned[t] = true
			sc.nearValue(t, v)
		}
	}
}

// noteNearMiss records why an expression that names a tenant column did not pin it.
func (sc *stmtChecker) noteNearMiss(n *pg.Node, lv *level, why string) {
	if n == nil || n.GetColumnRef() == nil {
		return
	}
	if t := sc.term(n, lv); t >= 0 && !sc.isValue(t) {
		sc.nearMiss(t, why)
	}
}

// nearValue records the tenant value a near miss used, for hints.
func (sc *stmtChecker) nearValue(t, v int) {
	if sc.nearVals == nil {
		sc.nearVals = map[int]int{}
	}
	if _, ok := sc.nearVals[t]; !ok {
		sc.nearVals[t] = v
	}
}

func (sc *stmtChecker) nearMiss(t int, why string) {
	if sc.near == nil {
		sc.near = map[int]string{}
	}
	if _, ok := sc.near[t]; !ok {
		sc.near[t] = why
	}
}

func opName(name []*pg.Node) string {
	if len(name) == 0 {
		return "?"
	}
	return `"` + name[len(name)-1].GetString_().GetSval() + `"`
}

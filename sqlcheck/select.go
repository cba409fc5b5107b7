package sqlcheck

import (
	"strconv"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/internal/sqltext"
)

// selectStmt checks a SELECT (or VALUES, or set operation) and returns its output columns.
func (sc *stmtChecker) selectStmt(s *pg.SelectStmt, parent *level, ctes *cteScope, desc string) *output {
	push := sc.pushNext
	sc.pushNext = false
	ctes = sc.with(s.WithClause, parent, ctes)
	if s.Op != pg.SetOperation_SETOP_NONE && s.Op != pg.SetOperation_SET_OPERATION_UNDEFINED {
		l := sc.selectStmt(s.Larg, parent, ctes, desc)
		r := sc.selectStmt(s.Rarg, parent, ctes, desc)
		sc.subqueryList(parent, ctes, s.SortClause)
		sc.subqueries(parent, ctes, s.LimitCount, s.LimitOffset)
		return l.intersect(r)
	}
	if len(s.ValuesLists) > 0 {
		sc.subqueryList(parent, ctes, s.SortClause)
		sc.subqueries(parent, ctes, s.LimitCount, s.LimitOffset)
		return sc.valuesList(s.ValuesLists, parent, ctes)
	}

	lv := &level{parent: parent, ctes: ctes, desc: desc, hasWhere: s.WhereClause != nil}
	if push {
		lv.push, lv.pushStmt = map[*rel]*pending{}, s
	}
	if len(s.TargetList) > 0 {
		if loc := int(s.TargetList[0].GetResTarget().GetLocation()); loc >= 0 {
			lv.anchor, lv.anchored = loc, true
		} else if len(s.TargetList) == 1 && len(s.FromClause) == 1 && s.FromClause[0].GetRangeVar() != nil && s.WhereClause == nil {
			lv.table = true // TABLE t: a * without a location
		}
	}
	sc.fromClause(s.FromClause, lv)
	base := sc.facts(s.WhereClause, lv, nil)
	base = sc.correlate(s, lv, base)
	sc.pin(lv, base)
	if f := sc.lift; f != nil && f.sel == s {
		f.edges = sc.liftedEdges(lv, f.outer)
	}

	sc.laterals(lv)
	sc.subqueries(lv, ctes, s.WhereClause, s.HavingClause, s.LimitCount, s.LimitOffset)
	sc.subqueryList(lv, ctes, s.TargetList, s.GroupClause, s.SortClause, s.WindowClause, s.DistinctClause)
	sc.joinSubqueries(lv)
	out := sc.targetOutput(lv, s.TargetList)
	sc.settlePending(lv, out)
	for _, g := range s.GroupClause {
		if g.GetGroupingSet() != nil {
			// ROLLUP, CUBE and GROUPING SETS output NULL for grouped-away columns.
			for i := range out.cols {
				out.cols[i].val = -1
			}
			break
		}
	}
	return out
}

// valuesList checks VALUES rows; a column is pinned when every row has the same tenant value.
func (sc *stmtChecker) valuesList(rows []*pg.Node, parent *level, ctes *cteScope) *output {
	out := &output{exact: true}
	lv := &level{parent: parent, ctes: ctes}
	sc.inherit(lv)
	for i, row := range rows {
		items := row.GetList().GetItems()
		sc.subqueryList(lv, ctes, items)
		if i == 0 {
			for j := range items {
				out.cols = append(out.cols, outCol{name: "column" + strconv.Itoa(j+1), val: -1})
			}
		}
		for j, it := range items {
			if j >= len(out.cols) {
				break
			}
			v, ok := sc.tenantValue(it)
			t := -1
			if ok {
				t = sc.valueTerm(v)
			}
			if i == 0 {
				out.cols[j].val = t
			} else if out.cols[j].val != t {
				out.cols[j].val = -1
			}
		}
	}
	return out
}

// fromClause adds the FROM items of a level.
func (sc *stmtChecker) fromClause(items []*pg.Node, lv *level) {
	for _, item := range items {
		lv.from = append(lv.from, sc.fromItem(item, lv))
	}
}

// fromItem adds one FROM item (and, for joins, its parts) to lv's namespace.
func (sc *stmtChecker) fromItem(n *pg.Node, lv *level) *fromNode {
	var r *rel
	switch x := n.GetNode().(type) {
	case *pg.Node_RangeVar:
		r = sc.rangeVar(x.RangeVar, lv)
	case *pg.Node_RangeSubselect:
		rs := x.RangeSubselect
		r = &rel{kind: relDerived, term: -1}
		if rs.Alias != nil {
			r.alias, r.refname = rs.Alias.Aliasname, rs.Alias.Aliasname
		}
		if rs.Lateral {
			r.lateral, r.lateralQuery = rs.Subquery, true
			r.out = &output{}
		} else {
			sc.pushNext = true
			r.out = sc.query(rs.Subquery, lv.parent, lv.ctes, "the WHERE clause of the subquery")
			sc.pushNext = false
		}
		if rs.Alias != nil {
			r.out = r.out.rename(rs.Alias.Colnames)
		}
		sc.pendingRef(r)
	case *pg.Node_RangeFunction:
		rf := x.RangeFunction
		r = &rel{kind: relOpaque, term: -1, refname: funcRefname(rf)}
		if rf.Alias != nil {
			r.alias, r.refname = rf.Alias.Aliasname, rf.Alias.Aliasname
			if len(rf.Alias.Colnames) > 0 {
				// The alias names columns, but a function may return more (WITH ORDINALITY,
				// ROWS FROM, composites): positions beyond the names are unknown.
				r.kind, r.out = relDerived, (&output{}).rename(rf.Alias.Colnames)
			}
		}
		// Function arguments may hold subqueries; they see the FROM items before them.
		r.lateral = n
	case *pg.Node_RangeTableSample:
		// The sampling arguments may hold subqueries: check them with the level's laterals.
		f := sc.fromItem(x.RangeTableSample.Relation, lv)
		lv.extra = append(lv.extra, x.RangeTableSample.Args...)
		if x.RangeTableSample.Repeatable != nil {
			lv.extra = append(lv.extra, x.RangeTableSample.Repeatable)
		}
		return f
	case *pg.Node_JoinExpr:
		return sc.joinExpr(x.JoinExpr, lv)
	case *pg.Node_RangeTableFunc:
		r = &rel{kind: relOpaque, term: -1, lateral: n, refname: "xmltable"}
		if a := x.RangeTableFunc.Alias; a != nil {
			r.alias, r.refname = a.Aliasname, a.Aliasname
		}
	case *pg.Node_JsonTable:
		r = &rel{kind: relOpaque, term: -1, lateral: n, refname: "json_table"}
		if a := x.JsonTable.Alias; a != nil {
			r.alias, r.refname = a.Aliasname, a.Aliasname
		}
	default:
		r = &rel{kind: relOpaque, term: -1, lateral: n, refname: "?"}
	}
	lv.rels = append(lv.rels, r)
	return &fromNode{rel: r}
}

// funcRefname is the name that qualifies an unaliased function's columns: the function's name.
func funcRefname(rf *pg.RangeFunction) string {
	if len(rf.Functions) == 0 {
		return ""
	}
	items := rf.Functions[0].GetList().GetItems()
	if len(items) == 0 {
		return ""
	}
	if name := items[0].GetFuncCall().GetFuncname(); len(name) > 0 {
		return name[len(name)-1].GetString_().GetSval()
	}
	return ""
}

// rangeVar resolves a table name: a CTE in scope, else a table.
func (sc *stmtChecker) rangeVar(rv *pg.RangeVar, lv *level) *rel {
	if rv.Schemaname == "" {
		if cte, ok := lv.ctes.lookup(rv.Relname); ok {
			r := &rel{kind: relDerived, refname: rv.Relname, name: rv.Relname, out: cte.out, term: -1, loc: int(rv.Location)}
			if rv.Alias != nil {
				r.alias, r.refname = rv.Alias.Aliasname, rv.Alias.Aliasname
				r.out = r.out.rename(rv.Alias.Colnames)
			}
			sc.pendingRef(r)
			return r
		}
	}
	r := sc.tableRel(rv)
	r.desc = lv.desc
	return r
}

// joinExpr adds both sides of a join; USING and NATURAL become facts now, ON once the whole
// FROM clause is known.
func (sc *stmtChecker) joinExpr(j *pg.JoinExpr, lv *level) *fromNode {
	left := sc.fromItem(j.Larg, lv)
	right := sc.fromItem(j.Rarg, lv)
	jn := &join{kind: j.Jointype, quals: j.Quals, left: left, right: right}
	// The ON condition pins both sides of an inner join (hints use it for the right side),
	// the nullable side of an outer join, neither side of a full join.
	if side := right; j.Quals != nil && j.Jointype != pg.JoinType_JOIN_FULL {
		if j.Jointype == pg.JoinType_JOIN_RIGHT {
			side = left
		}
		side.forRels(func(r *rel) {
			if r.on == nil {
				r.on = jn // the innermost such join
			}
		})
	}
	// USING (tenant_id, ...) and NATURAL equate the two sides' columns of those names.
	var using []string
	for _, u := range j.UsingClause {
		using = append(using, u.GetString_().GetSval())
	}
	if j.IsNatural {
		right.forRels(func(r *rel) {
			if r.tenant() && r.tenantName() != "" {
				using = append(using, r.tenantName())
			}
		})
	}
	for _, col := range using {
		lt, rt := sideTerm(left, col), sideTerm(right, col)
		if lt >= 0 && rt >= 0 {
			jn.facts = append(jn.facts, edge{lt, rt})
		}
		// An unqualified reference to a USING column means the merged column: the left
		// side's for INNER and LEFT joins, the right side's for RIGHT, neither for FULL.
		var side *fromNode
		switch j.Jointype {
		case pg.JoinType_JOIN_INNER, pg.JoinType_JOIN_LEFT:
			side = left
		case pg.JoinType_JOIN_RIGHT:
			side = right
		}
		if r := sideRel(side, col); r != nil && j.Alias == nil {
			if lv.merged == nil {
				lv.merged = map[string]*rel{}
			}
			lv.merged[col] = r
		}
		lv.usingStar = true
	}
	if a := j.JoinUsingAlias; a != nil {
		// JOIN ... USING (...) AS j names the merged columns: j carries no pins here.
		jn.alias = &rel{kind: relDerived, refname: a.Aliasname, alias: a.Aliasname, term: -1, out: &output{}}
		lv.rels = append(lv.rels, jn.alias)
	}
	if j.Alias != nil {
		// (a JOIN b ...) AS j hides a and b: only j names the join's columns.
		all := &fromNode{join: jn}
		all.forRels(func(r *rel) { r.hidden = true })
		alias := &rel{kind: relDerived, refname: j.Alias.Aliasname, alias: j.Alias.Aliasname, term: -1, out: &output{}}
		lv.rels = append(lv.rels, alias)
		if jn.alias == nil {
			jn.alias = alias
		}
	}
	return &fromNode{join: jn}
}

// sideRel finds the tenant rel whose tenant column is col on one side of a join.
func sideRel(side *fromNode, col string) *rel {
	var found *rel
	if side != nil {
		side.forRels(func(r *rel) {
			if found == nil && r.tenant() && r.tenantName() == col {
				found = r
			}
		})
	}
	return found
}

// forRels calls fn for every rel under n, join aliases included.
func (n *fromNode) forRels(fn func(*rel)) {
	if n.join == nil {
		fn(n.rel)
		return
	}
	n.join.left.forRels(fn)
	n.join.right.forRels(fn)
	if n.join.alias != nil {
		fn(n.join.alias)
	}
}

// view returns lv as a given part of it sees it: only the rels PostgreSQL makes visible there
// (a join's ON sees its own inputs, a LATERAL item the items before it), then the enclosing
// levels.
func (lv *level) view(rels []*rel) *level {
	v := *lv
	v.rels, v.merged = rels, nil
	return &v
}

// rels returns the rels under n.
func (n *fromNode) rels() []*rel {
	var out []*rel
	n.forRels(func(r *rel) { out = append(out, r) })
	return out
}

// sideTerm finds the tenant column term named col on one side of a join.
func sideTerm(side *fromNode, col string) int {
	t := -1
	side.forRels(func(r *rel) {
		switch {
		case t >= 0:
		case r.tenant() && r.tenantName() == col:
			t = r.term
		case r.kind == relDerived:
			t = r.out.value(col)
		}
	})
	return t
}

// inherit starts lv's facts from its parent's.
func (sc *stmtChecker) inherit(lv *level) {
	if lv.parent != nil {
		lv.ctx = append(lv.ctx, lv.parent.ctx...)
	}
}

// pin decides, for every tenant occurrence of lv, whether the facts pin it to a tenant value,
// reports those that are not, and sets lv.ctx to the facts inner levels may rely on.
func (sc *stmtChecker) pin(lv *level, base []edge) {
	sc.inherit(lv)
	// Join conditions are extracted once the whole FROM clause is known; each ON sees only
	// its own join's inputs, then the enclosing levels.
	for _, n := range lv.from {
		n.forJoins(func(j *join) {
			if j.quals != nil {
				j.facts = sc.facts(j.quals, lv.view(append(j.left.rels(), j.right.rels()...)), j.facts)
			}
		})
	}
	common := append(append([]edge(nil), lv.ctx...), base...)
	for _, n := range lv.from {
		common = append(common, n.facts()...) // FROM items are joined as by CROSS JOIN
	}
	// An equality in WHERE is never true on NULL, so every output row has a real row of each
	// occurrence the WHERE compares: what holds whenever that occurrence is present holds for
	// every row (an outer join whose nullable side the WHERE compares acts as an inner join).
	inWhere := map[int]bool{}
	for _, e := range base {
		inWhere[e.a], inWhere[e.b] = true, true
	}
	var present []edge
	for _, n := range lv.from {
		n.conds(common, func(r *rel, cond []edge, nullable bool) {
			if r.term >= 0 && inWhere[r.term] {
				present = append(present, cond[len(common):]...)
			}
			r.nullable = nullable && !(r.term >= 0 && inWhere[r.term])
		})
	}
	common = append(common, present...)

	var pins []edge
	var unpinned []*rel
	pinned := map[*rel]bool{}
	// Occurrences under the same joins share their facts: build each set's union-find once.
	type factsKey struct {
		p *edge
		n int
	}
	ufs := map[factsKey]*unionFind{}
	for _, n := range lv.from {
		n.conds(common, func(r *rel, cond []edge, _ bool) {
			if !r.scoped() && r.pend == nil {
				return
			}
			k := factsKey{n: len(cond)}
			if len(cond) > 0 {
				k.p = &cond[0]
			}
			u := ufs[k]
			if u == nil {
				u = sc.newUF(cond)
				ufs[k] = u
			}
			vals := sc.pinValues(u, r)
			if r.pend != nil {
				sc.pendingPinned(r, len(vals) > 0)
				return
			}
			if len(vals) == 0 {
				unpinned = append(unpinned, r)
				return
			}
			pinned[r] = true
			for _, v := range vals {
				pins = append(pins, edge{r.term, v})
			}
		})
	}
	for _, r := range unpinned {
		report := func() { sc.unpinned(r, lv, common, pinned) }
		if !sc.deferUnpinned(r, lv, common, report) {
			report()
		}
	}
	lv.ctx = append(append(lv.ctx, base...), pins...)
	lv.uf = sc.newUF(lv.ctx)
}

// pinValues returns the tenant values r's tenant column is pinned to under u, and records
// their use. A write target counts only exact values that are not shared tenant values: a pin
// to a shared value (= 0) or one that admits them (IN ($1, 0)) is for reads.
func (sc *stmtChecker) pinValues(u *unionFind, r *rel) []int {
	var vals []int
	for _, v := range sc.valuesOf(u, r.term) {
		if val := sc.values[sc.termValue[v]]; r.write && (val.orShared || val.shared) {
			sc.nearMiss(r.term, "shared tenant values are allowed in reads only")
			continue
		}
		vals = append(vals, v)
		sc.use(v, r.loc)
	}
	sc.together(vals)
	return vals
}

// laterals checks LATERAL subqueries and function arguments, which see lv's FROM items, and
// the other expressions of FROM items.
func (sc *stmtChecker) laterals(lv *level) {
	sc.subqueries(lv, lv.ctes, lv.extra...)
	for i, r := range lv.rels {
		if r.lateral == nil {
			continue
		}
		before := lv.view(lv.rels[:i])
		if r.lateralQuery {
			r.out = sc.query(r.lateral, before, lv.ctes, "the WHERE clause of the LATERAL subquery")
			continue
		}
		forEachQuery(r.lateral, func(q *pg.Node) { sc.query(q, before, lv.ctes, "the WHERE clause of the subquery") })
	}
}

// subqueries checks every query nested in the given expressions as an inner level of lv.
func (sc *stmtChecker) subqueries(lv *level, ctes *cteScope, exprs ...*pg.Node) {
	for _, e := range exprs {
		// Most expressions hold no query: look first, and make the callback only when needed.
		if forEachQuery(e, nil) {
			forEachQuery(e, func(q *pg.Node) { sc.query(q, lv, ctes, "the WHERE clause of the subquery") })
		}
	}
}

func (sc *stmtChecker) subqueryList(lv *level, ctes *cteScope, lists ...[]*pg.Node) {
	for _, l := range lists {
		sc.subqueries(lv, ctes, l...)
	}
}

// targetOutput computes the columns a level outputs and the tenant values they are pinned to.
func (sc *stmtChecker) targetOutput(lv *level, targets []*pg.Node) *output {
	out := &output{exact: true}
	for _, t := range targets {
		rt := t.GetResTarget()
		if rt == nil {
			continue
		}
		if cr := rt.Val.GetColumnRef(); cr != nil && len(cr.Fields) > 0 && cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
			sc.expandStar(lv, cr, out)
			continue
		}
		if ind := rt.Val.GetAIndirection(); ind != nil && len(ind.Indirection) > 0 && ind.Indirection[len(ind.Indirection)-1].GetAStar() != nil {
			out.exact = false // (composite).* expands to columns we do not know
			continue
		}
		name, sure := rt.Name, true
		if name == "" {
			name, sure = colName(rt.Val)
		}
		// An unsure name leaves the column's position known: INSERT ... SELECT aligns by
		// position, so CURRENT_TIMESTAMP or a scalar subquery in the list hides nothing.
		out.cols = append(out.cols, outCol{name: name, unsure: !sure, val: sc.valueExpr(rt.Val, lv), src: sc.outputSrc(rt.Val, lv), from: sc.tenantFrom(rt.Val, lv)})
	}
	return out
}

// colName names an output column as PostgreSQL's FigureColname does, and reports whether the
// name is certain: for node kinds not modelled here it is not.
func colName(n *pg.Node) (string, bool) {
	name, strength, sure := sqltext.FigureColname(n)
	if strength == 0 {
		name = "?column?"
	}
	return name, sure
}

// valueExpr returns the tenant value an output or assigned expression is known to have in every
// row, or -1. A column of a rel an outer join may null-extend has none: it may be NULL.
func (sc *stmtChecker) valueExpr(n *pg.Node, lv *level) int {
	if cr := n.GetColumnRef(); cr != nil {
		if r, _ := sc.resolveColumn(cr, lv); r != nil && r.nullable {
			return -1
		}
	}
	return sc.valueOfTerm(sc.term(n, lv), lv)
}

// valueOfTerm returns the value term that term t is known to equal at lv, or -1.
func (sc *stmtChecker) valueOfTerm(t int, lv *level) int {
	if t < 0 {
		return t
	}
	if sc.isValue(t) {
		if sc.values[sc.termValue[t]].orShared {
			return -1
		}
		return t
	}
	if lv.uf == nil {
		return -1
	}
	vals := sc.exactValues(lv.uf, t)
	if len(vals) != 1 {
		return -1
	}
	return vals[0]
}

// expandStar adds the columns of * or x.* to out.
func (sc *stmtChecker) expandStar(lv *level, cr *pg.ColumnRef, out *output) {
	if lv.usingStar {
		out.exact = false // USING and NATURAL put the merged columns first
	}
	rels := lv.rels
	if len(cr.Fields) > 1 {
		q := cr.Fields[len(cr.Fields)-2].GetString_().GetSval()
		schema := ""
		if len(cr.Fields) > 2 {
			schema = cr.Fields[len(cr.Fields)-3].GetString_().GetSval()
		}
		r := lv.findRel(schema, q)
		if r == nil {
			out.exact = false
			return
		}
		rels = []*rel{r}
	}
	for _, r := range rels {
		if r.hidden && len(cr.Fields) == 1 {
			continue // * expands a join alias through the alias
		}
		switch r.kind {
		case relTable:
			if r.nullable {
				out.exact = false // may be NULL: no value, and no position to rely on
				continue
			}
			if r.info.cols != nil && len(r.colAlias) == 0 {
				for _, c := range r.info.cols {
					v := -1
					if c == r.info.tenantCol {
						v = sc.valueOfTerm(r.term, lv)
					}
					oc := outCol{name: c, val: v, src: sc.tableSrc(r, c, lv)}
					if c == r.info.tenantCol {
						oc.from = r
					}
					out.cols = append(out.cols, oc)
				}
				continue
			}
			out.exact = false
			if r.tenant() && r.tenantName() != "" {
				out.cols = append(out.cols, outCol{name: r.tenantName(), val: sc.valueOfTerm(r.term, lv), from: r})
			}
		case relDerived:
			for _, c := range r.out.cols {
				c.pend, c.from = nil, nil // a reference of its own is needed to pin them
				if r.nullable {
					c.val, c.alts, c.src = -1, nil, nil // may be NULL in a row
				}
				out.cols = append(out.cols, c)
			}
			if !r.out.exact {
				out.exact = false
			}
		default:
			out.exact = false
		}
	}
}

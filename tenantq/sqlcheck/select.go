package sqlcheck

import (
	"strconv"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// selectStmt checks a SELECT (or VALUES, or set operation) and returns its output columns.
func (sc *stmtChecker) selectStmt(s *pg.SelectStmt, parent *level, ctes *cteScope, desc string) *output {
	ctes = sc.with(s.WithClause, parent, ctes)
	if s.Op != pg.SetOperation_SETOP_NONE && s.Op != pg.SetOperation_SET_OPERATION_UNDEFINED {
		l := sc.selectStmt(s.Larg, parent, ctes, desc)
		r := sc.selectStmt(s.Rarg, parent, ctes, desc)
		sc.subqueryList(parent, ctes, s.SortClause)
		sc.subqueries(parent, ctes, s.LimitCount, s.LimitOffset)
		return l.intersect(r)
	}
	if len(s.ValuesLists) > 0 {
		return sc.valuesList(s.ValuesLists, parent, ctes)
	}

	lv := &level{parent: parent, ctes: ctes, desc: desc}
	sc.fromClause(s.FromClause, lv)
	base := sc.facts(s.WhereClause, lv, nil)
	sc.pin(lv, base)

	sc.laterals(lv)
	sc.subqueries(lv, ctes, s.WhereClause, s.HavingClause, s.LimitCount, s.LimitOffset)
	sc.subqueryList(lv, ctes, s.TargetList, s.GroupClause, s.SortClause, s.WindowClause, s.DistinctClause)
	sc.joinSubqueries(lv)
	return sc.targetOutput(lv, s.TargetList)
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
			r.out = sc.query(rs.Subquery, lv.parent, lv.ctes, "the WHERE clause of the subquery")
		}
		if rs.Alias != nil {
			r.out = r.out.rename(rs.Alias.Colnames)
		}
	case *pg.Node_RangeFunction:
		rf := x.RangeFunction
		r = &rel{kind: relOpaque, term: -1}
		if rf.Alias != nil {
			r.alias, r.refname = rf.Alias.Aliasname, rf.Alias.Aliasname
			if len(rf.Alias.Colnames) > 0 {
				r.kind, r.out = relDerived, (&output{exact: true}).rename(rf.Alias.Colnames)
			}
		}
		// Function arguments may hold subqueries; they see the FROM items before them.
		r.lateral = n
	case *pg.Node_RangeTableSample:
		return sc.fromItem(x.RangeTableSample.Relation, lv)
	case *pg.Node_JoinExpr:
		return sc.joinExpr(x.JoinExpr, lv)
	default:
		r = &rel{kind: relOpaque, term: -1, lateral: n}
	}
	lv.rels = append(lv.rels, r)
	return &fromNode{rel: r}
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
	if j.Quals != nil {
		right.forRels(func(r *rel) { r.joinOn = true })
	}
	// USING (tenant_id, ...) and NATURAL equate the two sides' columns of those names.
	var using []string
	for _, u := range j.UsingClause {
		using = append(using, u.GetString_().GetSval())
	}
	if j.IsNatural {
		right.forRels(func(r *rel) {
			if r.tenant() {
				using = append(using, r.info.tenantCol)
			}
		})
	}
	for _, col := range using {
		lt, rt := sideTerm(left, col), sideTerm(right, col)
		if lt >= 0 && rt >= 0 {
			jn.facts = append(jn.facts, edge{lt, rt})
		}
	}
	return &fromNode{join: jn}
}

// forRels calls fn for every rel under n.
func (n *fromNode) forRels(fn func(*rel)) {
	if n.join == nil {
		fn(n.rel)
		return
	}
	n.join.left.forRels(fn)
	n.join.right.forRels(fn)
}

// sideTerm finds the tenant column term named col on one side of a join.
func sideTerm(side *fromNode, col string) int {
	t := -1
	side.forRels(func(r *rel) {
		switch {
		case t >= 0:
		case r.tenant() && r.info.tenantCol == col:
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
	// Join conditions are extracted once the whole FROM clause is known.
	for _, n := range lv.from {
		n.forJoins(func(j *join) { j.facts = sc.facts(j.quals, lv, j.facts) })
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
		n.conds(common, func(r *rel, cond []edge) {
			if r.term >= 0 && inWhere[r.term] {
				present = append(present, cond[len(common):]...)
			}
		})
	}
	common = append(common, present...)

	var pins []edge
	var unpinned []*rel
	pinned := map[*rel]bool{}
	for _, n := range lv.from {
		n.conds(common, func(r *rel, cond []edge) {
			if !r.tenant() {
				return
			}
			vals := sc.pinValues(newUnionFind(len(sc.termValue), cond), r)
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
		sc.unpinned(r, lv, common, pinned)
	}
	lv.ctx = append(append(lv.ctx, base...), pins...)
	lv.uf = newUnionFind(len(sc.termValue), lv.ctx)
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
	return vals
}

// laterals checks LATERAL subqueries and function arguments, which see lv's FROM items.
func (sc *stmtChecker) laterals(lv *level) {
	for _, r := range lv.rels {
		if r.lateral == nil {
			continue
		}
		if r.lateralQuery {
			r.out = sc.query(r.lateral, lv, lv.ctes, "the WHERE clause of the LATERAL subquery")
			continue
		}
		forEachQuery(r.lateral, func(q *pg.Node) { sc.query(q, lv, lv.ctes, "the WHERE clause of the subquery") })
	}
}

// subqueries checks every query nested in the given expressions as an inner level of lv.
func (sc *stmtChecker) subqueries(lv *level, ctes *cteScope, exprs ...*pg.Node) {
	for _, e := range exprs {
		forEachQuery(e, func(q *pg.Node) { sc.query(q, lv, ctes, "the WHERE clause of the subquery") })
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
		name := rt.Name
		if name == "" {
			if cr := rt.Val.GetColumnRef(); cr != nil {
				name = cr.Fields[len(cr.Fields)-1].GetString_().GetSval()
			}
		}
		out.cols = append(out.cols, outCol{name: name, val: sc.valueOfTerm(sc.term(rt.Val, lv), lv)})
	}
	return out
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
		switch r.kind {
		case relTable:
			if r.info.cols != nil {
				for _, c := range r.info.cols {
					v := -1
					if c == r.info.tenantCol {
						v = sc.valueOfTerm(r.term, lv)
					}
					out.cols = append(out.cols, outCol{name: c, val: v})
				}
				continue
			}
			out.exact = false
			if r.tenant() {
				out.cols = append(out.cols, outCol{name: r.info.tenantCol, val: sc.valueOfTerm(r.term, lv)})
			}
		case relDerived:
			out.cols = append(out.cols, r.out.cols...)
			if !r.out.exact {
				out.exact = false
			}
		default:
			out.exact = false
		}
	}
}

// locOf returns a node's location when it has one.
func locOf(n *pg.Node) int {
	switch x := n.GetNode().(type) {
	case *pg.Node_SelectStmt:
		if x.SelectStmt.Larg != nil {
			return locOf(&pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: x.SelectStmt.Larg}})
		}
		for _, f := range x.SelectStmt.FromClause {
			if rv := f.GetRangeVar(); rv != nil {
				return int(rv.Location)
			}
		}
	}
	return 0
}

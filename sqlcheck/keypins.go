package sqlcheck

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// Pins through keys (docs/contract.md, section 6). A key column of an occurrence is a term like
// a tenant column is; an equality between key columns is an edge like any other. Once a
// union-find holds a set of facts, closeKeys joins the tenant terms of two occurrences whose
// key columns the facts make equal along a link of the schema: a foreign key to the owner, a
// unique key of the same table, a composite foreign key, or a link table's key.

// An occ is an occurrence as key pins see it: a table occurrence, or the rows of one that a
// derived table or subquery passes on, with the tenant term they are pinned to.
type occ struct {
	info   *tableInfo
	id     *rel
	tenant int
}

// A keySrc says an output column passes a key column of a pinned occurrence unchanged.
type keySrc struct {
	o   occ
	col string
}

// scoped reports whether r is an occurrence of a table whose rows belong to tenants.
func (r *rel) scoped() bool { return r.kind == relTable && r.info.scoped() }

// keyTerm returns the term of key column col of occurrence o, allocating it on first use.
// The tenant column of a tenant table is the occurrence's tenant term.
func (sc *stmtChecker) keyTerm(o occ, col string) int {
	if col == o.info.tenantCol {
		return o.tenant
	}
	cols := sc.occCols[o]
	if cols == nil {
		if sc.occCols == nil {
			sc.occCols = map[occ]map[string]int{}
		}
		cols = map[string]int{}
		sc.occCols[o] = cols
		sc.occs = append(sc.occs, o)
	}
	t, ok := cols[col]
	if !ok {
		t = sc.newTerm()
		cols[col] = t
	}
	return t
}

// keyColumn resolves an expression to the term of a key column: a column of a scoped table
// occurrence that some link of the schema names, or an output column of a derived table that
// passes one through. It returns -1 for anything else.
func (sc *stmtChecker) keyColumn(n *pg.Node, lv *level) int {
	cr := n.GetColumnRef()
	if cr == nil || sc.pol.linked == 0 {
		return -1
	}
	r, col := sc.resolveColumn(cr, lv)
	if r == nil {
		return -1
	}
	switch r.kind {
	case relTable:
		col = r.realColumn(col)
		if !r.scoped() || col == "" || !r.info.keyCols[col] {
			return -1
		}
		return sc.keyTerm(occ{r.info, r, r.term}, col)
	case relDerived:
		if src := r.out.src(col); src != nil {
			return sc.keyTerm(src.o, src.col)
		}
	}
	return -1
}

// realColumn maps a column name as the query sees it to the table's column, undoing an alias
// column list; "" when the name is not known.
func (r *rel) realColumn(col string) string {
	if len(r.colAlias) == 0 {
		return col
	}
	for i, a := range r.colAlias {
		if a == col {
			if i < len(r.info.cols) {
				return r.info.cols[i]
			}
			return ""
		}
	}
	for i, c := range r.info.cols {
		if c == col && i >= len(r.colAlias) {
			return c
		}
	}
	return ""
}

// anyTerm resolves an expression to a tenant term, a tenant value or a key column's term.
func (sc *stmtChecker) anyTerm(n *pg.Node, lv *level) int {
	if t := sc.term(n, lv); t >= 0 {
		return t
	}
	return sc.keyColumn(n, lv)
}

// newUF builds the union-find of a set of facts and closes it over the schema's key links.
func (sc *stmtChecker) newUF(facts []edge) *unionFind {
	u := newUnionFind(len(sc.termValue), facts)
	sc.closeKeys(u)
	return u
}

// closeKeys joins the tenant terms of occurrences whose linked key columns u makes equal,
// until nothing changes: chains of owned-through tables take one round per link.
func (sc *stmtChecker) closeKeys(u *unionFind) {
	if len(sc.occs) < 2 {
		return
	}
	n := len(u.parent)
	in := func(ts ...int) bool {
		for _, t := range ts {
			if t < 0 || t >= n {
				return false
			}
		}
		return true
	}
	for changed := true; changed; {
		changed = false
		for _, a := range sc.occs {
			for _, l := range a.info.links {
				for _, b := range sc.occs {
					if b.info != l.other || b == a || !in(a.tenant, b.tenant) || u.find(a.tenant) == u.find(b.tenant) {
						continue
					}
					if sc.keysEqual(u, a, l.a, b, l.b, in) {
						u.union(a.tenant, b.tenant)
						changed = true
					}
				}
			}
		}
	}
}

// keysEqual reports whether u makes columns ca of a equal, position by position, to cb of b.
func (sc *stmtChecker) keysEqual(u *unionFind, a occ, ca []string, b occ, cb []string, in func(...int) bool) bool {
	for i := range ca {
		ta, tb := sc.occTerm(a, ca[i]), sc.occTerm(b, cb[i])
		if !in(ta, tb) || u.find(ta) != u.find(tb) {
			return false
		}
	}
	return true
}

// occTerm returns the term of column col of o if the statement named it, else -1.
func (sc *stmtChecker) occTerm(o occ, col string) int {
	if col == o.info.tenantCol {
		return o.tenant
	}
	if t, ok := sc.occCols[o][col]; ok {
		return t
	}
	return -1
}

// src returns what output column col passes through, nil when nothing or not known.
func (o *output) src(col string) *keySrc {
	if o == nil {
		return nil
	}
	var found *keySrc
	for _, c := range o.cols {
		if c.name == col || c.unsure {
			if found != nil || c.src == nil {
				return nil // ambiguous, or a column of that name passes nothing
			}
			found = c.src
		}
	}
	return found
}

// outputSrc returns the key column an output expression passes through unchanged from an
// occurrence pinned at lv, or nil.
func (sc *stmtChecker) outputSrc(n *pg.Node, lv *level) *keySrc {
	cr := n.GetColumnRef()
	if cr == nil || sc.pol.linked == 0 {
		return nil
	}
	r, col := sc.resolveColumn(cr, lv)
	if r == nil || r.nullable {
		return nil
	}
	switch r.kind {
	case relTable:
		return sc.tableSrc(r, r.realColumn(col), lv)
	case relDerived:
		return r.out.src(col)
	}
	return nil
}

// tableSrc is the source of key column col of table occurrence r, if r is pinned at lv.
func (sc *stmtChecker) tableSrc(r *rel, col string, lv *level) *keySrc {
	if !r.scoped() || col == "" || !r.info.keyCols[col] {
		return nil
	}
	v := sc.valueOfTerm(r.term, lv)
	if v < 0 {
		return nil
	}
	return &keySrc{o: occ{r.info, r, v}, col: col}
}

// A liftFrame is a dry run of an EXISTS or IN subquery: the facts its own level derives about
// the tenant terms of enclosing levels hold for every row of the level the subquery filters.
type liftFrame struct {
	sel   *pg.SelectStmt
	outer *level
	edges []edge
	depth int // dry runs this one is nested in, bounded by maxLiftDepth
}

// maxLiftDepth bounds the nesting of dry runs: a chain of owned-through tables restricted by
// nested IN or EXISTS subqueries needs one per link; each level's dry run checks the levels
// below it again, so the bound keeps the cost quadratic in the nesting, not exponential.
const maxLiftDepth = 4

// inSubquery returns out with the facts that "tests IN (subquery)", "tests = (subquery)" or,
// with no tests, "EXISTS (subquery)" gives every row lv accepts: the subquery's output is
// equated with tests, and what its level then proves about lv's tenant terms holds (CONTRACT
// section 6, rules 1, 3, 4 and 7). It also records the equation for the subquery's own check,
// where it pins the subquery's tables through the outer pinned rows (rule 8).
func (sc *stmtChecker) inSubquery(tests []*pg.Node, sub *pg.Node, lv *level, out []edge) []edge {
	sel := sub.GetSelectStmt()
	if sel == nil || sel.Op != pg.SetOperation_SETOP_NONE || len(sel.ValuesLists) > 0 || sc.lift != nil && sc.lift.depth >= maxLiftDepth {
		return out
	}
	corr := make([]int, len(tests))
	tenant := false
	for i, t := range tests {
		corr[i] = sc.anyTerm(t, lv)
		tenant = tenant || corr[i] >= 0 && !sc.isValue(corr[i])
	}
	if sc.pol.linked == 0 && !tenant {
		return out
	}
	if len(tests) > 0 {
		if sc.corr == nil {
			sc.corr = map[*pg.SelectStmt][]int{}
		}
		sc.corr[sel] = corr
	}
	m := sc.mark()
	f := &liftFrame{sel: sel, outer: lv}
	prev := sc.lift
	if prev != nil {
		f.depth = prev.depth + 1
	}
	sc.lift = f
	sc.query(sub, lv, lv.ctes, "the WHERE clause of the subquery")
	sc.lift = prev
	sc.rollback(m)
	return append(out, f.edges...)
}

// correlate adds to the facts of subquery s the equation of its output with the columns
// before IN. Only where the equation cannot change which rows the subquery reads beyond the
// equal ones: no LIMIT or OFFSET, no DISTINCT ON. A dry run always adds it: what it lifts
// holds of the rows IN finds, however they were chosen.
func (sc *stmtChecker) correlate(s *pg.SelectStmt, lv *level, base []edge) []edge {
	corr, ok := sc.corr[s]
	if !ok {
		return base
	}
	dry := sc.lift != nil && sc.lift.sel == s
	if !dry && (s.LimitCount != nil || s.LimitOffset != nil || distinctOn(s)) {
		return base
	}
	for i, t := range s.TargetList {
		if i >= len(corr) {
			break
		}
		if corr[i] < 0 {
			continue
		}
		if it := sc.anyTerm(t.GetResTarget().GetVal(), lv); it >= 0 {
			base = append(base, edge{it, corr[i]})
		}
	}
	return base
}

// distinctOn reports whether s has DISTINCT ON, which picks one row of each group by an order.
func distinctOn(s *pg.SelectStmt) bool {
	for _, d := range s.DistinctClause {
		if d != nil && d.GetNode() != nil {
			return true
		}
	}
	return false
}

// liftedEdges returns what the union-find of a subquery's level says of the tenant terms of
// outer and its enclosing levels: each one pinned to a single exact value.
func (sc *stmtChecker) liftedEdges(lv *level, outer *level) []edge {
	var out []edge
	for l := outer; l != nil; l = l.parent {
		for _, r := range l.rels {
			if r.term < 0 || r.term >= len(lv.uf.parent) {
				continue
			}
			if vals := sc.exactValues(lv.uf, r.term); len(vals) == 1 {
				out = append(out, edge{r.term, vals[0]})
			}
		}
	}
	return out
}

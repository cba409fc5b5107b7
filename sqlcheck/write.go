package sqlcheck

import (
	"fmt"
	"slices"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// target adds the table a statement writes to lv.
func (sc *stmtChecker) target(rv *pg.RangeVar, lv *level) *rel {
	r := sc.tableRel(rv)
	sc.settingsWrite(r)
	r.write, r.desc = true, lv.desc
	if r.term >= 0 {
		sc.markWrite(r.term)
	}
	lv.rels = append(lv.rels, r)
	lv.from = append(lv.from, &fromNode{rel: r})
	return r
}

// currentOf reports WHERE CURRENT OF, whose rows the checker cannot see.
func (sc *stmtChecker) currentOf(where *pg.Node, r *rel) bool {
	if where.GetCurrentOfExpr() == nil {
		return false
	}
	sc.report(RuleUnverifiable, nil, r.loc, "WHERE CURRENT OF writes the row a cursor points at, which the checker cannot see",
		fmt.Sprintf("write by key with the tenant pinned: WHERE %s = <tenant> AND id = ...", quoteIdent(r.info.tenantCol)))
	return true
}

// updateStmt checks UPDATE: the target and FROM items must be pinned, and SET must not move rows.
func (sc *stmtChecker) updateStmt(s *pg.UpdateStmt, parent *level, ctes *cteScope) *output {
	lv, t := sc.writeLevel(s.WithClause, s.Relation, s.FromClause, s.WhereClause, parent, ctes)
	sc.setClause(t, s.TargetList, lv, "UPDATE")
	sc.subqueryList(lv, lv.ctes, s.TargetList)
	return sc.writeTail(lv, s.WhereClause, s.ReturningList)
}

// deleteStmt checks DELETE: the target and USING items must be pinned.
func (sc *stmtChecker) deleteStmt(s *pg.DeleteStmt, parent *level, ctes *cteScope) *output {
	lv, _ := sc.writeLevel(s.WithClause, s.Relation, s.UsingClause, s.WhereClause, parent, ctes)
	return sc.writeTail(lv, s.WhereClause, s.ReturningList)
}

// writeLevel builds the level of an UPDATE or DELETE (its target and FROM or USING items) and
// pins it with the WHERE clause.
func (sc *stmtChecker) writeLevel(w *pg.WithClause, target *pg.RangeVar, from []*pg.Node, where *pg.Node, parent *level, ctes *cteScope) (*level, *rel) {
	ctes = sc.with(w, parent, ctes)
	lv := &level{parent: parent, ctes: ctes, desc: "the WHERE clause", hasWhere: where != nil}
	if target != nil && target.Location >= 0 {
		lv.anchor, lv.anchored = int(target.Location), true
	}
	t := sc.target(target, lv)
	sc.fromClause(from, lv)
	if sc.currentOf(where, t) {
		sc.inherit(lv)
	} else {
		sc.pin(lv, sc.facts(where, lv, nil))
	}
	return lv, t
}

// writeTail checks the rest of an UPDATE or DELETE level and returns its RETURNING output.
func (sc *stmtChecker) writeTail(lv *level, where *pg.Node, returning []*pg.Node) *output {
	sc.laterals(lv)
	sc.subqueries(lv, lv.ctes, where)
	sc.subqueryList(lv, lv.ctes, returning)
	sc.joinSubqueries(lv)
	return sc.targetOutput(lv, returning)
}

func (sc *stmtChecker) joinSubqueries(lv *level) {
	for _, n := range lv.from {
		n.forJoins(func(j *join) {
			if j.quals != nil {
				sc.subqueries(lv.view(append(j.left.rels(), j.right.rels()...)), lv.ctes, j.quals)
			}
		})
	}
}

// setClause reports SET tenant_id = x where x is not the target's tenant value (tenant-write).
// The target's tenant column term must already be pinned in lv.
func (sc *stmtChecker) setClause(t *rel, targets []*pg.Node, lv *level, what string) {
	if t.info.owner != nil && t.kind == relTable {
		sc.ownedSet(t, targets, lv, what)
	}
	if !t.tenant() {
		return
	}
	col := t.info.tenantCol
	for _, n := range targets {
		rt := n.GetResTarget()
		if rt == nil || rt.Name != col {
			continue
		}
		expr := rt.Val
		if ma := expr.GetMultiAssignRef(); ma != nil {
			expr = nil
			if row := ma.Source.GetRowExpr(); row != nil && int(ma.Colno) <= len(row.Args) {
				expr = row.Args[ma.Colno-1]
			}
		}
		if expr != nil && sc.valueExpr(expr, lv) >= 0 && sc.sameValue(sc.term(expr, lv), t.term, lv) {
			continue
		}
		sc.report(RuleTenantWrite, t, int(rt.Location),
			fmt.Sprintf("%s sets the tenant column %q of %s to a value other than the statement's tenant", what, col, describeTable(t.written(), t.alias)),
			fmt.Sprintf("remove %q from SET: a row never moves to another tenant", col))
	}
}

// sameValue reports whether terms a and b are equal at lv and pinned to a tenant value.
func (sc *stmtChecker) sameValue(a, b int, lv *level) bool {
	if a < 0 || b < 0 || lv.uf == nil {
		return false
	}
	if lv.uf.find(a) != lv.uf.find(b) {
		return false
	}
	return len(sc.exactValues(lv.uf, a)) > 0
}

// insertStmt checks INSERT: every row must carry the statement's tenant value in the tenant
// column, the source query must be safe, and an upsert must not reach another tenant's row.
func (sc *stmtChecker) insertStmt(s *pg.InsertStmt, parent *level, ctes *cteScope) *output {
	ctes = sc.with(s.WithClause, parent, ctes)
	lv := &level{parent: parent, ctes: ctes, desc: "the INSERT"}
	t := sc.target(s.Relation, lv)
	lv.rels, lv.from = nil, nil // the target is not in scope of the source query
	col := ""
	idx := -1
	if t.tenant() {
		col = t.info.tenantCol
		for i, c := range s.Cols {
			if c.GetResTarget().GetName() == col {
				idx = i
			}
		}
		switch {
		case s.SelectStmt == nil:
			sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("INSERT ... DEFAULT VALUES into %s does not set %q", describeTable(t.written(), t.alias), col),
				fmt.Sprintf("list the columns, including %q, and insert the tenant value", col))
		case len(s.Cols) == 0:
			sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("INSERT into %s has no column list, so the tenant column cannot be verified", describeTable(t.written(), t.alias)),
				fmt.Sprintf("list the columns, including %q", col))
		case idx < 0:
			sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("INSERT into %s does not set the tenant column %q", describeTable(t.written(), t.alias), col),
				fmt.Sprintf("add %q to the column list and the tenant value to every row", col))
		}
	}
	ins := -1 // the value term the rows insert
	if len(t.info.suspects) > 0 && t.info.owner == nil && t.info.reach == nil && t.kind == relTable {
		s := t.info.suspects[0]
		sc.report(RuleInsertTenant, t, t.loc,
			fmt.Sprintf("INSERT into %s, which has no tenant column and no foreign key though its column %q looks like a key of %s: tenantq cannot tell which tenant the rows belong to", describeTable(t.written(), t.alias), s.col, describeTable(tableName(s.target.canon), "")),
			fmt.Sprintf("add its foreign key to the schema (FOREIGN KEY (%s) REFERENCES %s), or list %q under global_tables in tenantq.yaml if it holds no tenant data",
				quoteIdent(s.col), quoteQualified(tableName(s.target.canon)), tableName(t.info.canon)))
	}
	var owned []int
	if t.info.owner != nil {
		if s.SelectStmt == nil || len(s.Cols) == 0 {
			owned = sc.ownedKeyIndexes(t, nil, "INSERT")
		} else {
			owned = sc.ownedKeyIndexes(t, s.Cols, "INSERT")
		}
	}
	sel := s.SelectStmt.GetSelectStmt()
	// Subscripts in the column list (tags[(SELECT ...)]) may hold subqueries.
	sc.subqueryList(lv, ctes, s.Cols)
	switch {
	case sel == nil:
	case len(sel.ValuesLists) > 0 && sel.WithClause == nil && sel.LimitCount == nil && sel.LimitOffset == nil && len(sel.SortClause) == 0:
		sc.inherit(lv)
		for i, row := range sel.ValuesLists {
			items := row.GetList().GetItems()
			sc.subqueryList(lv, ctes, items)
			if owned != nil {
				var srcs []*keySrc
				for _, k := range owned {
					if k < len(items) {
						srcs = append(srcs, sc.exprSrc(items[k], lv))
					}
				}
				if len(owned) > 1 {
					srcs = append(srcs, nil) // scalar subqueries of a composite key may read different rows
				}
				if v := sc.ownedSource(t, srcs, locOfExpr(items[owned[0]]), RuleInsertTenant, fmt.Sprintf("row %d of INSERT", i+1)); v >= 0 && ins < 0 {
					ins = v
				}
			}
			if idx < 0 || idx >= len(items) {
				continue
			}
			if v := sc.insertedValue(t, items[idx], i+1); v >= 0 {
				if ins < 0 {
					ins = v
				}
				sc.use(v, locOfExpr(items[idx]))
			}
		}
	default:
		out := sc.selectStmt(sel, parent, ctes, "the WHERE clause of the INSERT's SELECT")
		if owned != nil {
			var srcs []*keySrc
			for _, k := range owned {
				c, ok := out.at(k)
				if !ok || len(out.cols) != len(s.Cols) {
					c.src = nil
				}
				srcs = append(srcs, c.src)
			}
			ins = sc.ownedSource(t, srcs, t.loc, RuleInsertTenant, "INSERT ... SELECT")
		}
		if idx >= 0 {
			c, ok := out.at(idx)
			if len(out.cols) != len(s.Cols) {
				ok = false
			}
			switch {
			case !ok:
				sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("INSERT ... SELECT into %s: cannot see which column of the SELECT feeds %q", describeTable(t.written(), t.alias), col),
					"list the SELECT's columns instead of *")
			case c.val < 0 && len(c.alts) > 0 && !slices.ContainsFunc(c.alts, func(v int) bool { return sc.values[sc.termValue[v]].shared }):
				// The arms of a set operation insert different tenant values.
				ins = c.alts[0]
				for _, v := range c.alts {
					sc.use(v, t.loc)
				}
			case c.val < 0 || sc.values[sc.termValue[c.val]].shared:
				sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("INSERT ... SELECT into %s: column %d of the SELECT, which feeds %q, is not the tenant value or a pinned tenant column", describeTable(t.written(), t.alias), idx+1, col),
					"select the tenant value or the tenant column of a table pinned to it")
			default:
				ins = c.val
				sc.use(ins, t.loc)
			}
		}
	}
	if oc := s.OnConflictClause; oc != nil && oc.Action == pg.OnConflictAction_ONCONFLICT_UPDATE {
		return sc.upsert(s, t, ins, parent, ctes)
	}
	return sc.returning(t, ins, s.ReturningList, parent, ctes)
}

// insertedValue classifies the tenant column's expression in one VALUES row.
func (sc *stmtChecker) insertedValue(t *rel, e *pg.Node, row int) int {
	col := t.info.tenantCol
	v, ok := sc.tenantValue(e)
	if ok && !v.shared {
		return sc.valueTerm(v)
	}
	what := "an expression that is not a placeholder or constant"
	switch {
	case ok:
		what = "the shared tenant value " + v.text + ", which tenant-scoped code may only read,"
	case e.GetSetToDefault() != nil:
		what = "DEFAULT"
	case e.GetAConst() != nil && e.GetAConst().Isnull:
		what = "NULL"
	}
	sc.report(RuleInsertTenant, t, locOfExpr(e),
		fmt.Sprintf("row %d inserts %s as the tenant column %q of %s", row, what, col, describeTable(t.written(), t.alias)),
		fmt.Sprintf("insert the tenant value in %q", col))
	return -1
}

// returning checks RETURNING of an INSERT, where the new rows carry the inserted tenant value.
func (sc *stmtChecker) returning(t *rel, ins int, list []*pg.Node, parent *level, ctes *cteScope) *output {
	lv := &level{parent: parent, ctes: ctes}
	sc.inherit(lv)
	row := *t
	lv.rels = []*rel{&row}
	if row.term >= 0 && ins >= 0 {
		lv.ctx = append(lv.ctx, edge{row.term, ins})
	}
	lv.uf = sc.newUF(lv.ctx)
	sc.subqueryList(lv, ctes, list)
	return sc.targetOutput(lv, list)
}

// upsert checks ON CONFLICT ... DO UPDATE (rules upsert-conflict and tenant-write).
func (sc *stmtChecker) upsert(s *pg.InsertStmt, t *rel, ins int, parent *level, ctes *cteScope) *output {
	oc := s.OnConflictClause
	lv := &level{parent: parent, ctes: ctes, desc: "the DO UPDATE ... WHERE clause"}
	sc.inherit(lv)
	existing := *t
	existing.write = true
	if t.tenant() {
		existing.term = sc.newTerm()
		sc.markWrite(existing.term)
	}
	excluded := &rel{kind: relDerived, refname: "excluded", term: -1, out: &output{}}
	if t.tenant() {
		excluded.out.cols = []outCol{{name: t.info.tenantCol, val: ins}}
	}
	lv.rels = []*rel{&existing, excluded}
	if t.info.owner != nil && t.kind == relTable {
		sc.ownedConflict(oc, t)
		sc.setClause(&existing, oc.TargetList, lv, "ON CONFLICT DO UPDATE")
	}
	fs := sc.facts(oc.WhereClause, lv, nil)
	keyed := false
	if t.tenant() && oc.Infer != nil {
		for _, e := range oc.Infer.IndexElems {
			if e.GetIndexElem().GetName() == t.info.tenantCol {
				keyed = true
			}
		}
	}
	if keyed && ins >= 0 {
		fs = append(fs, edge{existing.term, ins})
	}
	lv.ctx = append(lv.ctx, fs...)
	lv.uf = sc.newUF(lv.ctx)
	if t.tenant() {
		if vals := sc.valuesOf(lv.uf, existing.term); len(vals) == 0 {
			col, ref, qcol := t.info.tenantCol, quoteIdent(t.refname), quoteIdent(t.info.tenantCol)
			target := "the conflict target lacks " + fmt.Sprintf("%q", col)
			hint := fmt.Sprintf("add %q to the conflict target, or pin the existing row: DO UPDATE ... WHERE %s.%s = excluded.%s", col, ref, qcol, qcol)
			if oc.Infer != nil && oc.Infer.Conname != "" {
				target = fmt.Sprintf("ON CONSTRAINT %s is not known to include %q", oc.Infer.Conname, col)
				hint = fmt.Sprintf("pin the existing row: DO UPDATE ... WHERE %s.%s = excluded.%s", ref, qcol, qcol)
			}
			sc.report(RuleUpsertConflict, t, int(oc.Location),
				fmt.Sprintf("ON CONFLICT DO UPDATE on %s can overwrite another tenant's row that shares the key: %s and the DO UPDATE has no WHERE pinning the existing row", describeTable(t.written(), t.alias), target),
				hint)
		} else {
			for _, v := range vals {
				sc.use(v, int(oc.Location))
			}
		}
		sc.setClause(&existing, oc.TargetList, lv, "ON CONFLICT DO UPDATE")
	}
	sc.subqueries(lv, ctes, oc.WhereClause)
	sc.subqueryList(lv, ctes, oc.TargetList)
	return sc.returning(t, ins, s.ReturningList, parent, ctes)
}

// mergeStmt checks the supported subset of MERGE: WHEN MATCHED and WHEN NOT MATCHED [BY TARGET]
// clauses. The join condition must pin the target; the source must be pinned on its own, or by
// the join condition when no clause acts on unmatched source rows.
func (sc *stmtChecker) mergeStmt(s *pg.MergeStmt, parent *level, ctes *cteScope) *output {
	ctes = sc.with(s.WithClause, parent, ctes)
	lv := &level{parent: parent, ctes: ctes, desc: "the MERGE ... ON condition", cond: s.JoinCondition}
	t := sc.target(s.Relation, lv)
	notMatched := false
	for _, w := range s.MergeWhenClauses {
		switch w.GetMergeWhenClause().GetMatchKind() {
		case pg.MergeMatchKind_MERGE_WHEN_MATCHED:
		case pg.MergeMatchKind_MERGE_WHEN_NOT_MATCHED_BY_TARGET:
			notMatched = true
		default:
			sc.report(RuleUnverifiable, nil, t.loc, "MERGE with WHEN NOT MATCHED BY SOURCE changes target rows that no condition pins",
				"use UPDATE or DELETE with the tenant pinned in WHERE")
			return &output{}
		}
	}
	// MERGE joins target and source like a JOIN ON the condition, or, when unmatched source
	// rows are inserted, like "target RIGHT JOIN source": the condition pins the target (only
	// matched target rows change) and, without WHEN NOT MATCHED, the source too.
	kind := pg.JoinType_JOIN_INNER
	if notMatched {
		kind = pg.JoinType_JOIN_RIGHT
	}
	src := sc.fromItem(s.SourceRelation, lv)
	lv.from = []*fromNode{{join: &join{kind: kind, quals: s.JoinCondition, left: &fromNode{rel: t}, right: src}}}
	sc.pin(lv, nil)
	// WHEN NOT MATCHED THEN INSERT sees the source only: no target row matched.
	srcView := lv.view(src.rels())
	sc.laterals(lv)
	for _, w := range s.MergeWhenClauses {
		wc := w.GetMergeWhenClause()
		switch wc.CommandType {
		case pg.CmdType_CMD_UPDATE:
			sc.setClause(t, wc.TargetList, lv, "MERGE ... UPDATE")
		case pg.CmdType_CMD_INSERT:
			sc.mergeInsert(t, wc, srcView)
		}
		sc.subqueries(lv, ctes, wc.Condition)
		sc.subqueryList(lv, ctes, wc.TargetList, wc.Values)
	}
	sc.joinSubqueries(lv)
	sc.subqueryList(lv, ctes, s.ReturningList)
	return sc.targetOutput(lv, s.ReturningList)
}

// mergeInsert checks WHEN NOT MATCHED THEN INSERT like an INSERT's row.
func (sc *stmtChecker) mergeInsert(t *rel, wc *pg.MergeWhenClause, lv *level) {
	if t.info.owner != nil && t.kind == relTable {
		owned := sc.ownedKeyIndexes(t, wc.TargetList, "MERGE ... INSERT")
		if owned == nil {
			return
		}
		var srcs []*keySrc
		for _, k := range owned {
			if k < len(wc.Values) {
				srcs = append(srcs, sc.exprSrc(wc.Values[k], lv))
			}
		}
		sc.ownedSource(t, srcs, t.loc, RuleInsertTenant, "MERGE ... INSERT")
		return
	}
	if !t.tenant() {
		return
	}
	col := t.info.tenantCol
	idx := -1
	for i, c := range wc.TargetList {
		if c.GetResTarget().GetName() == col {
			idx = i
		}
	}
	if idx < 0 || idx >= len(wc.Values) {
		sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("MERGE ... INSERT into %s does not set the tenant column %q", describeTable(t.written(), t.alias), col),
			fmt.Sprintf("list %q in the INSERT's columns with the tenant value", col))
		return
	}
	v := sc.valueExpr(wc.Values[idx], lv)
	if v < 0 {
		sc.report(RuleInsertTenant, t, locOfExpr(wc.Values[idx]), fmt.Sprintf("MERGE ... INSERT into %s sets %q to something that is not the tenant value or a pinned tenant column", describeTable(t.written(), t.alias), col),
			fmt.Sprintf("insert the tenant value in %q", col))
		return
	}
	sc.use(v, locOfExpr(wc.Values[idx]))
}

// locOfExpr returns the location of common expression nodes, else -1.
func locOfExpr(n *pg.Node) int {
	switch x := n.GetNode().(type) {
	case *pg.Node_ParamRef:
		return int(x.ParamRef.Location)
	case *pg.Node_AConst:
		return int(x.AConst.Location)
	case *pg.Node_TypeCast:
		return int(x.TypeCast.Location)
	case *pg.Node_ColumnRef:
		return int(x.ColumnRef.Location)
	case *pg.Node_SetToDefault:
		return int(x.SetToDefault.Location)
	case *pg.Node_FuncCall:
		return int(x.FuncCall.Location)
	}
	return -1
}

// tenantWriteDoc documents RuleTenantWrite beside its checks: what it rejects, why, and the fix.
var tenantWriteDoc = RuleDoc{
	Rule:  RuleTenantWrite,
	Title: "UPDATE never moves a row to another tenant",
	Text:  `UPDATE ... SET tenant_id = x, MERGE ... UPDATE SET tenant_id = x and ON CONFLICT DO UPDATE SET tenant_id = x are rejected unless x is the statement's own tenant value: a row that changes tenant leaks to the new one. For a table owned through a parent, setting its owning key moves the row to another parent: the new key must come from a parent row pinned to the tenant ("SET order_id = (SELECT id FROM orders WHERE tenant_id = $1 AND id = $3)").`,
	Bad:   `UPDATE deals SET tenant_id = $3 WHERE tenant_id = $1 AND id = $2`,
	Good:  `UPDATE deals SET stage = $3 WHERE tenant_id = $1 AND id = $2`,
}

// insertTenantDoc documents RuleInsertTenant beside its checks: what it rejects, why, and the fix.
var insertTenantDoc = RuleDoc{
	Rule:  RuleInsertTenant,
	Title: "INSERT sets the tenant column to the tenant value on every row",
	Text:  `An INSERT into a tenant table must list its columns, include the tenant column, and give every row the statement's tenant value: a placeholder or constant, never DEFAULT, NULL or another expression. INSERT ... SELECT must select the tenant value, or the tenant column of a table pinned to it, into the tenant column. An INSERT into a table owned through a parent must take the owning key from a parent row pinned to the tenant (INSERT ... SELECT o.id, ... FROM orders o WHERE o.tenant_id = $1 AND o.id = $2): a bare key could attach the row to another tenant's parent.`,
	Bad:   `INSERT INTO notes (contact_id, body) VALUES ($2, $3)`,
	Good:  `INSERT INTO notes (tenant_id, contact_id, body) VALUES ($1, $2, $3)`,
}

// upsertConflictDoc documents RuleUpsertConflict beside its checks: what it rejects, why, and the fix.
var upsertConflictDoc = RuleDoc{
	Rule:  RuleUpsertConflict,
	Title: "ON CONFLICT DO UPDATE only reaches the tenant's own row",
	Text:  `ON CONFLICT ... DO UPDATE updates the existing row that conflicts. When the conflict target lacks the tenant column, that row may belong to another tenant sharing the unique key, so the DO UPDATE must pin it with a WHERE clause. ON CONFLICT ON CONSTRAINT always needs that WHERE pin, since the constraint's columns are not visible in the SQL. For a table owned through a parent, the conflict target must include the owning key.`,
	Bad:   `INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET name = excluded.name`,
	Good:  `INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name`,
}

package sqlcheck

import (
	"fmt"
	"slices"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Writes into owned-through tables (docs/contract.md, section 6, "Writes"): the owning key of
// every inserted row, and a new owning key set by UPDATE, must come from a pinned occurrence of
// the parent. A bare value could attach the row under another tenant's parent.

// ownedKeyIndexes returns the positions of t's owning key columns in an INSERT's column list,
// reporting insert-tenant when the list does not set them all.
func (sc *stmtChecker) ownedKeyIndexes(t *rel, cols []*pg.Node, what string) []int {
	l := t.info.owner
	var idx []int
	for _, k := range l.a {
		i := slices.IndexFunc(cols, func(c *pg.Node) bool { return c.GetResTarget().GetName() == k })
		if i < 0 {
			sc.report(RuleInsertTenant, t, t.loc, fmt.Sprintf("%s into %s does not set its owning key %s, so the row belongs to no row of %q",
				what, describeTable(t.written(), t.alias), keyList(l.a), tableName(l.other.canon)),
				fmt.Sprintf("insert %s taken from a pinned row of %q: %s", keyList(l.a), tableName(l.other.canon), ownedInsertExample(t)))
			return nil
		}
		idx = append(idx, i)
	}
	return idx
}

// ownedInsertExample shows the safe form of an INSERT into owned-through table t.
func ownedInsertExample(t *rel) string {
	l := t.info.owner
	var sel []string
	for _, b := range l.b {
		sel = append(sel, "p."+quoteIdent(b))
	}
	return snippet(fmt.Sprintf("INSERT INTO %s (%s, ...) SELECT %s, ... FROM %s p WHERE p.%s AND p.%s = ...",
		quoteQualified(t.written()), strings.Join(quoteAll(l.a), ", "), strings.Join(sel, ", "),
		quoteQualified(tableName(l.other.canon)), pinOf(l.other, tenantToken), quoteIdent(l.b[0])))
}

// ownedSource checks that the sources of t's owning key columns pass through the parent key of
// one occurrence of the parent pinned to a tenant value, and returns that value, or -1 after
// reporting insert-tenant (or tenant-write, for UPDATE).
func (sc *stmtChecker) ownedSource(t *rel, srcs []*keySrc, loc int, rule Rule, what string) int {
	l := t.info.owner
	ok := len(srcs) == len(l.a)
	for i, s := range srcs {
		// The parent's key, or the owning key of a row owned through the same parent key.
		sameKey := s != nil && (s.o.info == l.other && s.col == l.b[i] ||
			s.o.info.owner != nil && s.o.info.owner.other == l.other && slices.Equal(s.o.info.owner.b, l.b) && s.col == s.o.info.owner.a[i])
		if !ok || !sameKey || s.o != srcs[0].o || !sc.isValue(s.o.tenant) || sc.values[sc.termValue[s.o.tenant]].shared {
			ok = false
			break
		}
	}
	if ok {
		v := srcs[0].o.tenant
		sc.use(v, loc)
		return v
	}
	hint := fmt.Sprintf("take %s from a pinned row of %q: %s", keyList(l.a), tableName(l.other.canon), ownedInsertExample(t))
	if rule == RuleTenantWrite {
		hint = fmt.Sprintf("set %s from a pinned row of %q: = (SELECT %s FROM %s WHERE %s AND %s = ...)", keyList(l.a), tableName(l.other.canon),
			strings.Join(quoteAll(l.b), ", "), quoteQualified(tableName(l.other.canon)), pinOf(l.other, tenantToken), quoteIdent(l.b[0]))
	}
	sc.report(rule, t, loc, fmt.Sprintf("%s sets the owning key %s of %s from something other than a row of %q pinned to the tenant, so the row could be attached to another tenant's",
		what, keyList(l.a), describeTable(t.written(), t.alias), tableName(l.other.canon)), hint)
	return -1
}

// exprSrc returns the key column an expression passes through from a pinned occurrence: a
// column, or a scalar subquery's one column.
func (sc *stmtChecker) exprSrc(e *pg.Node, lv *level) *keySrc {
	if sl := e.GetSubLink(); sl != nil && sl.SubLinkType == pg.SubLinkType_EXPR_SUBLINK {
		m := sc.mark()
		out := sc.query(sl.Subselect, lv, lv.ctes, "the WHERE clause of the subquery")
		sc.rollback(m)
		if c, ok := out.at(0); ok && len(out.cols) == 1 {
			return c.src
		}
		return nil
	}
	return sc.outputSrc(e, lv)
}

// ownedSet checks UPDATE ... SET of an owned-through table's owning key.
func (sc *stmtChecker) ownedSet(t *rel, targets []*pg.Node, lv *level, what string) {
	l := t.info.owner
	var srcs []*keySrc
	loc := -1
	for _, n := range targets {
		rt := n.GetResTarget()
		if rt == nil || !slices.Contains(l.a, rt.Name) {
			continue
		}
		if loc < 0 {
			loc = int(rt.Location)
		}
		if rt.Val.GetMultiAssignRef() != nil {
			srcs = append(srcs, nil)
			continue
		}
		srcs = append(srcs, sc.exprSrc(rt.Val, lv))
	}
	if loc < 0 {
		return
	}
	if len(srcs) != len(l.a) {
		srcs = append(srcs, nil) // part of a composite key: the row moves to a parent of our choosing only with all of it
	}
	if v := sc.ownedSource(t, srcs, loc, RuleTenantWrite, what); v >= 0 && !sc.sameValue(t.term, v, lv) {
		// The new parent is pinned, but to another value than the row itself.
		sc.use(v, loc)
	}
}

// ownedConflict reports ON CONFLICT DO UPDATE on an owned-through table whose conflict target
// lacks the owning key: the existing row it updates may hang under another tenant's parent.
func (sc *stmtChecker) ownedConflict(oc *pg.OnConflictClause, t *rel) {
	l := t.info.owner
	var target []string
	if oc.Infer != nil {
		for _, e := range oc.Infer.IndexElems {
			target = append(target, e.GetIndexElem().GetName())
		}
	}
	missing := slices.ContainsFunc(l.a, func(k string) bool { return !slices.Contains(target, k) })
	if !missing {
		return
	}
	sc.report(RuleUpsertConflict, t, int(oc.Location),
		fmt.Sprintf("ON CONFLICT DO UPDATE on %s can overwrite a row of another tenant that shares the key: the conflict target lacks the owning key %s", describeTable(t.written(), t.alias), keyList(l.a)),
		fmt.Sprintf("make the conflict target a unique key that includes %s", keyList(l.a)))
}

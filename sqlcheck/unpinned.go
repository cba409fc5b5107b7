package sqlcheck

import (
	"fmt"
	"slices"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// tenantToken stands in a hint for the tenant value until the statement's is known.
const tenantToken = "{{tenant}}"

// orWhy explains a pin lost to an OR.
const orWhy = "its tenant predicate is inside an OR whose other branch does not pin it"

// unpinned reports an occurrence no predicate pins, with the most useful hint we can give,
// and where its predicate goes, for the violation's Fix. A hint names only what PostgreSQL
// lets that place name: a JOIN's ON sees the join's own inputs (never an UPDATE or DELETE
// target, nor a FROM item beside the join), and a table inside a parenthesised join with an
// alias is seen only inside that join.
func (sc *stmtChecker) unpinned(r *rel, lv *level, common []edge, pinned map[*rel]bool) {
	if r.info.tenantCol == "" {
		sc.unpinnedThrough(r, lv)
		return
	}
	col := r.tenantName()
	if col == "" {
		col = r.info.tenantCol // renamed by an alias column list to a name we do not know
	}
	col = quoteIdent(col)
	ref := sc.refFor(r, lv)
	msg := describeTable(r.written(), r.alias) + " has no tenant predicate"
	why := sc.near[r.term]
	if why == "" {
		why = sc.equatedWith(r, lv, common)
	}
	if why != "" {
		msg = describeTable(r.written(), r.alias) + " is not pinned to one tenant: " + why
	}
	if sc.noParams {
		sc.report(RuleUnpinned, r, r.loc, msg, "a materialized view's query takes no parameters, so it cannot be pinned to the tenant of a request: create it from unscoped admin code, or query the table with its tenant pinned")
		return
	}
	f := &fixSpec{lv: lv, clause: lv.desc, pred: ref + col + " = " + tenantToken}
	switch {
	case lv.table:
		f.kind, f.r, f.clause = fixTable, r, "the WHERE clause of the SELECT * FROM that TABLE stands for"
	case r.hidden:
		f.kind, f.r = fixWrap, r
	}
	hint, val, note := "", tenantToken, ""

	// Would an outer join's ON pin it, if ON filtered the preserved side? Only when nothing
	// else in the level gives it a value: a write pinned to a shared value is not that.
	if lv.allUF == nil {
		all := append([]edge(nil), common...)
		for _, n := range lv.from {
			all = append(all, n.allFacts()...)
		}
		lv.allUF = sc.newUF(all)
		lv.commonUF = sc.newUF(common)
	}
	if vals := sc.valuesOf(lv.allUF, r.term); len(vals) > 0 && len(sc.valuesOf(lv.commonUF, r.term)) == 0 {
		why = "its tenant predicate is in the ON clause of an outer join, which does not filter this side"
		msg = describeTable(r.written(), r.alias) + " is not pinned to one tenant: " + why
		sc.nearValue(r.term, vals[0])
		var v string
		v, note = sc.spell(sc.values[sc.termValue[vals[0]]])
		val = v
		f.pred = ref + col + " = " + v
		switch {
		case lv.cond != nil || r.hidden:
			// MERGE has no WHERE: read the source through a pinned subquery.
			f.kind, f.r = fixWrap, r
		default:
			hint = fmt.Sprintf("move the predicate to the WHERE clause: %s%s", snippet(f.pred), note)
		}
	} else if why == orWhy && f.kind == fixWhere {
		hint = fmt.Sprintf("AND %s with the whole OR in %s", snippet(f.pred), lv.desc)
	} else if r.ambig && why == "" {
		why = fmt.Sprintf("the unqualified column %q could belong to several tables here", col)
		msg = describeTable(r.written(), r.alias) + " is not pinned to one tenant: " + why
		hint = fmt.Sprintf("qualify it: %s", snippet(sc.qualified(r)+col+" = "+tenantToken))
		f = nil
	} else if r.on != nil {
		sc.joinFix(f, r, lv, pinned, col)
	}
	if f != nil && f.kind == fixWhere && r.nullable && lv.cond == nil {
		// A WHERE predicate on the nullable side of an outer join drops the rows the join
		// adds without it, which changes what the query means: pin the table before the join.
		f.kind, f.r, hint = fixWrap, r, ""
	}
	switch {
	case hint != "":
	case f.kind == fixTable:
		hint = fmt.Sprintf("write it as %s", snippet("SELECT * FROM "+quoteQualified(r.written())+" WHERE "+f.pred))
	case f.kind == fixWrap:
		f.pred = col + " = " + val
		alias := r.alias
		if alias == "" {
			alias = r.name
		}
		hint = fmt.Sprintf("read it through a pinned subquery: %s%s", snippet("(SELECT * FROM "+quoteQualified(r.written())+" WHERE "+f.pred+") "+quoteIdent(alias)), note)
		f.clause = "a pinned subquery in its place"
	default:
		hint = fmt.Sprintf("add %s to %s", snippet(f.pred), f.clause)
	}
	sc.report(RuleUnpinned, r, r.loc, msg, hint)
	if f != nil {
		sc.addFix(f)
	}
}

// joinFix places the predicate of r in the ON condition of r.on. It equates r with a pinned
// table of the same tenant column that the ON can name (a column of another name, such as
// organization_id beside project_id, may name another identity); else, in an inner join, with
// one the WHERE clause can name (an UPDATE or DELETE target, a FROM item beside the join);
// else it pins r to the tenant value in the ON.
func (sc *stmtChecker) joinFix(f *fixSpec, r *rel, lv *level, pinned map[*rel]bool, col string) {
	j := r.on
	inJoin := append(j.left.rels(), j.right.rels()...)
	if peer := pinnedPeer(r, inJoin, pinned, col, false); peer != nil {
		f.kind, f.on, f.clause = fixOn, j.quals, "its JOIN ON"
		f.pred = sc.qualified(r) + col + " = " + sc.qualified(peer) + quoteIdent(peer.tenantName())
		return
	}
	if j.kind == pg.JoinType_JOIN_INNER && !r.hidden {
		if peer := pinnedPeer(r, lv.rels, pinned, col, true); peer != nil {
			f.kind = fixWhere
			f.pred = sc.qualified(r) + col + " = " + sc.qualified(peer) + quoteIdent(peer.tenantName())
			return
		}
	}
	f.kind, f.on, f.clause = fixOn, j.quals, "its JOIN ON"
	f.pred = sc.qualified(r) + col + " = " + tenantToken
}

// snippet quotes a piece of SQL in a message: in double quotes, or in backquotes when it
// holds a double quote (a quoted identifier), which %q would escape into something no one
// could paste.
func snippet(sql string) string {
	if strings.ContainsRune(sql, '"') {
		return "`" + sql + "`"
	}
	return `"` + sql + `"`
}

// pinnedPeer finds a pinned tenant occurrence among rels, other than r, whose tenant column is
// written col, preferring one that is not a write target, then one before r. With visible, it
// skips occurrences hidden inside a join with an alias, which a WHERE clause cannot name.
func pinnedPeer(r *rel, rels []*rel, pinned map[*rel]bool, col string, visible bool) *rel {
	var best *rel
	rank := func(p *rel, before bool) int {
		n := 0
		if !p.write {
			n += 2
		}
		if before {
			n++
		}
		return n
	}
	bestRank, seen := -1, false
	for _, p := range rels {
		if p == r {
			seen = true
			continue
		}
		if !pinned[p] || quoteIdent(p.tenantName()) != col || visible && p.hidden {
			continue
		}
		if k := rank(p, !seen); k > bestRank {
			best, bestRank = p, k
		}
	}
	return best
}

// refFor is the prefix to write before the tenant column in a hint: nothing when the level has
// a single table and no alias, else the alias or table name and a dot.
func (sc *stmtChecker) refFor(r *rel, lv *level) string {
	if r.alias == "" && len(lv.rels) == 1 {
		return ""
	}
	return sc.qualified(r)
}

func (sc *stmtChecker) qualified(r *rel) string {
	if r.alias != "" {
		return quoteIdent(r.alias) + "."
	}
	return quoteQualified(r.written()) + "."
}

// unpinnedThrough reports an occurrence of an owned-through or reached-through table that no
// key pins, with a hint that restricts its key to the rows of a pinned parent or link row.
func (sc *stmtChecker) unpinnedThrough(r *rel, lv *level) {
	if len(r.info.suspects) > 0 && r.info.owner == nil && r.info.reach == nil {
		s := r.info.suspects[0]
		sc.report(RuleUnpinned, r, r.loc,
			fmt.Sprintf("%s has no tenant column and no foreign key, but its column %q looks like a key of %s, whose rows belong to tenants: tenantq cannot tell which tenant a row belongs to", describeTable(r.written(), r.alias), s.col, describeTable(tableName(s.target.canon), "")),
			fmt.Sprintf("add its foreign key to the schema (FOREIGN KEY (%s) REFERENCES %s), which makes it owned through that table, or list %q under global_tables in tenantq.yaml if it holds no tenant data",
				quoteIdent(s.col), quoteQualified(tableName(s.target.canon)), tableName(r.info.canon)))
		return
	}
	l, how := r.info.owner, "owned through"
	if l == nil {
		l, how = r.info.reach, "reached through"
	}
	msg := fmt.Sprintf("%s has no tenant column and is %s %s by its %s, and nothing pins it to a tenant",
		describeTable(r.written(), r.alias), how, describeTable(tableName(l.other.canon), ""), l.why)
	if sc.noParams {
		sc.report(RuleUnpinned, r, r.loc, msg, "a materialized view's query takes no parameters, so it cannot be pinned to the tenant of a request: create it from unscoped admin code")
		return
	}
	pred := sc.refFor(r, lv) + keyIn(r.info, r.visibleNames(l.a), tenantToken)
	f := &fixSpec{lv: lv, clause: lv.desc, pred: pred}
	switch {
	case lv.table:
		f.kind, f.r, f.clause = fixTable, r, "the WHERE clause of the SELECT * FROM that TABLE stands for"
	case r.hidden || r.nullable && lv.cond == nil:
		f.kind, f.r, f.clause = fixWrap, r, "a pinned subquery in its place"
		f.pred = keyIn(r.info, l.a, tenantToken) // inside the subquery, the table's own names
	case r.on != nil:
		f.kind, f.on, f.clause = fixOn, r.on.quals, "its JOIN ON"
		f.pred = sc.qualified(r) + keyIn(r.info, r.visibleNames(l.a), tenantToken)
	}
	var hint string
	switch f.kind {
	case fixTable:
		hint = fmt.Sprintf("write it as %s", snippet("SELECT * FROM "+quoteQualified(r.written())+" WHERE "+f.pred))
	case fixWrap:
		alias := r.alias
		if alias == "" {
			alias = r.name
		}
		hint = fmt.Sprintf("read it through a pinned subquery: %s", snippet("(SELECT * FROM "+quoteQualified(r.written())+" WHERE "+f.pred+") "+quoteIdent(alias)))
	default:
		hint = fmt.Sprintf("join it to a pinned %s on its key, or add %s to %s", tableName(l.other.canon), snippet(f.pred), f.clause)
	}
	sc.report(RuleUnpinned, r, r.loc, msg, hint)
	sc.addFix(f)
}

// keyIn is the predicate that pins an owned-through or reached-through table t: its key,
// named cols in the statement, in the keys of the parent's (or link table's) rows of the
// tenant, down the chain to a tenant column.
func keyIn(t *tableInfo, cols []string, tenant string) string {
	l := t.owner
	if l == nil {
		l = t.reach
	}
	return keyList(cols) + " IN (SELECT " + strings.Join(quoteAll(l.b), ", ") + " FROM " + quoteQualified(tableName(l.other.canon)) + " WHERE " + pinOf(l.other, tenant) + ")"
}

// pinOf is the predicate that pins an unaliased occurrence of a scoped table.
func pinOf(t *tableInfo, tenant string) string {
	if t.tenantCol != "" {
		return quoteIdent(t.tenantCol) + " = " + tenant
	}
	l := t.owner
	if l == nil {
		l = t.reach
	}
	if l == nil {
		return "FALSE" // a table that only looks tenant-owned: nothing pins it (findSuspects)
	}
	return keyIn(t, l.a, tenant)
}

func keyList(cols []string) string {
	if len(cols) == 1 {
		return quoteIdent(cols[0])
	}
	return "(" + strings.Join(quoteAll(cols), ", ") + ")"
}

func quoteAll(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = quoteIdent(c)
	}
	return out
}

// tableName drops the first search path schema a canonical name was qualified with, as the
// policy wrote it: "public.orders" is "orders".
func tableName(canon string) string {
	if s, ok := strings.CutPrefix(canon, "public."); ok {
		return s
	}
	return canon
}

// equatedWith explains an occurrence equated with the tenant column of a CTE or derived table
// that nothing pins.
func (sc *stmtChecker) equatedWith(r *rel, lv *level, common []edge) string {
	if lv.commonUF == nil {
		lv.commonUF = sc.newUF(common)
	}
	u := lv.commonUF
	if r.term >= len(u.parent) {
		return ""
	}
	if lv.pendRefs == nil {
		lv.pendRefs = []*rel{}
		for _, p := range lv.rels {
			if p.kind == relDerived && p.term >= 0 {
				lv.pendRefs = append(lv.pendRefs, p)
			}
		}
	}
	for _, p := range lv.pendRefs {
		// Only a CTE or derived table whose occurrences wait for a pin (pushdown.go): two
		// tables equated with each other and nothing else have no tenant predicate.
		col := p.pendCol
		if p == r || p.term < 0 || p.term >= len(u.parent) || col == "" || u.find(p.term) != u.find(r.term) {
			continue
		}
		return fmt.Sprintf("it is equated with %q, which is not pinned to a tenant value", p.refname+"."+col)
	}
	return ""
}

// visibleNames returns the names under which the query sees r's columns cols: an alias column
// list renames the first ones.
func (r *rel) visibleNames(cols []string) []string {
	if len(r.colAlias) == 0 {
		return cols
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c
		if j := slices.Index(r.info.cols, c); j >= 0 && j < len(r.colAlias) {
			out[i] = r.colAlias[j]
		}
	}
	return out
}

// unpinnedDoc documents RuleUnpinned beside its checks: what it rejects, why, and the fix.
var unpinnedDoc = RuleDoc{
	Rule:  RuleUnpinned,
	Title: "every tenant table needs a predicate pinning it to one tenant",
	Text:  `Every occurrence of a tenant-scoped table (in FROM, JOIN, subqueries, CTE bodies, set-operation arms, and as the target of UPDATE, DELETE or MERGE) must be pinned to one tenant value by an equality on its tenant column: "t.tenant_id = $1" in the WHERE clause of its own query level or an enclosing one, in the ON of an inner join, or in the ON of an outer join for its nullable side. Equalities are transitive, so "d.tenant_id = c.tenant_id" pins d when c is pinned. An OR pins only when every branch pins to the same value; NOT, <>, ranges, IS NULL, = ANY, IN with several values, and a tenant column wrapped in a function never pin. A LEFT JOIN's ON clause does not filter its left side. With a schema, keys pin too (docs/keys.md): a table with no tenant column and a foreign key to a tenant table is owned through it and is pinned by a join on that key to a pinned parent, by "order_id IN (SELECT id FROM orders WHERE tenant_id = $1)" or by a correlated EXISTS; a unique key equal to the pinned rows of the same table, a composite foreign key that includes the tenant column, a link table (reached_through), a sub-tenant key (sub_tenants) and a filter on a CTE's or subquery's output that PostgreSQL could push down pin as well. A single-column foreign key between two tenant tables pins only under trust_foreign_keys.`,
	Bad:   `SELECT c.name, d.amount FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1`,
	Good:  `SELECT c.name, d.amount FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1`,
}

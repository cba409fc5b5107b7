package sqlcheck

import (
	"fmt"
	"strings"
)

// tenantToken stands in a hint for the tenant value until the statement's is known.
const tenantToken = "{{tenant}}"

// orWhy explains a pin lost to an OR.
const orWhy = "its tenant predicate is inside an OR whose other branch does not pin it"

// unpinned reports an occurrence no predicate pins, with the most useful hint we can give.
func (sc *stmtChecker) unpinned(r *rel, lv *level, common []edge, pinned map[*rel]bool) {
	col := r.tenantName()
	if col == "" {
		col = r.info.tenantCol // renamed by an alias column list to a name we do not know
	}
	col = quoteIdent(col)
	ref := sc.refFor(r, lv)
	msg := describeTable(r.written(), r.alias) + " has no tenant predicate"
	hint := fmt.Sprintf("add %s to %s", snippet(ref+col+" = "+tenantToken), lv.desc)
	why := sc.near[r.term]

	// Would an outer join's ON pin it, if ON filtered the preserved side?
	if lv.allUF == nil {
		all := append([]edge(nil), common...)
		for _, n := range lv.from {
			all = append(all, n.allFacts()...)
		}
		lv.allUF = newUnionFind(len(sc.termValue), all)
	}
	if vals := sc.valuesOf(lv.allUF, r.term); len(vals) > 0 {
		why = "its tenant predicate is in the ON clause of an outer join, which does not filter this side"
		v := sc.display(sc.values[sc.termValue[vals[0]]])
		sc.nearValue(r.term, vals[0])
		hint = fmt.Sprintf("move the predicate to the WHERE clause: %s", snippet(ref+col+" = "+v))
	} else if why == orWhy {
		hint = fmt.Sprintf("AND %s with the whole OR in %s", snippet(ref+col+" = "+tenantToken), lv.desc)
	} else if r.ambig && why == "" {
		why = fmt.Sprintf("the unqualified column %q could belong to several tables here", col)
		hint = fmt.Sprintf("qualify it: %s", snippet(sc.qualified(r)+col+" = "+tenantToken))
	} else if r.joinOn {
		// Equate r with a pinned table of the same tenant column: a column of another name
		// (organization_id beside project_id) may name another identity, so pin r to the
		// value then. An UPDATE or DELETE target may not be named in a JOIN ON of its FROM
		// list (PostgreSQL: invalid reference to FROM-clause entry): equate with it in WHERE.
		peer := pinnedPeer(r, lv, pinned, col)
		switch {
		case peer == nil:
			hint = fmt.Sprintf("add %s to its JOIN ON", snippet(sc.qualified(r)+col+" = "+tenantToken))
		case peer.write:
			hint = fmt.Sprintf("add %s to %s", snippet(sc.qualified(r)+col+" = "+sc.qualified(peer)+quoteIdent(peer.tenantName())), lv.desc)
		default:
			hint = fmt.Sprintf("add %s to its JOIN ON", snippet(sc.qualified(r)+col+" = "+sc.qualified(peer)+quoteIdent(peer.tenantName())))
		}
	}
	if why != "" {
		msg = describeTable(r.written(), r.alias) + " is not pinned to one tenant: " + why
	}
	sc.report(RuleUnpinned, r, r.loc, msg, hint)
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

// pinnedPeer finds a pinned tenant occurrence of lv other than r whose tenant column is
// written col, preferring one that is not a write target, then one before r.
func pinnedPeer(r *rel, lv *level, pinned map[*rel]bool, col string) *rel {
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
	for _, p := range lv.rels {
		if p == r {
			seen = true
			continue
		}
		if !pinned[p] || quoteIdent(p.tenantName()) != col {
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

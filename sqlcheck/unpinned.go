package sqlcheck

import "fmt"

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
	ref := sc.refFor(r, lv)
	msg := describeTable(r.written(), r.alias) + " has no tenant predicate"
	hint := fmt.Sprintf("add %q to %s", ref+col+" = "+tenantToken, lv.desc)
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
		hint = fmt.Sprintf("move the predicate to the WHERE clause: %q", ref+col+" = "+v)
	} else if why == orWhy {
		hint = fmt.Sprintf("AND %q with the whole OR in %s", ref+col+" = "+tenantToken, lv.desc)
	} else if r.ambig && why == "" {
		why = fmt.Sprintf("the unqualified column %q could belong to several tables here", col)
		hint = fmt.Sprintf("qualify it: %q", sc.qualified(r)+col+" = "+tenantToken)
	} else if r.joinOn {
		if peer := pinnedPeer(r, lv, pinned); peer != nil {
			hint = fmt.Sprintf("add %q to its JOIN ON", sc.qualified(r)+col+" = "+sc.qualified(peer)+peer.tenantName())
		} else {
			hint = fmt.Sprintf("add %q to its JOIN ON", sc.qualified(r)+col+" = "+tenantToken)
		}
	}
	if why != "" {
		msg = describeTable(r.written(), r.alias) + " is not pinned to one tenant: " + why
	}
	sc.report(RuleUnpinned, r, r.loc, msg, hint)
}

// pinnedPeer finds a pinned tenant occurrence of lv other than r, preferring one before it.
func pinnedPeer(r *rel, lv *level, pinned map[*rel]bool) *rel {
	var after *rel
	seen := false
	for _, p := range lv.rels {
		if p == r {
			seen = true
			continue
		}
		if !pinned[p] {
			continue
		}
		if !seen {
			return p
		}
		if after == nil {
			after = p
		}
	}
	return after
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
		return r.alias + "."
	}
	return r.written() + "."
}

package sqlcheck

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Pins through CTEs and derived tables (docs/contract.md, section 6, rule 6): a filter on an
// output column that passes an occurrence's tenant column through unchanged pins that
// occurrence, where PostgreSQL could push the filter down: the CTE or subquery is a plain
// SELECT with no aggregate, window, DISTINCT, LIMIT or OFFSET, set operation, function call
// (which may be volatile or return a set) or data-modifying statement between the occurrence
// and the filter, and every reference to it is so filtered.

// A pending occurrence is unpinned inside a CTE or derived table whose output passes its
// tenant column; its verdict waits for the references.
type pending struct {
	report   func() // reports the occurrence unpinned
	refs     int    // references seen
	unpinned int    // references that did not pin it
	settled  bool   // reported already: no output column passes its tenant column
}

// pushable reports whether a filter on s's output could reach its FROM items.
func pushable(s *pg.SelectStmt) bool {
	if s.Op != pg.SetOperation_SETOP_NONE || len(s.ValuesLists) > 0 || len(s.GroupClause) > 0 || s.HavingClause != nil ||
		len(s.DistinctClause) > 0 || s.LimitCount != nil || s.LimitOffset != nil || len(s.WindowClause) > 0 ||
		len(s.LockingClause) > 0 || s.WithClause != nil || s.IntoClause != nil {
		return false
	}
	calls := false
	visit := func(n *pg.Node) {
		if calls || n == nil {
			return
		}
		walkMessages(n.ProtoReflect(), func(m protoreflect.Message) bool {
			switch m.Interface().(type) {
			case *pg.FuncCall, *pg.SubLink, *pg.RangeFunction, *pg.RangeSubselect,
				*pg.RangeTableFunc, *pg.JsonTable, *pg.RangeTableSample:
				calls = true
			}
			return !calls
		})
	}
	for _, t := range s.TargetList {
		visit(t)
	}
	for _, f := range s.FromClause {
		visit(f)
	}
	visit(s.WhereClause)
	return !calls
}

// deferUnpinned holds back the report of an unpinned occurrence r of a pushable level when
// the level's output passes r's tenant column: it returns false when r must be reported now.
//
// An occurrence with no tenant column of its own (owned through a parent) is held back too: it
// goes with an output column that passes the tenant column of an occurrence the level's facts
// make it one tenant with (line_items joined on its owning key to orders, whose tenant_id the
// output passes).
func (sc *stmtChecker) deferUnpinned(r *rel, lv *level, common []edge, report func()) bool {
	if lv.push == nil || r.nullable || sc.lift != nil {
		return false
	}
	if lv.pushOK == 0 {
		lv.pushOK = 1
		if pushable(lv.pushStmt) {
			lv.pushOK = 2
		}
	}
	if lv.pushOK != 2 {
		return false
	}
	p := &pending{report: report}
	lv.push[r] = p
	if lv.pushFacts == nil {
		lv.pushFacts = common
	}
	sc.pendings = append(sc.pendings, p)
	return true
}

// settlePending gives each held-back occurrence of lv to the output column that passes its
// tenant column through, and reports the others.
func (sc *stmtChecker) settlePending(lv *level, out *output) {
	if lv.push == nil {
		return
	}
	var u *unionFind
	for r, p := range lv.push {
		col := -1
		for i, c := range out.cols {
			if c.from == r {
				col = i
				break
			}
		}
		if col < 0 && r.term >= 0 {
			// One tenant with an occurrence whose tenant column the output passes?
			if u == nil {
				u = sc.newUF(lv.pushFacts)
			}
			for i, c := range out.cols {
				if f := c.from; f != nil && f.term >= 0 && f.term < len(u.parent) && r.term < len(u.parent) && u.find(f.term) == u.find(r.term) {
					col = i
					break
				}
			}
		}
		if col < 0 {
			p.settled = true
			p.report()
			continue
		}
		out.cols[col].pend = append(out.cols[col].pend, p)
	}
}

// pendingRef gives a reference to a CTE or derived table whose output holds pending
// occurrences a term for the column that passes their tenant column.
func (sc *stmtChecker) pendingRef(r *rel) {
	if r.out == nil {
		return
	}
	for _, c := range r.out.cols {
		if len(c.pend) > 0 {
			r.pendCol, r.pend = c.name, c.pend
			r.term = sc.newTerm()
			if sc.lift == nil {
				for _, p := range c.pend {
					p.refs++
				}
			}
			return
		}
	}
}

// pendingPinned records whether a reference pinned its pending occurrences. A dry run records
// nothing: the subquery is checked again for real.
func (sc *stmtChecker) pendingPinned(r *rel, pinned bool) {
	if pinned || sc.lift != nil {
		return
	}
	for _, p := range r.pend {
		p.unpinned++
	}
}

// settlePendings reports, once the statement is checked, each held-back occurrence that a
// reference left unpinned or that no reference saw.
func (sc *stmtChecker) settlePendings() {
	for _, p := range sc.pendings {
		if !p.settled && (p.refs == 0 || p.unpinned > 0) {
			p.report()
		}
	}
	sc.pendings = nil
}

// tenantFrom returns the table occurrence whose tenant column an output expression is,
// unchanged, or nil.
func (sc *stmtChecker) tenantFrom(n *pg.Node, lv *level) *rel {
	cr := n.GetColumnRef()
	if cr == nil || len(lv.push) == 0 {
		return nil
	}
	r, col := sc.resolveColumn(cr, lv)
	if r == nil || r.kind != relTable || !r.tenant() || col != r.tenantName() || r.nullable {
		return nil
	}
	return r
}

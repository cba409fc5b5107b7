package sqlcheck

import (
	"sort"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// A fixKind says how a hint's predicate is added.
type fixKind uint8

const (
	fixWhere fixKind = iota // AND it to the level's WHERE clause (or MERGE's ON), or add a WHERE
	fixOn                   // AND it to a JOIN's ON condition
	fixWrap                 // read the table through a pinned subquery: (SELECT * FROM t WHERE pred) alias
	fixTable                // write TABLE t as SELECT * FROM t WHERE pred
)

// A fixSpec is where a hint's predicate goes, until the statement's tokens place it.
type fixSpec struct {
	kind   fixKind
	clause string   // as the hint words it
	pred   string   // the predicate, with tenantToken for the tenant value
	lv     *level   // fixWhere: the level; its anchor finds the WHERE clause
	on     *pg.Node // fixOn: the ON condition
	r      *rel     // fixWrap, fixTable: the table occurrence
}

// addFix records where the predicate of the violation just reported goes.
func (sc *stmtChecker) addFix(f *fixSpec) {
	for len(sc.fixes) < len(sc.viols) {
		sc.fixes = append(sc.fixes, nil)
	}
	sc.fixes[len(sc.viols)-1] = f
}

// stmtTokens are a statement's tokens, comments left out, with offsets in the normalised text.
type stmtTokens []*pg.ScanToken

// tokens scans the statement text [start, end) of the normalised SQL.
func (sc *stmtChecker) tokens(start, end int) stmtTokens {
	res, err := pg.Scan(sc.norm.sql[start:end])
	if err != nil {
		return nil
	}
	toks := make(stmtTokens, 0, len(res.Tokens))
	for _, t := range res.Tokens {
		if t.Token == pg.Token_SQL_COMMENT || t.Token == pg.Token_C_COMMENT {
			continue
		}
		t.Start += int32(start)
		t.End += int32(start)
		toks = append(toks, t)
	}
	return toks
}

// at returns the index of the first token starting at or after off, len(toks) if none.
func (toks stmtTokens) at(off int) int {
	return sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= off })
}

func (toks stmtTokens) is(i int, kinds ...pg.Token) bool {
	if i < 0 || i >= len(toks) {
		return false
	}
	for _, k := range kinds {
		if toks[i].Token == k {
			return true
		}
	}
	return false
}

// nesting returns +1 for a token that opens a nested part (parenthesis, bracket, CASE), -1 for
// one that closes it, 0 otherwise.
func (toks stmtTokens) nesting(i int) int {
	switch toks[i].Token {
	case pg.Token_ASCII_40, pg.Token_ASCII_91, pg.Token_CASE:
		return 1
	case pg.Token_ASCII_41, pg.Token_ASCII_93, pg.Token_END_P:
		return -1
	}
	return 0
}

// ends reports whether token i, at the nesting depth of a condition, ends that condition: it
// starts the next clause of the query level (GROUP BY, ORDER BY, UNION, RETURNING, ON CONFLICT,
// ...), or, for an ON condition (on), the next join, FROM item, WHERE or MERGE's WHEN.
func (toks stmtTokens) ends(i int, on bool) bool {
	if toks.is(i-1, pg.Token_ASCII_46) {
		return false // after a dot a keyword is a name: a.left, t.order
	}
	switch toks[i].Token {
	case pg.Token_ASCII_59, pg.Token_HAVING, pg.Token_WINDOW, pg.Token_LIMIT, pg.Token_OFFSET,
		pg.Token_FETCH, pg.Token_FOR, pg.Token_UNION, pg.Token_INTERSECT, pg.Token_EXCEPT,
		pg.Token_RETURNING:
		return true
	case pg.Token_GROUP_P, pg.Token_ORDER:
		return toks.is(i+1, pg.Token_BY) // not WITHIN GROUP (...)
	case pg.Token_ON:
		return toks.is(i+1, pg.Token_CONFLICT)
	case pg.Token_WITH:
		// CREATE VIEW ... WITH CHECK OPTION, CREATE TABLE ... AS ... WITH [NO] DATA; not
		// timestamp WITH TIME ZONE.
		return toks.is(i+1, pg.Token_CHECK, pg.Token_LOCAL, pg.Token_CASCADED, pg.Token_DATA_P, pg.Token_NO)
	case pg.Token_WHERE, pg.Token_WHEN, pg.Token_ASCII_44:
		return on
	case pg.Token_JOIN, pg.Token_INNER_P, pg.Token_LEFT, pg.Token_RIGHT, pg.Token_FULL, pg.Token_OUTER_P,
		pg.Token_CROSS, pg.Token_NATURAL:
		if !on {
			return false
		}
		// LEFT and RIGHT may also name functions: a join keyword starts a join.
		k := i
		for toks.is(k, pg.Token_INNER_P, pg.Token_LEFT, pg.Token_RIGHT, pg.Token_FULL, pg.Token_OUTER_P,
			pg.Token_CROSS, pg.Token_NATURAL) {
			k++
		}
		return toks.is(k, pg.Token_JOIN)
	}
	return false
}

// condition finds the condition that starts after the keyword at index kw and returns the
// index just past its last token, and whether an OR joins its top level.
func (toks stmtTokens) condition(kw int, on bool) (end int, or bool) {
	depth := 0
	i := kw + 1
	for ; i < len(toks); i++ {
		depth += toks.nesting(i)
		if depth < 0 || depth == 0 && toks.nesting(i) == 0 && toks.ends(i, on) {
			break
		}
		if depth == 0 && toks[i].Token == pg.Token_OR {
			or = true
		}
	}
	return i, or
}

// A spot is where a predicate goes in a condition or query level: after the token ending at
// at, as a new WHERE clause (where) or ANDed to the condition, which is parenthesised from open
// first when it is >= 0 (a top-level OR).
type spot struct {
	ok    bool
	where bool
	at    int
	open  int
}

// edits returns the edits that add pred at s.
func (s spot) edits(pred string) []TextEdit {
	switch {
	case s.where:
		return []TextEdit{{Offset: s.at, End: s.at, Text: " WHERE " + pred}}
	case s.open >= 0:
		return []TextEdit{{Offset: s.open, End: s.open, Text: "("}, {Offset: s.at, End: s.at, Text: ") AND " + pred}}
	}
	return []TextEdit{{Offset: s.at, End: s.at, Text: " AND " + pred}}
}

// A placer places the predicates of one statement's hints on its tokens. It remembers each
// level's and condition's spot, so a statement of many violations is scanned once per place.
type placer struct {
	toks   stmtTokens
	levels map[*level]spot
	conds  map[*pg.Node]spot
}

// place turns a fix spec into edits of the normalised text, or returns false when the place
// cannot be found with certainty.
func (p *placer) place(f *fixSpec, pred string) ([]TextEdit, bool) {
	if len(p.toks) == 0 {
		return nil, false
	}
	var s spot
	switch {
	case f.kind == fixWrap || f.kind == fixTable:
		return p.toks.wrap(f, pred)
	case f.kind == fixOn:
		s = p.cond(f.on)
	case f.lv.cond != nil:
		s = p.cond(f.lv.cond)
	default:
		var ok bool
		if s, ok = p.levels[f.lv]; !ok {
			s = p.toks.whereSpot(f.lv)
			if p.levels == nil {
				p.levels = map[*level]spot{}
			}
			p.levels[f.lv] = s
		}
	}
	if !s.ok {
		return nil, false
	}
	return s.edits(pred), true
}

// cond returns the spot of an ON condition, remembered.
func (p *placer) cond(n *pg.Node) spot {
	if s, ok := p.conds[n]; ok {
		return s
	}
	s := spot{}
	if loc := minLocation(n); loc >= 0 {
		kw := p.toks.at(loc) - 1
		for p.toks.is(kw, pg.Token_ASCII_40) {
			kw--
		}
		if p.toks.is(kw, pg.Token_ON) {
			s = p.toks.and(kw, true)
		}
	}
	if p.conds == nil {
		p.conds = map[*pg.Node]spot{}
	}
	p.conds[n] = s
	return s
}

// whereSpot finds the WHERE clause of lv from its anchor, or where a WHERE clause would go.
func (toks stmtTokens) whereSpot(lv *level) spot {
	if !lv.anchored {
		return spot{}
	}
	i, depth := toks.at(lv.anchor), 0
	if i == len(toks) || int(toks[i].Start) != lv.anchor {
		return spot{}
	}
	for ; i < len(toks); i++ {
		depth += toks.nesting(i)
		if depth < 0 || depth == 0 && toks.nesting(i) == 0 && (toks.ends(i, false) || toks[i].Token == pg.Token_WHERE) {
			break
		}
	}
	hasWhere := i < len(toks) && toks[i].Token == pg.Token_WHERE
	switch {
	case hasWhere != lv.hasWhere:
		return spot{} // not what the tree says
	case hasWhere:
		return toks.and(i, false)
	case i == 0:
		return spot{}
	}
	return spot{ok: true, where: true, at: int(toks[i-1].End)}
}

// and finds the spot of the condition after the WHERE or ON keyword at index kw.
func (toks stmtTokens) and(kw int, on bool) spot {
	end, or := toks.condition(kw, on)
	if end == kw+1 {
		return spot{} // an empty condition: not what the tree says
	}
	s := spot{ok: true, at: int(toks[end-1].End), open: -1}
	if or {
		s.open = int(toks[kw+1].Start)
	}
	return s
}

// wrap replaces a table reference with a pinned subquery of the table, keeping its alias
// (fixWrap), or a TABLE statement with the SELECT it stands for (fixTable).
func (toks stmtTokens) wrap(f *fixSpec, pred string) ([]TextEdit, bool) {
	r := f.r
	i := toks.at(r.loc)
	if i == len(toks) || int(toks[i].Start) != r.loc {
		return nil, false
	}
	end := i // the name's last token: schema . name, or name
	if r.schema != "" {
		end += 2
	}
	if end >= len(toks) || toks.is(end+1, pg.Token_ASCII_46, pg.Token_ASCII_42) { // more parts, or t *
		return nil, false
	}
	start := i
	if toks.is(start-1, pg.Token_ONLY) {
		start--
	}
	from, to := int(toks[start].Start), int(toks[end].End)
	if f.kind == fixTable {
		if !toks.is(start-1, pg.Token_TABLE) {
			return nil, false
		}
		kw := toks[start-1]
		return []TextEdit{{Offset: int(kw.Start), End: int(kw.End), Text: "SELECT * FROM"}, {Offset: to, End: to, Text: " WHERE " + pred}}, true
	}
	if toks.is(end+1, pg.Token_TABLESAMPLE) || toks.is(end+2, pg.Token_TABLESAMPLE) || toks.is(end+3, pg.Token_TABLESAMPLE) {
		return nil, false // a subquery cannot be sampled
	}
	after := " WHERE " + pred + ")"
	if r.alias == "" {
		after += " " + quoteIdent(r.name)
	}
	return []TextEdit{{Offset: from, End: from, Text: "(SELECT * FROM "}, {Offset: to, End: to, Text: after}}, true
}

// minLocation returns the smallest location in the tree under n, -1 when it has none: the
// start of an expression (a parenthesis before it aside).
func minLocation(n *pg.Node) int {
	best := -1
	if n == nil {
		return best
	}
	walkMessages(n.ProtoReflect(), func(m protoreflect.Message) bool {
		if fd := m.Descriptor().Fields().ByName("location"); fd != nil && fd.Kind() == protoreflect.Int32Kind {
			if l := int(m.Get(fd).Int()); l >= 0 && (best < 0 || l < best) {
				best = l
			}
		}
		return true
	})
	return best
}

package sqlcheck

import (
	"slices"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// relKind says what a FROM item is.
type relKind uint8

const (
	relTable   relKind = iota // a table or view: an occurrence
	relDerived                // a subquery, CTE reference, VALUES list or the EXCLUDED row
	relOpaque                 // a function or table function: unknown columns, no tenant data
)

// A rel is one item of a query level's namespace.
type rel struct {
	kind         relKind
	refname      string // name that qualifies its columns: alias, else table or CTE name
	schema       string // table: schema as written
	name         string // table: name as written (folded)
	alias        string
	info         *tableInfo // table: what the policy says
	term         int        // table with a tenant column: the term of that column; -1 otherwise
	out          *output    // derived: its columns
	loc          int        // byte offset in the normalised text
	write        bool       // the target of UPDATE, DELETE, INSERT or MERGE
	desc         string     // the level it belongs to, for hints ("the WHERE clause", ...)
	lateral      *pg.Node   // a LATERAL subquery or function call, checked once the level's pins are known
	lateralQuery bool       // lateral is a subquery whose output defines the rel's columns
	// on is the innermost JOIN whose ON condition can pin r: r is on the right of an inner
	// or left join, or on the left of a right join. Hints put r's predicate there.
	on       *join
	ambig    bool     // an unqualified tenant column could not be resolved to it alone
	hidden   bool     // inside a join with an alias: its own name is out of scope
	canon    string   // a table's schema-qualified name, resolved through the search path
	colAlias []string // a table's alias column list: t AS x(a, b) renames its first columns
	// nullable marks a rel that an outer join may null-extend: its columns may be NULL in a
	// row, so they never give a value to write or output, though they can pin.
	nullable bool
	// A reference to a CTE or derived table that holds back occurrences (pushdown.go): the
	// column that passes their tenant column, and them; term is that column's term.
	pendCol string
	pend    []*pending
}

// tenant reports whether r is an occurrence of a tenant-scoped table.
func (r *rel) tenant() bool { return r.kind == relTable && r.info.tenantCol != "" }

// written is the table name as written, for messages.
func (r *rel) written() string {
	if r.schema != "" {
		return r.schema + "." + r.name
	}
	return r.name
}

// column reports whether r has a column named col: has is false only when r certainly lacks
// it, and certain says whether has is known or only possible (a table without schema columns, a
// function, a subquery whose columns are not all known).
func (r *rel) column(col string) (has, certain bool) {
	switch r.kind {
	case relTable:
		if systemColumns[col] {
			return true, true // every table has them; none is a tenant column
		}
		if names := r.visibleColumns(); names != nil {
			return slices.Contains(names, col), true
		}
		if slices.Contains(r.colAlias, col) || len(r.colAlias) == 0 && col == r.info.tenantCol && col != "" {
			return true, true
		}
		return true, false
	case relDerived:
		if r.out != nil && r.out.exact {
			return r.out.has(col), true
		}
		if r.out != nil && slices.ContainsFunc(r.out.cols, func(c outCol) bool { return c.name == col }) {
			return true, true
		}
		return true, false
	}
	return true, false
}

// systemColumns every table has.
var systemColumns = map[string]bool{"tableoid": true, "ctid": true, "xmin": true, "xmax": true, "cmin": true, "cmax": true}

// visibleColumns returns a table's columns as the query names them (its alias column list
// renames the first ones), or nil when they are not known.
func (r *rel) visibleColumns() []string {
	if r.info.cols == nil {
		return nil
	}
	if len(r.colAlias) == 0 {
		return r.info.cols
	}
	names := slices.Clone(r.info.cols)
	copy(names, r.colAlias)
	return names
}

// tenantName returns the name under which the query sees r's tenant column, "" when no name
// reaches it (an alias column list renamed it to a position we do not know).
func (r *rel) tenantName() string {
	col := r.info.tenantCol
	if len(r.colAlias) == 0 || col == "" {
		return col
	}
	i := slices.Index(r.info.cols, col)
	switch {
	case r.info.cols == nil:
		return ""
	case i < len(r.colAlias):
		return r.colAlias[i]
	}
	return col
}

// An output describes the columns a query level produces, for use as a derived table.
type output struct {
	cols  []outCol
	exact bool // cols lists every column, in order
}

// An outCol is one output column and the tenant value it is pinned to, if any.
type outCol struct {
	name   string
	unsure bool    // PostgreSQL's name for the column is not known: it may be any name
	val    int     // value term, or -1
	alts   []int   // when val is -1: the values the arms of a set operation give it, if all give one
	src    *keySrc // the key column of a pinned occurrence it passes through unchanged, if any
	// pend are the occurrences inside whose tenant column this column passes, held back until
	// a filter on it pins them (pushdown.go).
	pend []*pending
	// from is the table occurrence whose tenant column the column is, unchanged; nil otherwise.
	from *rel
}

func (o *output) has(col string) bool {
	if o == nil || !o.exact {
		return true
	}
	for _, c := range o.cols {
		if c.name == col || c.unsure {
			return true
		}
	}
	return false
}

// value returns the value term a column is pinned to, or -1.
func (o *output) value(col string) int {
	if o == nil {
		return -1
	}
	v := -1
	for _, c := range o.cols {
		if c.name == col || c.unsure { // a column whose name is not known may be col
			if v != -1 && v != c.val {
				return -1 // two columns of that name: ambiguous
			}
			v = c.val
		}
	}
	return v
}

// at returns the column at 0-based position i when positions are known.
func (o *output) at(i int) (outCol, bool) {
	if o == nil || i >= len(o.cols) {
		return outCol{val: -1}, false
	}
	if !o.exact {
		// Positions are only known up to the first column of unknown width.
		return outCol{val: -1}, false
	}
	return o.cols[i], true
}

// rename applies an alias column list: (...) AS x(a, b).
func (o *output) rename(names []*pg.Node) *output {
	if len(names) == 0 || o == nil {
		return o
	}
	n := &output{exact: o.exact}
	for i, nn := range names {
		c := outCol{name: nn.GetString_().GetSval(), val: -1}
		if o.exact && i < len(o.cols) {
			c.val, c.src, c.pend, c.from = o.cols[i].val, o.cols[i].src, o.cols[i].pend, o.cols[i].from
		}
		n.cols = append(n.cols, c)
	}
	if o.exact {
		n.cols = append(n.cols, o.cols[min(len(names), len(o.cols)):]...)
	} else {
		n.exact = false
	}
	return n
}

// intersect keeps the pins two outputs agree on, for a set operation or a recursive CTE. Set
// operations match columns by position: when either side's positions are not known, nothing
// is kept.
func (o *output) intersect(p *output) *output {
	if o == nil || p == nil || !o.exact || !p.exact || len(o.cols) != len(p.cols) {
		return &output{}
	}
	n := &output{exact: true}
	for i, c := range o.cols {
		nc := outCol{name: c.name, unsure: c.unsure || p.cols[i].unsure, val: -1}
		switch a, b := c.values(), p.cols[i].values(); {
		case len(a) == 1 && slices.Equal(a, b):
			nc.val = a[0]
		case len(a) > 0 && len(b) > 0:
			// Every arm gives the column a tenant value, not all the same one: an INSERT of
			// it relies on each of them (multiple-tenants unless they are bound alike).
			nc.alts = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
		}
		n.cols = append(n.cols, nc)
	}
	return n
}

// values returns the tenant values a column may have: its value, or its alternatives.
func (c outCol) values() []int {
	if c.val >= 0 {
		return []int{c.val}
	}
	return c.alts
}

func (o *output) equal(p *output) bool {
	if o.exact != p.exact || len(o.cols) != len(p.cols) {
		return false
	}
	for i := range o.cols {
		a, b := o.cols[i], p.cols[i]
		if a.name != b.name || a.unsure != b.unsure || a.val != b.val || !slices.Equal(a.alts, b.alts) || a.src != b.src {
			return false
		}
	}
	return true
}

// A cteScope binds the names of common table expressions visible at a point.
type cteScope struct {
	parent *cteScope
	name   string
	out    *output
}

func (s *cteScope) lookup(name string) (*cteScope, bool) {
	for ; s != nil; s = s.parent {
		if s.name == name {
			return s, true
		}
	}
	return nil, false
}

// A join is one JOIN of a FROM clause. Top-level FROM items are joined as by CROSS JOIN.
type join struct {
	kind        pg.JoinType
	quals       *pg.Node // the ON condition
	left, right *fromNode
	alias       *rel   // the join's alias, when it has one
	facts       []edge // from ON, USING or NATURAL
}

// A fromNode is a FROM item: a rel, or a join of two FROM items.
type fromNode struct {
	rel  *rel
	join *join
}

// facts returns F(n): the facts that hold for every row the FROM item produces.
func (n *fromNode) facts() []edge {
	if n.join == nil {
		return nil
	}
	j := n.join
	switch j.kind {
	case pg.JoinType_JOIN_INNER:
		return append(append(append([]edge(nil), j.left.facts()...), j.right.facts()...), j.facts...)
	case pg.JoinType_JOIN_LEFT:
		return j.left.facts()
	case pg.JoinType_JOIN_RIGHT:
		return j.right.facts()
	}
	return nil
}

// conds calls fn for each rel under n with the facts that hold whenever that rel's row is
// present (not null-extended by an outer join): cond holds whenever n's row is present.
func (n *fromNode) conds(cond []edge, fn func(r *rel, cond []edge, nullable bool)) {
	n.condsNull(cond, false, fn)
}

func (n *fromNode) condsNull(cond []edge, null bool, fn func(*rel, []edge, bool)) {
	if n.join == nil {
		fn(n.rel, cond, null)
		return
	}
	j := n.join
	with := func(extra ...[]edge) []edge {
		c := cond[:len(cond):len(cond)]
		for _, e := range extra {
			c = append(c, e...)
		}
		return c
	}
	switch j.kind {
	case pg.JoinType_JOIN_INNER:
		j.left.condsNull(cond, null, fn)
		j.right.condsNull(cond, null, fn)
	case pg.JoinType_JOIN_LEFT:
		j.left.condsNull(cond, null, fn)
		j.right.condsNull(with(j.facts, j.right.facts()), true, fn)
	case pg.JoinType_JOIN_RIGHT:
		j.left.condsNull(with(j.facts, j.left.facts()), true, fn)
		j.right.condsNull(cond, null, fn)
	default: // FULL: the condition holds for neither side
		j.left.condsNull(with(j.left.facts()), true, fn)
		j.right.condsNull(with(j.right.facts()), true, fn)
	}
}

// allFacts returns every join condition under n, as if every join were inner.
func (n *fromNode) allFacts() []edge {
	if n.join == nil {
		return nil
	}
	return append(append(append([]edge(nil), n.join.left.allFacts()...), n.join.right.allFacts()...), n.join.facts...)
}

// forJoins calls fn for every join under n.
func (n *fromNode) forJoins(fn func(*join)) {
	if n.join != nil {
		n.join.left.forJoins(fn)
		n.join.right.forJoins(fn)
		fn(n.join)
	}
}

// A level is one query level: the namespace of a SELECT, UPDATE, DELETE, INSERT or MERGE.
type level struct {
	parent *level
	rels   []*rel
	from   []*fromNode     // the FROM items, joined as by CROSS JOIN
	merged map[string]*rel // USING columns: an unqualified name means the merged column
	// usingStar is set when a join has USING or NATURAL: * then lists merged columns first.
	usingStar bool
	extra     []*pg.Node // other expressions of FROM items (TABLESAMPLE arguments)
	ctes      *cteScope
	ctx       []edge // facts that hold for every row this level produces, inherited ones included
	uf        *unionFind
	allUF     *unionFind // every join condition as if inner, for hints; built when first needed
	commonUF  *unionFind // the facts every row of the level has, for hints; built with allUF
	desc      string     // "the WHERE clause" or similar, for hints
	// Where a hint's predicate goes: the level's WHERE clause, found from anchor, the offset
	// of a token of the level's own text (its select list, or the table an UPDATE or DELETE
	// writes), which has one when hasWhere; or the ON condition cond (MERGE).
	anchor   int
	anchored bool
	hasWhere bool
	cond     *pg.Node
	table    bool // the level is a TABLE statement: SELECT * FROM its one table
	// push holds the occurrences held back until a filter on the output pins them, when the
	// level is a CTE or derived table a filter can be pushed into; nil otherwise.
	push map[*rel]*pending
	// pushStmt is the level's statement, and pushOK whether a filter can be pushed into it,
	// decided once an occurrence is held back: 0 undecided, 1 no, 2 yes.
	pushStmt *pg.SelectStmt
	pushOK   uint8
	// pushFacts are the facts every row of the level has, for settlePending.
	pushFacts []edge
	// pendRefs are the references to CTEs and derived tables that hold back occurrences,
	// found when first needed.
	pendRefs []*rel
}

// findRel resolves a qualifier (alias, table, or schema.table) to a rel of lv or an enclosing level.
func (lv *level) findRel(schema, name string) *rel {
	for l := lv; l != nil; l = l.parent {
		var found *rel
		for _, r := range l.rels {
			if r.hidden {
				continue
			}
			match := false
			if schema == "" {
				match = r.refname == name
			} else {
				// schema.table.col names any unaliased occurrence of that table, however
				// the FROM clause wrote it.
				match = r.kind == relTable && r.alias == "" && r.canon == schema+"."+name
			}
			if match {
				if found != nil {
					return nil // duplicate name: PostgreSQL rejects it
				}
				found = r
			}
		}
		if found != nil {
			return found
		}
	}
	return nil
}

// findColumn resolves an unqualified column: the innermost level with a rel that may have it.
// It returns nil when the name is ambiguous at that level.
func (lv *level) findColumn(col string) (r *rel, ambiguous []*rel) {
	for l := lv; l != nil; l = l.parent {
		if r := l.merged[col]; r != nil {
			return r, nil
		}
		// PostgreSQL binds the name at the innermost level where a FROM item has it. A level
		// whose items might have it, without our knowing, stops the search: the name may bind
		// there.
		var cands []*rel
		maybe := false
		for _, r := range l.rels {
			switch has, certain := r.column(col); {
			case has && certain:
				cands = append(cands, r)
			case has:
				maybe = true
			}
		}
		switch {
		case len(cands) == 1:
			return cands[0], nil // PostgreSQL binds it here, or rejects it as ambiguous
		case len(cands) > 1:
			return nil, cands
		case maybe:
			return nil, nil
		}
	}
	return nil, nil
}

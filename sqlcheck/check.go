package sqlcheck

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v6"
	"github.com/pganalyze/pg_query_go/v6/parser"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Limits of one Check: longer texts, and texts with more statements, are parse violations, so
// that checking stays fast whatever the input (tenantvet sql then checks a long file's
// statements one by one).
const (
	MaxBytes      = 512 << 10
	MaxStatements = 500
)

// A Checker decides whether SQL is tenant-safe under one [Policy]. It caches verdicts by SQL
// text. A Checker is safe for concurrent use by multiple goroutines; make one per policy and
// share it.
type Checker struct {
	pol   *compiledPolicy
	cache cache
}

// New returns a Checker for p. It returns an error wrapping [ErrPolicy] when p is invalid.
func New(p Policy) (*Checker, error) {
	pol, err := p.compile()
	if err != nil {
		return nil, err
	}
	return &Checker{pol: pol}, nil
}

// A Result is the verdict on one SQL text. Results are shared through the cache: treat them as
// read-only.
type Result struct {
	// SQL is the checked text.
	SQL string
	// Violations lists every violation, ordered by position. It is empty when SQL is safe.
	Violations []Violation
	// Params lists the distinct placeholders of SQL, numbered as $n after normalisation.
	Params []Param
	// TenantValues lists, per statement, the distinct tenant values its pins and inserted rows
	// rely on. A caller that knows the arguments checks that each placeholder among them is bound
	// to the expected tenant.
	TenantValues []TenantValue
	// Statements locates each statement in SQL, in order. Violation.Statement indexes it from 1.
	Statements []Span
	// Cursors lists the cursors the statements declare, read (FETCH, MOVE) and close, in
	// order. A FETCH or MOVE is unverifiable on its own; the runtime guard lets it pass on
	// the connection that declared the cursor for the same tenant.
	Cursors []CursorUse
}

// A CursorOp is what a statement does with a cursor.
type CursorOp uint8

// The cursor operations.
const (
	CursorDeclare CursorOp = iota + 1 // DECLARE name CURSOR ... FOR query
	CursorFetch                       // FETCH or MOVE
	CursorClose                       // CLOSE name, or CLOSE ALL with an empty Name
)

// A CursorUse is one statement's use of a cursor.
type CursorUse struct {
	Statement int // the 1-based index of the statement
	Op        CursorOp
	Name      string // as PostgreSQL folds it; "" for CLOSE ALL
	Hold      bool   // a DECLARE ... WITH HOLD, which outlives its transaction
}

// A Span is a byte range [Offset, End) of the checked text. A statement's span starts after
// the previous statement's semicolon, so it includes the comments before the statement.
type Span struct {
	Offset, End int
}

// A TenantValue is a tenant value a statement relies on: a placeholder or a constant.
type TenantValue struct {
	// Statement is the 1-based index of the statement.
	Statement int
	// Param is the placeholder's number after normalisation, 0 for a constant.
	Param int
	// Literal is the constant as written, empty for a placeholder.
	Literal string
	// Sub is the sub-tenant key the value names a row by ("project_id"), "" for a tenant value.
	Sub string
	// Covered marks a sub-tenant value that pins only occurrences a tenant value pins too:
	// it needs no check of its own.
	Covered bool
}

// Safe reports whether the SQL broke no rule.
func (r *Result) Safe() bool { return len(r.Violations) == 0 }

// Err returns nil for safe SQL, else a [*ViolationError] listing every violation.
func (r *Result) Err() error {
	if r.Safe() {
		return nil
	}
	return &ViolationError{SQL: r.SQL, Violations: r.Violations}
}

// Check checks every statement of sql and returns the verdict. It never panics: invalid SQL, or
// SQL nested deeper than [MaxDepth], gives a [RuleParse] violation.
func (c *Checker) Check(sql string) *Result {
	if r, ok := c.cache.get(sql); ok {
		return r
	}
	r := c.check(sql)
	c.cache.put(sql, r)
	return r
}

// check does the work of Check without the cache.
func (c *Checker) check(sql string) *Result {
	norm := normalize(sql)
	res := &Result{SQL: sql, Params: norm.params}
	if len(sql) > MaxBytes {
		res.Statements = []Span{{0, len(sql)}}
		res.add(norm, Violation{Rule: RuleParse, Offset: 0, Statement: 1,
			Message: fmt.Sprintf("the text has %d bytes, more than the %d the checker reads at once", len(sql), MaxBytes),
			Hint:    "check its statements one by one"})
		return res
	}
	if strings.Count(norm.sql, ";") > MaxStatements {
		if n := len(Split(norm.sql)); n > MaxStatements {
			res.Statements = []Span{{0, len(sql)}}
			res.add(norm, Violation{Rule: RuleParse, Offset: 0, Statement: 1,
				Message: fmt.Sprintf("the text has %d statements, more than the %d the checker reads at once", n, MaxStatements),
				Hint:    "check its statements one by one"})
			return res
		}
	}
	if d, at := Nesting(norm.sql); d > MaxDepth {
		res.Statements = []Span{{0, len(sql)}}
		res.add(norm, Violation{Rule: RuleParse, Offset: at, Statement: 1,
			Message: fmt.Sprintf("the statement nests deeper than %d levels, beyond what is safe to parse", MaxDepth),
			Hint:    "split the statement or flatten the expression"})
		return res
	}
	tree, err := pg.Parse(norm.sql)
	if err != nil {
		off := 0
		if pe, ok := errors.AsType[*parser.Error](err); ok && pe.Cursorpos > 0 {
			off = charToByte(norm.sql, pe.Cursorpos-1)
		}
		res.Statements = []Span{{0, len(sql)}}
		res.add(norm, Violation{Rule: RuleParse, Offset: off, Statement: 1, Message: err.Error()})
		return res
	}
	for i, raw := range tree.Stmts {
		start, end := int(raw.StmtLocation), len(norm.sql)
		if raw.StmtLen > 0 {
			end = start + int(raw.StmtLen)
		}
		res.Statements = append(res.Statements, Span{norm.origOffset(start), norm.origOffset(end)})
		sc := newStmtChecker(c.pol, norm, i+1)
		sc.orig = sql
		sc.statement(raw.Stmt, -1) // whole-statement findings go to the statement's first token
		sc.finish(res, raw.Stmt, start, end)
	}
	slices.SortStableFunc(res.Violations, func(a, b Violation) int { return a.Offset - b.Offset })
	return res
}

// add appends v to r, mapping its offset back to the original text and filling line and column.
func (r *Result) add(norm *normalized, v Violation) {
	v.Offset = norm.origOffset(v.Offset)
	v.Line, v.Column = position(r.SQL, v.Offset)
	r.Violations = append(r.Violations, v)
}

// finish adds the statement's violations and tenant values to res.
// stmt is the statement's tree, [start, end) its span in the normalised text.
func (sc *stmtChecker) finish(res *Result, stmt *pg.Node, start, end int) {
	sc.settlePendings()
	res.Cursors = append(res.Cursors, sc.cursors...)
	// Distinct tenant values, in order of first use.
	var distinct []usedValue
	seen := map[int]bool{}
	for _, u := range sc.used {
		if !seen[u.term] {
			seen[u.term] = true
			distinct = append(distinct, u)
		}
	}
	slices.SortStableFunc(distinct, func(a, b usedValue) int { return a.loc - b.loc })
	covered := map[int]bool{}
	for _, p := range sc.same {
		covered[p[1]] = true
	}
	for _, d := range distinct {
		v := sc.values[sc.termValue[d.term]]
		tv := TenantValue{Statement: sc.idx, Param: v.param, Sub: v.sub, Covered: covered[d.term]}
		if v.param == 0 {
			tv.Literal = v.text
		}
		res.TenantValues = append(res.TenantValues, tv)
	}
	// A sub-tenant value that pins an occurrence beside a tenant value is that tenant.
	distinct = slices.DeleteFunc(distinct, func(d usedValue) bool { return covered[d.term] })
	if len(distinct) > 1 {
		names := make([]string, len(distinct))
		for i, d := range distinct {
			names[i] = sc.display(sc.values[sc.termValue[d.term]])
		}
		loc := distinct[1].loc
		sc.report(RuleMultipleTenants, nil, loc,
			"the statement uses more than one tenant value: "+joinAnd(names),
			"pin every table to the same tenant value")
	}
	if len(sc.viols) == 0 {
		return
	}
	tenant, note := sc.suggestTenant(distinct, stmt)
	var p *placer
	for i, v := range sc.viols {
		if v.Offset < 0 {
			v.Offset = start + LeadingComments(sc.norm.sql[start:])
		}
		if strings.Contains(v.Hint, tenantToken) {
			v.Hint = strings.ReplaceAll(v.Hint, tenantToken, tenant) + note
		}
		if i < len(sc.fixes) && sc.fixes[i] != nil {
			if p == nil {
				p = &placer{toks: sc.tokens(start, end)}
			}
			f := sc.fixes[i]
			pred := strings.ReplaceAll(f.pred, tenantToken, tenant)
			if edits, ok := p.place(f, pred); ok {
				for j := range edits {
					edits[j].Offset, edits[j].End = sc.norm.origOffset(edits[j].Offset), sc.norm.origOffset(edits[j].End)
				}
				v.Fix = &Fix{Clause: f.clause, Predicate: pred, Edits: edits}
			}
		}
		res.add(sc.norm, v)
	}
}

// suggestTenant is the tenant value hints propose: the statement's own, else a new placeholder
// in the statement's style: @tenant_id, sqlc.arg(tenant_id), :tenant_id, ? or the next $n the
// statement leaves free. The style and numbers are the statement's, not the text's: in a sqlc
// file each query has its own, and starts at $1.
func (sc *stmtChecker) suggestTenant(distinct []usedValue, stmt *pg.Node) (sql, note string) {
	if len(distinct) > 0 {
		return sc.spell(sc.values[sc.termValue[distinct[0].term]])
	}
	// A value a near miss used, the first in the text.
	best := -1
	for _, v := range sc.nearVals {
		if best < 0 || sc.values[sc.termValue[v]].loc < sc.values[sc.termValue[best]].loc {
			best = v
		}
	}
	if best >= 0 {
		return sc.spell(sc.values[sc.termValue[best]])
	}
	// The style of the statement's first placeholder, else the text's.
	refs := paramRefs(stmt)
	style, first := sc.norm.style, -1
	for _, p := range refs {
		if first < 0 || int(p.Location) < first {
			first, style = int(p.Location), sc.spelling(int(p.Location))
		}
	}
	switch style {
	case StyleQuestion:
		return "?", ""
	case StyleColon:
		return ":tenant_id", ""
	case StyleAt:
		return "@tenant_id", ""
	case StyleSqlc:
		return "sqlc.arg(tenant_id)", ""
	}
	next := 1
	for _, p := range refs {
		if sc.spelling(int(p.Location)) == StyleDollar {
			next = max(next, int(p.Number)+1)
		}
	}
	return "$" + strconv.Itoa(next), ""
}

// spell writes a tenant value as SQL, as the statement spells it. A ? adds an argument wherever
// it is written, so for a ? already used the note says which argument the new one repeats.
func (sc *stmtChecker) spell(v value) (sql, note string) {
	if v.param != 0 && sc.spelling(v.loc) == StyleQuestion {
		return "?", fmt.Sprintf(", passing the tenant for it as for argument %d", v.param)
	}
	return sc.display(v), ""
}

// spelling returns the style a placeholder is written in at loc, an offset of the normalised
// text. A name's [Param.Style] is that of its first occurrence in the whole text; a sqlc file
// may spell it @id in one query and sqlc.arg(id) in another, so look at this occurrence.
func (sc *stmtChecker) spelling(loc int) ParamStyle {
	off := sc.norm.origOffset(loc)
	if off >= len(sc.orig) {
		return StyleDollar
	}
	switch sc.orig[off] {
	case '?':
		return StyleQuestion
	case ':':
		return StyleColon
	case '@':
		return StyleAt
	case '$':
		return StyleDollar
	}
	return StyleSqlc
}

// paramRefs returns the placeholders of a statement's tree.
func paramRefs(n *pg.Node) []*pg.ParamRef {
	var refs []*pg.ParamRef
	if n == nil {
		return nil
	}
	walkMessages(n.ProtoReflect(), func(m protoreflect.Message) bool {
		if p, ok := m.Interface().(*pg.ParamRef); ok {
			refs = append(refs, p)
			return false
		}
		return true
	})
	return refs
}

// display writes a tenant value as the statement spells it.
func (sc *stmtChecker) display(v value) string {
	if v.param == 0 {
		return v.text
	}
	p, ok := sc.norm.param(v.param)
	if !ok {
		return v.text
	}
	switch sc.spelling(v.loc) {
	case StyleQuestion:
		return "? (argument " + strconv.Itoa(p.Number) + ")"
	case StyleColon:
		return ":" + p.Name
	case StyleAt:
		return "@" + p.Name
	case StyleSqlc:
		return "sqlc.arg(" + p.Name + ")"
	}
	return v.text
}

func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// charToByte converts a 0-based character index in s to a byte offset.
func charToByte(s string, chars int) int {
	off := 0
	for i := 0; i < chars && off < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}

// TenantColumns returns the policy's tenant column candidates, in order.
func (c *Checker) TenantColumns() []string { return append([]string(nil), c.pol.tenantCols...) }

// PinPredicate returns the predicate that pins an occurrence of table, named ref in the
// statement ("" for no qualifier), to one tenant, with one "?" standing for the tenant value:
// "li.tenant_id = ?" for a tenant table; for a table owned through a parent, or reached
// through a link table, its key restricted to the parent's (or link's) rows of the tenant,
// down the chain to a tenant column: "li.order_id IN (SELECT id FROM orders WHERE
// tenant_id = ?)". ref is written as given; column and table names are quoted where needed.
// scoped is false, and pred empty, for a global table. Unknown tables follow the policy's
// UnknownTables.
func (c *Checker) PinPredicate(table, ref string) (pred string, scoped bool) {
	schema, name := "", table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		schema, name = table[:i], table[i+1:]
	}
	info := c.pol.lookup(schema, name)
	if !info.scoped() {
		return "", false
	}
	if ref != "" {
		ref += "."
	}
	return ref + pinOf(info, "?"), true
}

// SubTenantKey reports whether key is a sub-tenant key of the policy ([Policy.SubTenants]).
func (c *Checker) SubTenantKey(key string) bool { return c.pol.subKeys[key] }

// SubTenantColumn returns the column of table that pins it to a row of sub-tenant key key:
// the key's column where the schema ties it to the tenant, or the key itself in the
// sub-tenant's table; "" when there is none.
func (c *Checker) SubTenantColumn(table, key string) string {
	schema, name := "", table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		schema, name = table[:i], table[i+1:]
	}
	for col, k := range c.pol.lookup(schema, name).subCols {
		if k == key {
			return col
		}
	}
	return ""
}

// TenantColumn reports the tenant column of a table under the checker's policy, and whether the
// table is tenant-scoped. table is a catalog name, optionally schema-qualified ("audit.events").
// Unknown tables follow the policy's UnknownTables.
func (c *Checker) TenantColumn(table string) (column string, scoped bool) {
	schema, name := "", table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		schema, name = table[:i], table[i+1:]
	}
	info := c.pol.lookup(schema, name)
	return info.tenantCol, info.tenantCol != ""
}

// parseDoc documents RuleParse beside its checks: what it rejects, why, and the fix.
var parseDoc = RuleDoc{
	Rule:  RuleParse,
	Title: "the statement must be valid PostgreSQL",
	Text:  `Text the PostgreSQL parser rejects cannot be checked. Nesting deeper than the safety limit is rejected before parsing, because the C parser can crash the process on extreme nesting.`,
	Bad:   `SELEC * FROM contacts WHERE tenant_id = $1`,
	Good:  `SELECT * FROM contacts WHERE tenant_id = $1`,
}

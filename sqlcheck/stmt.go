package sqlcheck

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// stmtChecker checks one statement. It is used by one goroutine and then dropped.
type stmtChecker struct {
	pol  *compiledPolicy
	norm *normalized
	orig string // the checked text, before normalisation
	idx  int    // 1-based statement index

	termValue  []int          // per term: index into values, or -1 for a column term
	values     []value        // tenant values met
	valueTerms []int          // the value terms, parallel to values
	valueIndex map[string]int // value key -> term; nil until needed
	visits     int            // query levels checked, bounded by maxVisits
	overBudget bool           // a budget was exceeded and reported
	// createSchemaName is the schema being created while its CREATE SCHEMA elements are
	// checked, where they are created.
	createSchemaName string
	writeTerms       map[int]bool   // tenant column terms of write targets; nil until needed
	near             map[int]string // term -> why it did not pin; nil until needed
	nearVals         map[int]int    // term -> the value term a near miss used; nil until needed
	rels             []*rel         // every occurrence, for near-miss lookup

	viols []Violation
	fixes []*fixSpec // per violation, where its hint's predicate goes; nil when unknown
	// noParams is set while the query of a materialized view is checked: it cannot take a
	// placeholder, so no hint may propose one.
	noParams bool
	used     []usedValue // tenant values the statement relies on, in order of use
	cursors  []CursorUse // the cursors the statement declares, reads or closes

	// Key pins (keypins.go): the occurrences whose key columns the statement names, with
	// their columns' terms; the subqueries of IN whose output is equated with the columns
	// before IN; and the dry run that lifts an EXISTS or IN subquery's facts to its level.
	// same pairs a sub-tenant value with a tenant value that pins the same occurrence.
	same [][2]int
	// pushNext marks the next query level as a CTE or derived table body; pendings are the
	// occurrences held back in such bodies.
	pushNext bool
	pendings []*pending
	occs     []occ
	occCols  map[occ]map[string]int
	corr     map[*pg.SelectStmt][]int
	lift     *liftFrame
}

// A usedValue is a tenant value one pin or inserted row relies on.
type usedValue struct {
	term int
	loc  int
}

func newStmtChecker(pol *compiledPolicy, norm *normalized, idx int) *stmtChecker {
	return &stmtChecker{pol: pol, norm: norm, idx: idx}
}

// report records a violation at a byte offset of the normalised text.
func (sc *stmtChecker) report(rule Rule, r *rel, loc int, msg, hint string) {
	v := Violation{Rule: rule, Offset: loc, Statement: sc.idx, Message: msg, Hint: hint}
	if r != nil {
		v.Table, v.Alias = r.written(), r.alias
	}
	sc.viols = append(sc.viols, v)
}

// use records that the statement relies on tenant value term v.
// A value that admits shared tenants counts as its exact value.
func (sc *stmtChecker) use(v, loc int) {
	if val := sc.values[sc.termValue[v]]; val.orShared {
		val.key, val.orShared = strings.TrimSuffix(val.key, "|shared"), false
		v = sc.valueTerm(val)
	}
	sc.used = append(sc.used, usedValue{v, loc})
}

// statement checks one top-level statement.
// markWrite records that term t is the tenant column of a write target.
func (sc *stmtChecker) markWrite(t int) {
	if sc.writeTerms == nil {
		sc.writeTerms = map[int]bool{}
	}
	sc.writeTerms[t] = true
}

func (sc *stmtChecker) statement(n *pg.Node, loc int) {
	switch x := n.GetNode().(type) {
	case *pg.Node_SelectStmt, *pg.Node_InsertStmt, *pg.Node_UpdateStmt, *pg.Node_DeleteStmt, *pg.Node_MergeStmt:
		if sel, ok := x.(*pg.Node_SelectStmt); ok && sel.SelectStmt.IntoClause != nil {
			sc.shadow(sel.SelectStmt.IntoClause.Rel, "SELECT INTO")
		}
		sc.query(n, nil, nil, "the WHERE clause")
	case *pg.Node_ExplainStmt:
		sc.statement(x.ExplainStmt.Query, loc)
	case *pg.Node_DeclareCursorStmt:
		const cursorOptHold = 0x0020 // CURSOR_OPT_HOLD of PostgreSQL's parsenodes.h
		d := x.DeclareCursorStmt
		sc.cursors = append(sc.cursors, CursorUse{Statement: sc.idx, Op: CursorDeclare, Name: d.Portalname, Hold: d.Options&cursorOptHold != 0})
		sc.statement(d.Query, loc)
	case *pg.Node_ClosePortalStmt:
		sc.cursors = append(sc.cursors, CursorUse{Statement: sc.idx, Op: CursorClose, Name: x.ClosePortalStmt.Portalname})
	case *pg.Node_PrepareStmt:
		sc.statement(x.PrepareStmt.Query, loc)
	case *pg.Node_CreateTableAsStmt:
		sc.shadow(x.CreateTableAsStmt.Into.GetRel(), "CREATE TABLE AS")
		sc.noParams = x.CreateTableAsStmt.Objtype == pg.ObjectType_OBJECT_MATVIEW
		sc.statement(x.CreateTableAsStmt.Query, loc)
		sc.noParams = false
	case *pg.Node_TruncateStmt:
		for _, t := range x.TruncateStmt.Relations {
			sc.bulk(t.GetRangeVar(), "TRUNCATE")
		}
	case *pg.Node_CopyStmt:
		c := x.CopyStmt
		if c.Query != nil {
			sc.statement(c.Query, loc)
		} else {
			sc.bulk(c.Relation, "COPY")
		}
	case *pg.Node_CallStmt:
		sc.report(RuleUnverifiable, nil, loc, "CALL runs a procedure whose statements the checker cannot see",
			"call the procedure's queries from Go through tenantq, or mark the call with a tenantvet:ignore reason")
	case *pg.Node_DoStmt:
		sc.report(RuleUnverifiable, nil, loc, "DO runs a code block whose statements the checker cannot see",
			"run its statements one by one, or mark it with a tenantvet:ignore reason")
	case *pg.Node_VariableSetStmt:
		sc.setStmt(x.VariableSetStmt, loc, "SET", " on this connection")
	case *pg.Node_AlterRoleSetStmt:
		sc.setStmt(x.AlterRoleSetStmt.GetSetstmt(), loc, "ALTER ROLE ... SET", " on the role's connections")
	case *pg.Node_AlterDatabaseSetStmt:
		sc.setStmt(x.AlterDatabaseSetStmt.GetSetstmt(), loc, "ALTER DATABASE ... SET", " on the database's connections")
	case *pg.Node_AlterSystemStmt:
		sc.setStmt(x.AlterSystemStmt.GetSetstmt(), loc, "ALTER SYSTEM SET", " on every connection")
	case *pg.Node_CreateFunctionStmt:
		sc.functionSet(x.CreateFunctionStmt.Options, loc)
	case *pg.Node_AlterFunctionStmt:
		sc.functionSet(x.AlterFunctionStmt.Actions, loc)
	case *pg.Node_ViewStmt:
		sc.shadow(x.ViewStmt.View, "CREATE VIEW")
	case *pg.Node_CreateSchemaStmt:
		sc.createSchema(x.CreateSchemaStmt, loc)
	case *pg.Node_CreateStmt:
		sc.shadow(x.CreateStmt.Relation, "CREATE TABLE")
		sc.inherits(x.CreateStmt)
	case *pg.Node_CreateForeignTableStmt:
		sc.shadow(x.CreateForeignTableStmt.GetBaseStmt().GetRelation(), "CREATE FOREIGN TABLE")
	case *pg.Node_RenameStmt:
		sc.rename(x.RenameStmt)
	case *pg.Node_AlterObjectSchemaStmt:
		sc.setSchema(x.AlterObjectSchemaStmt)
	case *pg.Node_RuleStmt:
		sc.rule(x.RuleStmt)
	case *pg.Node_ImportForeignSchemaStmt:
		sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("IMPORT FOREIGN SCHEMA creates relations in %q named by another server, which may shadow known tables", x.ImportForeignSchemaStmt.LocalSchema),
			"create each foreign table by name in a schema outside the search path, or import from unscoped admin code")
	case *pg.Node_FetchStmt:
		f := x.FetchStmt
		sc.cursors = append(sc.cursors, CursorUse{Statement: sc.idx, Op: CursorFetch, Name: f.Portalname})
		what := "FETCH reads"
		if f.Ismove {
			what = "MOVE moves through"
		}
		sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("%s cursor %q, declared by another statement for a tenant the checker cannot see (a WITH HOLD cursor outlives its transaction on a pooled connection)", what, f.Portalname),
			"read the rows with a tenant-pinned query, or run FETCH through the runtime guard on the transaction or connection that declared the cursor for the same tenant")
	case *pg.Node_AlterTableStmt:
		sc.alterTable(x.AlterTableStmt)
	case *pg.Node_ExecuteStmt:
		sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("EXECUTE runs prepared statement %q, which the checker cannot see", x.ExecuteStmt.Name),
			"check the statement where it is prepared and run it by name from the driver")
	}
	// Everything else (DDL, SET, SHOW, transaction control, ...) touches no tenant rows.
}

// bulk reports TRUNCATE or COPY on a tenant table.
func (sc *stmtChecker) bulk(rv *pg.RangeVar, what string) {
	if rv == nil {
		return
	}
	r := sc.tableRel(rv)
	if !r.scoped() {
		return
	}
	pin := pinOf(r.info, "<tenant>")
	sc.report(RuleBulk, r, r.loc, fmt.Sprintf("%s on %s crosses every tenant", what, describeTable(r.written(), "")),
		fmt.Sprintf("use DELETE FROM %s WHERE %s, or COPY (SELECT ... WHERE %s)", quoteQualified(r.written()), pin, pin))
}

// tableRel makes a rel for a table reference.
func (sc *stmtChecker) tableRel(rv *pg.RangeVar) *rel {
	r := &rel{
		kind: relTable, schema: rv.Schemaname, name: rv.Relname, refname: rv.Relname,
		info: sc.pol.lookup(rv.Schemaname, rv.Relname), term: -1, loc: int(rv.Location),
		canon: sc.pol.resolve(rv.Schemaname, rv.Relname),
	}
	if rv.Alias != nil {
		r.alias, r.refname = rv.Alias.Aliasname, rv.Alias.Aliasname
		for _, c := range rv.Alias.Colnames {
			r.colAlias = append(r.colAlias, c.GetString_().GetSval())
		}
	}
	if r.scoped() {
		r.term = sc.newTerm()
		sc.rels = append(sc.rels, r)
	}
	if r.info.exposes {
		sc.report(RuleUnverifiable, nil, r.loc, fmt.Sprintf("%s exposes data of every tenant (column statistics or other sessions' SQL)", r.written()),
			"query it from unscoped admin code")
	}
	return r
}

// query checks a SELECT, INSERT, UPDATE, DELETE or MERGE at any depth and returns its output.
func (sc *stmtChecker) query(n *pg.Node, parent *level, ctes *cteScope, desc string) *output {
	if !sc.visit(locOfExpr(n)) {
		return &output{}
	}
	switch x := n.GetNode().(type) {
	case *pg.Node_SelectStmt:
		return sc.selectStmt(x.SelectStmt, parent, ctes, desc)
	case *pg.Node_InsertStmt:
		return sc.insertStmt(x.InsertStmt, parent, ctes)
	case *pg.Node_UpdateStmt:
		return sc.updateStmt(x.UpdateStmt, parent, ctes)
	case *pg.Node_DeleteStmt:
		return sc.deleteStmt(x.DeleteStmt, parent, ctes)
	case *pg.Node_MergeStmt:
		return sc.mergeStmt(x.MergeStmt, parent, ctes)
	case *pg.Node_FuncCall:
		if why, hint := sc.hiddenSQL(x.FuncCall); why != "" {
			sc.report(RuleUnverifiable, nil, int(x.FuncCall.Location), why, hint)
			return &output{}
		}
		return &output{} // a setting the checker allows; forEachQuery walks its arguments

	}
	// Not a query: walk it for any query inside.
	forEachQuery(n, func(q *pg.Node) { sc.query(q, parent, ctes, desc) })
	return &output{}
}

// Budgets of one statement, so that no input makes checking take long or much memory: the query
// levels visited (recursive CTEs are revisited to find their pins) and the terms (tenant
// columns of occurrences, and tenant values) it holds. Real statements use a few dozen of each.
const (
	maxVisits = 2000
	maxTerms  = 4096
)

// visit counts a query level; past a budget it reports the statement unverifiable once and
// returns false, and the rest of the statement is not checked.
func (sc *stmtChecker) visit(loc int) bool {
	sc.visits++
	switch {
	case sc.overBudget:
		return false
	case sc.visits > maxVisits:
		sc.overBudget = true
		sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("the statement needs more than %d query levels checked", maxVisits),
			"split it into simpler statements")
	case len(sc.termValue) > maxTerms:
		sc.overBudget = true
		sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("the statement has more than %d tables and tenant values to check", maxTerms),
			"split it into simpler statements")
	}
	return !sc.overBudget
}

// with binds a WITH clause's CTEs, checking each body, and returns the new scope.
func (sc *stmtChecker) with(w *pg.WithClause, parent *level, ctes *cteScope) *cteScope {
	if w == nil {
		return ctes
	}
	if w.Recursive {
		// Every CTE of a WITH RECURSIVE list is in scope in every body, later ones too: bind
		// them all first, with no columns known, and give each its output once checked.
		entries := map[string]*cteScope{}
		for _, c := range w.Ctes {
			if cte := c.GetCommonTableExpr(); cte != nil {
				ctes = &cteScope{parent: ctes, name: cte.Ctename, out: &output{}}
				entries[cte.Ctename] = ctes
			}
		}
		for _, c := range w.Ctes {
			if cte := c.GetCommonTableExpr(); cte != nil {
				entries[cte.Ctename].out = sc.recursiveCTE(cte, parent, ctes).out
			}
		}
		return ctes
	}
	for _, c := range w.Ctes {
		cte := c.GetCommonTableExpr()
		if cte == nil {
			continue
		}
		sc.pushNext = cte.Ctematerialized != pg.CTEMaterialize_CTEMaterializeAlways
		out := sc.query(cte.Ctequery, parent, ctes, fmt.Sprintf("the WHERE clause of CTE %q", cte.Ctename)).rename(cte.Aliascolnames)
		sc.pushNext = false
		ctes = &cteScope{parent: ctes, name: cte.Ctename, out: cteOutput(cte, out)}
	}
	return ctes
}

// cteOutput is a CTE's output: SEARCH and CYCLE clauses add columns we do not model.
func cteOutput(cte *pg.CommonTableExpr, out *output) *output {
	if cte.SearchClause != nil || cte.CycleClause != nil {
		return &output{}
	}
	return out
}

// recursiveCTE checks WITH RECURSIVE x AS (base UNION recursive) by induction: assume x's pins
// are those of the base arm, check the recursive arm under that assumption, and weaken the
// assumption until the recursive arm keeps it.
func (sc *stmtChecker) recursiveCTE(cte *pg.CommonTableExpr, parent *level, ctes *cteScope) *cteScope {
	s := cte.Ctequery.GetSelectStmt()
	if s == nil || s.Op != pg.SetOperation_SETOP_UNION || s.Larg == nil || s.Rarg == nil {
		scope := &cteScope{parent: ctes, name: cte.Ctename, out: &output{}}
		sc.query(cte.Ctequery, parent, scope, fmt.Sprintf("the WHERE clause of CTE %q", cte.Ctename))
		return scope
	}
	inner := sc.with(s.WithClause, parent, ctes)
	assume := sc.selectStmt(s.Larg, parent, inner, fmt.Sprintf("the WHERE clause of CTE %q", cte.Ctename)).rename(cte.Aliascolnames)
	scope := &cteScope{parent: inner, name: cte.Ctename}
	desc := fmt.Sprintf("the WHERE clause of the recursive arm of CTE %q", cte.Ctename)
	for round := 0; ; round++ {
		if round == 3 {
			// Each round re-checks the recursive arm, and nested recursive CTEs multiply the
			// rounds: after three, assume nothing, which needs no further round.
			assume = &output{}
		}
		scope.out = assume
		m := sc.mark()
		rec := sc.selectStmt(s.Rarg, parent, scope, desc).rename(cte.Aliascolnames)
		next := assume.intersect(rec)
		if next.equal(assume) || round == 3 {
			break // the recursive arm keeps the assumption: its violations stand
		}
		sc.rollback(m)
		assume = next
	}
	sc.subqueryList(parent, inner, s.SortClause)
	sc.subqueries(parent, inner, s.LimitCount, s.LimitOffset)
	return &cteScope{parent: ctes, name: cte.Ctename, out: cteOutput(cte, assume)}
}

type mark struct{ viols, used, pendings int }

func (sc *stmtChecker) mark() mark { return mark{len(sc.viols), len(sc.used), len(sc.pendings)} }

func (sc *stmtChecker) rollback(m mark) {
	sc.viols = sc.viols[:m.viols]
	sc.used = sc.used[:m.used]
	sc.pendings = sc.pendings[:m.pendings]
	if len(sc.fixes) > m.viols {
		sc.fixes = sc.fixes[:m.viols]
	}
}

// alterTable reports ALTER TABLE ... ALTER COLUMN ... TYPE ... USING on a tenant table: it
// rewrites every tenant's rows with an expression.
func (sc *stmtChecker) alterTable(a *pg.AlterTableStmt) {
	r := sc.tableRel(a.Relation)
	for _, c := range a.Cmds {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case pg.AlterTableType_AT_AddInherit:
			if r.tenant() {
				sc.parentOf(cmd.GetDef().GetRangeVar(), a.Relation.Relname)
			}
		case pg.AlterTableType_AT_AttachPartition:
			if child := cmd.GetDef().GetPartitionCmd().GetName(); child != nil && !r.tenant() &&
				sc.pol.lookup(child.Schemaname, child.Relname).tenantCol != "" {
				sc.parentOf(a.Relation, child.Relname)
			}
		}
		if !r.tenant() {
			continue
		}
		if cmd.GetSubtype() == pg.AlterTableType_AT_AlterColumnType && cmd.GetDef().GetColumnDef().GetRawDefault() != nil {
			sc.report(RuleBulk, r, r.loc, fmt.Sprintf("ALTER TABLE ... TYPE ... USING on %s rewrites every tenant's rows", describeTable(r.written(), "")),
				"change the type without USING, and migrate each tenant's rows with UPDATE ... WHERE "+quoteIdent(r.info.tenantCol)+" = <tenant>")
		}
	}
}

// unverifiableDoc documents RuleUnverifiable beside its checks: what it rejects, why, and the fix.
var unverifiableDoc = RuleDoc{
	Rule:  RuleUnverifiable,
	Title: "the checker must see the statements that run",
	Text: "The checker accepts only what it can prove, so it refuses statements whose effect it cannot see. It reports, each with its own message: " +
		"statements that run other statements (CALL, DO, EXECUTE of a prepared statement, CREATE RULE, and psql's \\i, \\gexec and \\! in .sql files); " +
		"rows it cannot name (WHERE CURRENT OF, FETCH and MOVE on a cursor declared elsewhere, MERGE with WHEN NOT MATCHED BY SOURCE); " +
		"functions that run SQL text or read a relation, cursor, raw page or file by name, classified from the catalog of PostgreSQL and its contrib extensions (query_to_xml, table_to_xml, crosstab, connectby, dblink, get_raw_page, pgstattuple, pg_read_file, ...), in any schema, and any call given a constant that parses as a query; " +
		"views that expose every tenant's data (pg_stats, pg_stat_activity, pg_stat_statements, ...); " +
		"settings that change how the server reads later statements (standard_conforming_strings, client_encoding and SET NAMES, backslash_quote, search_path other than the policy's, role, session_authorization, session_replication_role), set by SET, set_config, a write to pg_settings, or ALTER ROLE, DATABASE or SYSTEM; " +
		"a relation that would shadow a known table or a system catalog (a temporary one, one in another schema, CREATE SCHEMA elements, RENAME TO, SET SCHEMA, IMPORT FOREIGN SCHEMA, CREATE SCHEMA AUTHORIZATION without a name) and a tenant table made a child of a table that is not one (INHERITS, INHERIT, ATTACH PARTITION); " +
		"psql variables substituted as raw text; " +
		"and statements too large to check within the checker's budgets. " +
		"Run the underlying queries directly, or exempt the statement with a reason. The runtime guard lets FETCH and MOVE pass on the connection that declared the cursor for the same tenant.",
	Bad:  `CALL recalc_totals($1)`,
	Good: `UPDATE deals SET amount = amount * 1.1 WHERE tenant_id = $1`,
}

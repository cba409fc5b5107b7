package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/tenantq/tenantq/sqlcheck"
)

// ReadSchema reads the tables of a database schema from path: one .sql file, or a directory
// of migrations. In a directory every .sql file, in subdirectories too, is applied in the
// lexical order of its slash-separated path relative to path, except down migrations (names
// ending in .down.sql or _down.sql) and hidden files and directories. See [ParseSchema] for
// what each file contributes.
//
// The result is sorted by schema, then name. Errors are I/O errors, wrapped, and [*Error]
// values naming the file, line and column of SQL that does not parse. A directory without
// .sql files is an error too.
func ReadSchema(path string) ([]sqlcheck.Table, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	files := []string{path}
	if fi.IsDir() {
		if files, err = migrationFiles(path); err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if len(files) == 0 {
			return nil, &Error{File: path, Err: errors.New("no .sql files in the schema directory")}
		}
	}
	s := newSchema(nil)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if err := s.apply(f, string(data)); err != nil {
			return nil, err
		}
	}
	return s.result(), nil
}

// migrationFiles lists the up-migration .sql files under dir in lexical order of their
// slash-separated relative paths.
func migrationFiles(dir string) ([]string, error) {
	var rels []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isUpMigration(name) {
			return nil
		}
		if !d.Type().IsRegular() { // a symbolic link: keep it when it leads to a file
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rels = append(rels, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(rels)
	files := make([]string, len(rels))
	for i, rel := range rels {
		files[i] = filepath.Join(dir, filepath.FromSlash(rel))
	}
	return files, nil
}

func isUpMigration(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".sql") &&
		!strings.HasSuffix(name, ".down.sql") && !strings.HasSuffix(name, "_down.sql")
}

// ParseSchema applies the DDL of one SQL file, named name in errors, to tables and returns the
// resulting tables sorted by schema, then name. tables is not modified.
//
// These statements change tables, in file order: CREATE TABLE (column definitions, LIKE,
// INHERITS, PARTITION OF, IF NOT EXISTS), CREATE FOREIGN TABLE, CREATE TABLE AS and
// SELECT INTO, ALTER TABLE ADD COLUMN, DROP COLUMN, RENAME COLUMN, RENAME TO, SET SCHEMA,
// ATTACH and DETACH PARTITION, INHERIT and NO INHERIT, and DROP TABLE. Column changes reach
// inheritance children and partitions unless the statement says ONLY. Temporary tables and
// every other statement are ignored. A table whose columns cannot all be known (LIKE, INHERITS
// or PARTITION OF naming an unknown table, CREATE TABLE OF a type, CREATE TABLE AS with a *
// that cannot be expanded) is left out, so the policy treats it as an unknown table rather
// than as a global one. Names are as PostgreSQL stores them; an unqualified name and the same
// name in schema public refer to the same table.
//
// Lines starting with a backslash (psql meta-commands) are skipped. In a goose or dbmate
// migration (a "-- +goose Up" or "-- migrate:up" line) only the up sections are applied.
//
// SQL that does not parse gives an [*Error] with the file, line and column, wrapping the
// parser's error. So does a statement nested too deeply to parse safely.
func ParseSchema(name, sql string, tables []sqlcheck.Table) ([]sqlcheck.Table, error) {
	s := newSchema(tables)
	if err := s.apply(name, sql); err != nil {
		return nil, err
	}
	return s.result(), nil
}

type tableKey struct{ schema, name string }

type table struct {
	key     tableKey
	columns []string
	// parents are the tables this one inherits from or is a partition of.
	parents   []*table
	partition bool
}

// schema is the set of tables built by applying DDL.
type schema struct {
	tables map[tableKey]*table
}

func newSchema(tables []sqlcheck.Table) *schema {
	s := &schema{tables: make(map[tableKey]*table, len(tables))}
	for _, t := range tables {
		if t.Name == "" {
			continue
		}
		k := tableKey{t.Schema, t.Name}
		s.tables[k] = &table{key: k, columns: slices.Clone(t.Columns)}
	}
	return s
}

// result returns the tables sorted by schema, then name.
func (s *schema) result() []sqlcheck.Table {
	var out []sqlcheck.Table
	for _, t := range s.tables {
		out = append(out, sqlcheck.Table{Schema: t.key.schema, Name: t.key.name, Columns: slices.Clone(t.columns)})
	}
	slices.SortFunc(out, func(a, b sqlcheck.Table) int {
		return cmp.Or(strings.Compare(a.Schema, b.Schema), strings.Compare(a.Name, b.Name))
	})
	return out
}

// apply parses one file and applies its statements.
func (s *schema) apply(name, text string) error {
	text = prepare(text)
	if i := strings.IndexByte(text, 0); i >= 0 {
		line, col := lineCol(text, i)
		return &Error{File: name, Line: line, Column: col, Err: errors.New("NUL byte in SQL text")}
	}
	// The C parser crashes the process on extreme nesting: use the checker's guard first.
	if depth, off := sqlcheck.Nesting(text); depth > sqlcheck.MaxDepth {
		line, col := lineCol(text, off)
		return &Error{File: name, Line: line, Column: col, Err: errTooDeep}
	}
	res, err := pg_query.Parse(text)
	if err != nil {
		var pe *pgparser.Error
		if errors.As(err, &pe) && pe.Cursorpos > 0 {
			line, col := lineCol(text, charOffset(text, pe.Cursorpos-1))
			return &Error{File: name, Line: line, Column: col, Err: err}
		}
		return &Error{File: name, Err: err}
	}
	for _, raw := range res.GetStmts() {
		s.statement(raw.GetStmt())
	}
	return nil
}

// prepare blanks the lines the parser must not see, keeping every line break so that
// positions stay those of the original text: psql meta-commands, and in goose and dbmate
// files everything outside the up sections. A byte order mark becomes spaces.
func prepare(text string) string {
	if strings.HasPrefix(text, "\uFEFF") {
		text = "   " + text[len("\uFEFF"):]
	}
	lines := strings.SplitAfter(text, "\n")
	sectioned := false
	for _, l := range lines {
		if migrationMarker(l) != 0 {
			sectioned = true
			break
		}
	}
	up := !sectioned
	changed := false
	for i, l := range lines {
		if m := migrationMarker(l); m != 0 {
			up = m > 0
			continue
		}
		if !up || strings.HasPrefix(strings.TrimLeft(l, " \t"), `\`) {
			lines[i] = l[len(strings.TrimRight(l, "\r\n")):]
			changed = true
		}
	}
	if !changed {
		return text
	}
	return strings.Join(lines, "")
}

// migrationMarker reports 1 for a line that starts an up section ("-- +goose Up",
// "-- migrate:up"), -1 for one that starts a down section, 0 otherwise.
func migrationMarker(line string) int {
	line = strings.TrimSpace(line)
	rest, ok := strings.CutPrefix(line, "--")
	if !ok {
		return 0
	}
	f := strings.Fields(strings.ToLower(rest))
	switch {
	case len(f) >= 2 && f[0] == "+goose" && f[1] == "up", len(f) >= 1 && f[0] == "migrate:up":
		return 1
	case len(f) >= 2 && f[0] == "+goose" && f[1] == "down", len(f) >= 1 && f[0] == "migrate:down":
		return -1
	}
	return 0
}

// charOffset converts a 0-based character index, counted as PostgreSQL counts UTF-8
// characters, to a byte offset in text.
func charOffset(text string, chars int) int {
	i := 0
	for ; chars > 0 && i < len(text); chars-- {
		switch b := text[i]; {
		case b&0x80 == 0:
			i++
		case b&0xe0 == 0xc0:
			i += 2
		case b&0xf0 == 0xe0:
			i += 3
		case b&0xf8 == 0xf0:
			i += 4
		default:
			i++
		}
	}
	return min(i, len(text))
}

// lineCol returns the 1-based line and byte column of a byte offset.
func lineCol(text string, off int) (line, col int) {
	off = max(0, min(off, len(text)))
	before := text[:off]
	start := strings.LastIndexByte(before, '\n') + 1
	return strings.Count(before, "\n") + 1, off - start + 1
}

var errTooDeep = errors.New("statement nests too deeply to parse safely")

// lookup finds a table by name; "" and "public" stand for the same schema.
func (s *schema) lookup(schemaName, name string) *table {
	if t := s.tables[tableKey{schemaName, name}]; t != nil {
		return t
	}
	switch schemaName {
	case "":
		return s.tables[tableKey{"public", name}]
	case "public":
		return s.tables[tableKey{"", name}]
	}
	return nil
}

func (s *schema) lookupRange(rv *pg_query.RangeVar) *table {
	if rv == nil || rv.GetRelname() == "" {
		return nil
	}
	return s.lookup(rv.GetSchemaname(), rv.GetRelname())
}

// remove deletes t and unlinks it from its children.
func (s *schema) remove(t *table) {
	delete(s.tables, t.key)
	for _, c := range s.tables {
		c.parents = slices.DeleteFunc(c.parents, func(p *table) bool { return p == t })
	}
}

// drop deletes t with its partitions, and with its inheritance children when cascade.
func (s *schema) drop(t *table, cascade bool) {
	work := []*table{t}
	for len(work) > 0 {
		t := work[len(work)-1]
		work = work[:len(work)-1]
		if s.tables[t.key] != t {
			continue // already gone
		}
		for _, c := range s.tables {
			if c != t && slices.Contains(c.parents, t) && (c.partition || cascade) {
				work = append(work, c)
			}
		}
		s.remove(t)
	}
}

// family returns t and, when recurse, its inheritance children and partitions at any depth.
func (s *schema) family(t *table, recurse bool) []*table {
	out := []*table{t}
	if !recurse {
		return out
	}
	seen := map[*table]bool{t: true}
	for i := 0; i < len(out); i++ {
		for _, c := range s.tables {
			if !seen[c] && slices.Contains(c.parents, out[i]) {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// insert adds t at its key, replacing any table of the same name.
func (s *schema) insert(t *table) {
	if old := s.lookup(t.key.schema, t.key.name); old != nil {
		s.remove(old)
	}
	s.tables[t.key] = t
}

func addColumn(cols []string, name string) []string {
	if name == "" || slices.Contains(cols, name) {
		return cols
	}
	return append(cols, name)
}

func isTableType(t pg_query.ObjectType) bool {
	return t == pg_query.ObjectType_OBJECT_TABLE || t == pg_query.ObjectType_OBJECT_FOREIGN_TABLE
}

// statement applies one parsed statement.
func (s *schema) statement(n *pg_query.Node) {
	switch x := n.GetNode().(type) {
	case *pg_query.Node_CreateStmt:
		s.create(x.CreateStmt)
	case *pg_query.Node_CreateForeignTableStmt:
		s.create(x.CreateForeignTableStmt.GetBaseStmt())
	case *pg_query.Node_CreateTableAsStmt:
		st := x.CreateTableAsStmt
		if st.GetObjtype() == pg_query.ObjectType_OBJECT_TABLE {
			s.createAs(st.GetInto(), st.GetQuery().GetSelectStmt(), st.GetIfNotExists())
		}
	case *pg_query.Node_SelectStmt: // SELECT ... INTO t
		for sel := x.SelectStmt; sel != nil; sel = sel.GetLarg() {
			if into := sel.GetIntoClause(); into != nil {
				s.createAs(into, x.SelectStmt, false)
				break
			}
		}
	case *pg_query.Node_AlterTableStmt:
		if isTableType(x.AlterTableStmt.GetObjtype()) {
			s.alter(x.AlterTableStmt)
		}
	case *pg_query.Node_RenameStmt:
		s.rename(x.RenameStmt)
	case *pg_query.Node_AlterObjectSchemaStmt:
		st := x.AlterObjectSchemaStmt
		if isTableType(st.GetObjectType()) && st.GetNewschema() != "" {
			if t := s.lookupRange(st.GetRelation()); t != nil {
				delete(s.tables, t.key)
				t.key.schema = st.GetNewschema()
				s.insert(t)
			}
		}
	case *pg_query.Node_DropStmt:
		st := x.DropStmt
		if !isTableType(st.GetRemoveType()) {
			return
		}
		cascade := st.GetBehavior() == pg_query.DropBehavior_DROP_CASCADE
		for _, obj := range st.GetObjects() {
			var parts []string
			for _, item := range obj.GetList().GetItems() {
				parts = append(parts, item.GetString_().GetSval())
			}
			var t *table
			switch len(parts) {
			case 1:
				t = s.lookup("", parts[0])
			case 2, 3:
				t = s.lookup(parts[len(parts)-2], parts[len(parts)-1])
			}
			if t != nil {
				s.drop(t, cascade)
			}
		}
	}
}

// create applies CREATE TABLE.
func (s *schema) create(st *pg_query.CreateStmt) {
	rv := st.GetRelation()
	if rv.GetRelname() == "" || rv.GetRelpersistence() == "t" {
		return
	}
	if old := s.lookupRange(rv); old != nil {
		if st.GetIfNotExists() {
			return
		}
		s.remove(old)
	}
	t := &table{key: tableKey{rv.GetSchemaname(), rv.GetRelname()}, partition: st.GetPartbound() != nil}
	complete := st.GetOfTypename() == nil
	for _, n := range st.GetInhRelations() {
		p := s.lookupRange(n.GetRangeVar())
		if p == nil {
			complete = false
			continue
		}
		if !slices.Contains(t.parents, p) {
			t.parents = append(t.parents, p)
		}
		for _, c := range p.columns {
			t.columns = addColumn(t.columns, c)
		}
	}
	for _, n := range st.GetTableElts() {
		switch e := n.GetNode().(type) {
		case *pg_query.Node_ColumnDef:
			t.columns = addColumn(t.columns, e.ColumnDef.GetColname())
		case *pg_query.Node_TableLikeClause:
			like := s.lookupRange(e.TableLikeClause.GetRelation())
			if like == nil {
				complete = false
				continue
			}
			for _, c := range like.columns {
				t.columns = addColumn(t.columns, c)
			}
		}
	}
	if complete {
		s.insert(t)
	}
}

// createAs applies CREATE TABLE AS and SELECT INTO.
func (s *schema) createAs(into *pg_query.IntoClause, query *pg_query.SelectStmt, ifNotExists bool) {
	rv := into.GetRel()
	if rv.GetRelname() == "" || rv.GetRelpersistence() == "t" {
		return
	}
	if old := s.lookupRange(rv); old != nil {
		if ifNotExists {
			return
		}
		s.remove(old)
	}
	cols, ok := s.selectColumns(query, nil, 0)
	if !ok {
		return
	}
	for i, n := range into.GetColNames() {
		if i < len(cols) {
			cols[i] = n.GetString_().GetSval()
		}
	}
	t := &table{key: tableKey{rv.GetSchemaname(), rv.GetRelname()}}
	for _, c := range cols {
		t.columns = addColumn(t.columns, c)
	}
	s.insert(t)
}

// alter applies the subcommands of ALTER TABLE that change columns or inheritance.
func (s *schema) alter(st *pg_query.AlterTableStmt) {
	t := s.lookupRange(st.GetRelation())
	if t == nil {
		return
	}
	recurse := st.GetRelation().GetInh()
	for _, n := range st.GetCmds() {
		cmd := n.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case pg_query.AlterTableType_AT_AddColumn:
			name := cmd.GetDef().GetColumnDef().GetColname()
			for _, m := range s.family(t, recurse) {
				m.columns = addColumn(m.columns, name)
			}
		case pg_query.AlterTableType_AT_DropColumn:
			for _, m := range s.family(t, recurse) {
				m.columns = slices.DeleteFunc(m.columns, func(c string) bool { return c == cmd.GetName() })
			}
		case pg_query.AlterTableType_AT_AttachPartition:
			if c := s.lookupRange(cmd.GetDef().GetPartitionCmd().GetName()); c != nil && c != t {
				c.parents, c.partition = []*table{t}, true
			}
		case pg_query.AlterTableType_AT_DetachPartition:
			if c := s.lookupRange(cmd.GetDef().GetPartitionCmd().GetName()); c != nil {
				c.parents = slices.DeleteFunc(c.parents, func(p *table) bool { return p == t })
				c.partition = false
			}
		case pg_query.AlterTableType_AT_AddInherit:
			if p := s.lookupRange(cmd.GetDef().GetRangeVar()); p != nil && p != t && !slices.Contains(t.parents, p) {
				t.parents = append(t.parents, p)
			}
		case pg_query.AlterTableType_AT_DropInherit:
			if p := s.lookupRange(cmd.GetDef().GetRangeVar()); p != nil {
				t.parents = slices.DeleteFunc(t.parents, func(q *table) bool { return q == p })
			}
		}
	}
}

// rename applies ALTER TABLE ... RENAME TO and RENAME COLUMN.
func (s *schema) rename(st *pg_query.RenameStmt) {
	if st.GetNewname() == "" {
		return
	}
	switch {
	case isTableType(st.GetRenameType()):
		if t := s.lookupRange(st.GetRelation()); t != nil {
			delete(s.tables, t.key)
			t.key.name = st.GetNewname()
			s.insert(t)
		}
	case st.GetRenameType() == pg_query.ObjectType_OBJECT_COLUMN && isTableType(st.GetRelationType()):
		t := s.lookupRange(st.GetRelation())
		if t == nil {
			return
		}
		for _, m := range s.family(t, st.GetRelation().GetInh()) {
			if i := slices.Index(m.columns, st.GetSubname()); i >= 0 {
				m.columns = slices.Delete(m.columns, i, i+1)
				if !slices.Contains(m.columns, st.GetNewname()) {
					m.columns = slices.Insert(m.columns, i, st.GetNewname())
				}
			}
		}
	}
}

// relation is one FROM item as seen by a * in a select list.
type relation struct {
	name    string // alias, or table name
	columns []string
}

// maxQueryDepth bounds the recursion through subqueries and CTEs when naming columns.
const maxQueryDepth = 100

// cte is what a * knows of a common table expression: its columns, when they could be named.
type cte struct {
	columns []string
	ok      bool
}

// selectColumns returns the output column names of a query, as PostgreSQL names them, leaving
// out those it would call "?column?". It reports false when a * cannot be expanded.
// ctes holds the common table expressions in scope.
func (s *schema) selectColumns(sel *pg_query.SelectStmt, ctes map[string]cte, depth int) ([]string, bool) {
	if sel == nil || depth > maxQueryDepth {
		return nil, false
	}
	if w := sel.GetWithClause(); w != nil {
		outer := ctes
		ctes = make(map[string]cte, len(outer)+len(w.GetCtes()))
		maps.Copy(ctes, outer)
		for _, n := range w.GetCtes() {
			c := n.GetCommonTableExpr()
			if w.GetRecursive() {
				ctes[c.GetCtename()] = cte{} // a self-reference cannot be expanded
			}
			cols, ok := s.selectColumns(c.GetCtequery().GetSelectStmt(), ctes, depth+1)
			ctes[c.GetCtename()] = cte{columns: renameColumns(cols, c.GetAliascolnames()), ok: ok}
		}
	}
	if sel.GetOp() > pg_query.SetOperation_SETOP_NONE {
		return s.selectColumns(sel.GetLarg(), ctes, depth+1)
	}
	if vl := sel.GetValuesLists(); len(vl) > 0 {
		var cols []string
		for i := range vl[0].GetList().GetItems() {
			cols = append(cols, fmt.Sprintf("column%d", i+1))
		}
		return cols, true
	}
	var from []relation
	fromOK := true
	for _, n := range sel.GetFromClause() {
		rels, ok := s.fromItem(n, ctes, depth+1)
		fromOK = fromOK && ok
		from = append(from, rels...)
	}
	var cols []string
	for _, n := range sel.GetTargetList() {
		rt := n.GetResTarget()
		if rt.GetName() != "" {
			cols = append(cols, rt.GetName())
			continue
		}
		if ref := rt.GetVal().GetColumnRef(); ref != nil {
			if f := ref.GetFields(); len(f) > 0 && f[len(f)-1].GetAStar() != nil {
				if !fromOK {
					return nil, false
				}
				expanded := false
				for _, r := range from {
					if len(f) == 1 || r.name == f[len(f)-2].GetString_().GetSval() {
						cols = append(cols, r.columns...)
						expanded = true
					}
				}
				if !expanded {
					return nil, false
				}
				continue
			}
		}
		if name, strength := figureColname(rt.GetVal()); strength > 0 {
			cols = append(cols, name)
		}
	}
	return cols, true
}

// fromItem returns the relations a FROM item brings into scope, and false when the columns of
// one of them are unknown.
func (s *schema) fromItem(n *pg_query.Node, ctes map[string]cte, depth int) ([]relation, bool) {
	if depth > maxQueryDepth {
		return nil, false
	}
	switch x := n.GetNode().(type) {
	case *pg_query.Node_RangeVar:
		rv := x.RangeVar
		var cols []string
		if c, isCTE := ctes[rv.GetRelname()]; isCTE && rv.GetSchemaname() == "" {
			if !c.ok {
				return nil, false
			}
			cols = slices.Clone(c.columns)
		} else if t := s.lookupRange(rv); t != nil {
			cols = slices.Clone(t.columns)
		} else {
			return nil, false
		}
		name := rv.GetRelname()
		if a := rv.GetAlias(); a != nil {
			name = a.GetAliasname()
			cols = renameColumns(cols, a.GetColnames())
		}
		return []relation{{name: name, columns: cols}}, true
	case *pg_query.Node_JoinExpr:
		j := x.JoinExpr
		l, lok := s.fromItem(j.GetLarg(), ctes, depth+1)
		r, rok := s.fromItem(j.GetRarg(), ctes, depth+1)
		rels := append(l, r...)
		if a := j.GetAlias(); a != nil {
			var cols []string
			for _, rel := range rels {
				cols = append(cols, rel.columns...)
			}
			rels = []relation{{name: a.GetAliasname(), columns: renameColumns(cols, a.GetColnames())}}
		}
		return rels, lok && rok
	case *pg_query.Node_RangeSubselect:
		cols, ok := s.selectColumns(x.RangeSubselect.GetSubquery().GetSelectStmt(), ctes, depth+1)
		if !ok {
			return nil, false
		}
		a := x.RangeSubselect.GetAlias()
		return []relation{{name: a.GetAliasname(), columns: renameColumns(cols, a.GetColnames())}}, true
	}
	return nil, false
}

// renameColumns applies an alias column list to the first columns.
func renameColumns(cols []string, names []*pg_query.Node) []string {
	for i, n := range names {
		if i < len(cols) {
			cols[i] = n.GetString_().GetSval()
		}
	}
	return cols
}

// figureColname names an unaliased select-list expression the way PostgreSQL's
// FigureColname does. strength is 0 when PostgreSQL would call it "?column?", 1 for a weak
// guess (a type name, "case") and 2 for a real name.
func figureColname(n *pg_query.Node) (name string, strength int) {
	lastString := func(nodes []*pg_query.Node) string {
		for i := len(nodes) - 1; i >= 0; i-- {
			if s := nodes[i].GetString_(); s != nil {
				return s.GetSval()
			}
		}
		return ""
	}
	switch x := n.GetNode().(type) {
	case *pg_query.Node_ColumnRef:
		f := x.ColumnRef.GetFields()
		if len(f) > 0 && f[len(f)-1].GetString_() != nil {
			return f[len(f)-1].GetString_().GetSval(), 2
		}
	case *pg_query.Node_AIndirection:
		if name := lastString(x.AIndirection.GetIndirection()); name != "" {
			return name, 2
		}
		return figureColname(x.AIndirection.GetArg())
	case *pg_query.Node_FuncCall:
		if name := lastString(x.FuncCall.GetFuncname()); name != "" {
			return name, 2
		}
	case *pg_query.Node_AExpr:
		if x.AExpr.GetKind() == pg_query.A_Expr_Kind_AEXPR_NULLIF {
			return "nullif", 2
		}
	case *pg_query.Node_TypeCast:
		name, strength := figureColname(x.TypeCast.GetArg())
		if strength <= 1 {
			if t := lastString(x.TypeCast.GetTypeName().GetNames()); t != "" {
				return t, 1
			}
		}
		return name, strength
	case *pg_query.Node_CollateClause:
		return figureColname(x.CollateClause.GetArg())
	case *pg_query.Node_GroupingFunc:
		return "grouping", 2
	case *pg_query.Node_SubLink:
		switch x.SubLink.GetSubLinkType() {
		case pg_query.SubLinkType_EXISTS_SUBLINK:
			return "exists", 2
		case pg_query.SubLinkType_ARRAY_SUBLINK:
			return "array", 2
		case pg_query.SubLinkType_EXPR_SUBLINK:
			if tl := x.SubLink.GetSubselect().GetSelectStmt().GetTargetList(); len(tl) > 0 {
				if name := tl[0].GetResTarget().GetName(); name != "" {
					return name, 2
				}
			}
		}
	case *pg_query.Node_CaseExpr:
		name, strength := figureColname(x.CaseExpr.GetDefresult())
		if strength <= 1 {
			return "case", 1
		}
		return name, strength
	case *pg_query.Node_AArrayExpr:
		return "array", 2
	case *pg_query.Node_RowExpr:
		return "row", 2
	case *pg_query.Node_CoalesceExpr:
		return "coalesce", 2
	case *pg_query.Node_MinMaxExpr:
		if x.MinMaxExpr.GetOp() == pg_query.MinMaxOp_IS_GREATEST {
			return "greatest", 2
		}
		return "least", 2
	}
	return "", 0
}

package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/tenantq/tenantq/internal/sqltext"
	"github.com/tenantq/tenantq/sqlcheck"
)

// ReadSchema reads the tables of a database schema from paths, in order: each a .sql file or
// a directory of migrations (sqlc's list of schema files and directories reads the same way).
// A directory's up migrations are applied in the order their tool applies them: see the
// layouts in migrations.go (goose, golang-migrate, tern, sql-migrate, dbmate, atlas, prisma,
// flyway, sqitch); versions compare as numbers, down, undo, revert and verify scripts and
// hidden files are skipped. See [ParseSchema] for what each file contributes.
//
// The result is sorted by schema, then name. Errors are I/O errors, wrapped, and [*Error]
// values naming the file, line and column of SQL that does not parse, of DDL in procedural
// code the reader cannot follow, or of a down section of an unknown tool. A directory without
// .sql files is an error too.
func ReadSchema(paths ...string) ([]sqlcheck.Table, error) {
	return readSchema(osFiles{}, paths)
}

// ReadSchemaFS is [ReadSchema] reading from fsys, such as an [embed.FS]: paths are
// slash-separated and relative to fsys's root, as [fs.ValidPath] requires.
func ReadSchemaFS(fsys fs.FS, paths ...string) ([]sqlcheck.Table, error) {
	return readSchema(fsFiles{fsys}, paths)
}

func readSchema(fsys files, paths []string) ([]sqlcheck.Table, error) {
	var list []string
	for _, path := range paths {
		fi, err := fs.Stat(fsys, path)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if !fi.IsDir() {
			list = append(list, path)
			continue
		}
		dir, err := migrationFiles(fsys, path)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if len(dir) == 0 {
			return nil, &Error{File: path, Err: errors.New("no .sql files in the schema directory")}
		}
		list = append(list, dir...)
	}
	s := newSchema(nil)
	for _, f := range list {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if err := s.apply(f, string(data)); err != nil {
			return nil, err
		}
	}
	return s.result(), nil
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
// Lines starting with a backslash (psql meta-commands) are skipped. In a file with up and
// down sections (goose, sql-migrate, dbmate, tern) only the up sections are applied. DDL in a
// DO block is applied when it only adds tables or columns; DDL that removes or moves them in
// procedural code, dynamic SQL there, and calls of functions whose bodies hold DDL are
// refused (see procedural.go), unless a "-- tenantvet:ignore <reason>" comment stands above.
// A column a table loses is kept in [sqlcheck.Table.Dropped], so that a tenant table that
// loses its tenant column is not taken for a global one.
//
// Keys are read too, in the same order: PRIMARY KEY and UNIQUE (column and table
// constraints, ALTER TABLE ADD CONSTRAINT, USING INDEX), unique indexes that are non-partial
// and on plain columns, NOT NULL, and foreign keys with their referential actions and the
// names PostgreSQL gives them, followed through RENAME COLUMN, RENAME TO, SET SCHEMA, RENAME
// CONSTRAINT, ALTER INDEX RENAME, DROP CONSTRAINT, DROP INDEX, DROP COLUMN and DROP TABLE.
// A partition has its parent's keys. See keys_schema.go for what is left out. A foreign key
// PostgreSQL would refuse (REFERENCES t without columns while t has no primary key, columns
// that do not exist or do not pair up) is an [*Error] with the file and line.
//
// SQL that does not parse gives an [*Error] with the file, line and column, wrapping the
// parser's error. So do a statement nested too deeply to parse safely and procedural DDL
// the reader cannot follow.
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
	// types maps a column to its type, as [typeName] spells it, where the DDL says.
	types map[string]string
	// dropped are the columns DDL dropped or renamed away, with where.
	dropped []sqlcheck.DroppedColumn
	// parents are the tables this one inherits from or is a partition of.
	parents   []*table
	partition bool
	// notNull are the columns that are NOT NULL, keys the unique keys (the primary key
	// first) and fks the foreign keys declared on this table (see keys_schema.go).
	notNull []string
	keys    []*ukey
	fks     []*fkey
}

// schema is the set of tables built by applying DDL.
type schema struct {
	tables map[tableKey]*table
	// funcs maps the functions whose bodies hold DDL to where they were created.
	funcs map[string]string
	// where is the file and line of the statement being applied.
	where string
	// names caches the names used in each schema (see usedNames); nil until needed.
	names map[string]*usedNames
}

func newSchema(tables []sqlcheck.Table) *schema {
	s := &schema{tables: make(map[tableKey]*table, len(tables)), funcs: make(map[string]string)}
	for _, t := range tables {
		if t.Name == "" {
			continue
		}
		k := tableKey{t.Schema, t.Name}
		s.tables[k] = &table{key: k, columns: slices.Clone(t.Columns), types: maps.Clone(t.Types), dropped: slices.Clone(t.Dropped)}
	}
	s.loadKeys(tables)
	return s
}

// result returns the tables sorted by schema, then name.
func (s *schema) result() []sqlcheck.Table {
	var out []sqlcheck.Table
	for _, t := range s.tables {
		r := sqlcheck.Table{Schema: t.key.schema, Name: t.key.name, Columns: slices.Clone(t.columns), Dropped: slices.Clone(t.dropped)}
		for _, c := range t.columns {
			if typ := t.types[c]; typ != "" {
				if r.Types == nil {
					r.Types = make(map[string]string)
				}
				r.Types[c] = typ
			}
		}
		s.keysResult(t, &r)
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b sqlcheck.Table) int {
		return cmp.Or(strings.Compare(a.Schema, b.Schema), strings.Compare(a.Name, b.Name))
	})
	return out
}

// apply parses one file and applies its statements.
func (s *schema) apply(name, text string) error {
	text, err := prepare(name, text)
	if err != nil {
		return err
	}
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
		loc := firstToken(text, int(raw.GetStmtLocation()))
		line, col := lineCol(text, loc)
		s.where = fmt.Sprintf("%s:%d", name, line)
		if err := s.procedural(raw.GetStmt(), text, loc, int(raw.GetStmtLen())); err != nil {
			if ignored(text, loc) {
				continue
			}
			return &Error{File: name, Line: line, Column: col, Err: err}
		}
		if err := s.statement(raw.GetStmt()); err != nil {
			return &Error{File: name, Line: line, Column: col, Err: err}
		}
	}
	return nil
}

// procedural checks a statement for DDL the schema reader cannot follow: DO blocks it cannot
// read, and calls of functions whose bodies hold DDL. It applies a DO block's DDL itself.
func (s *schema) procedural(n *pg_query.Node, text string, loc, length int) error {
	switch x := n.GetNode().(type) {
	case *pg_query.Node_DoStmt:
		if err := s.doBlock(x.DoStmt); err != nil {
			return fmt.Errorf("the DO block %w; move its DDL out of the DO block, or put a \"-- tenantvet:ignore <reason>\" comment above it once tenantq.yaml says what it does to the tables", err)
		}
	case *pg_query.Node_CreateFunctionStmt:
		end := len(text)
		if length > 0 && loc+length <= len(text) {
			end = loc + length
		}
		s.createFunction(x.CreateFunctionStmt, text[loc:end])
	default:
		if f := s.callsDDLFunction(n); f != "" {
			return fmt.Errorf("the statement calls %s(), whose body holds DDL (%s) the schema reader cannot follow; put a \"-- tenantvet:ignore <reason>\" comment above the call once tenantq.yaml says what it does to the tables", f, s.funcs[f])
		}
	}
	return nil
}

// firstToken returns the offset of the first token at or after off: a statement's location
// is the byte after the previous statement's semicolon.
func firstToken(text string, off int) int {
	return off + sqlcheck.LeadingComments(text[off:])
}

// ignored reports whether the statement at loc has a "-- tenantvet:ignore <reason>" comment on
// one of the comment lines right above it.
func ignored(text string, loc int) bool {
	before := strings.TrimRight(text[:loc], " \t\r\n")
	for before != "" {
		i := strings.LastIndexByte(before, '\n')
		line := strings.TrimSpace(before[i+1:])
		c, ok := strings.CutPrefix(line, "--")
		if !ok {
			return false
		}
		if reason, ok := strings.CutPrefix(strings.TrimSpace(c), "tenantvet:ignore"); ok && strings.TrimSpace(reason) != "" {
			return true
		}
		if i < 0 {
			return false
		}
		before = strings.TrimRight(before[:i], " \t\r")
	}
	return false
}

// prepare blanks what the parser must not see, keeping every line break so that positions
// stay those of the original text: psql meta-commands (where psql reads them, outside
// literals), and in a file with up and down sections (goose, sql-migrate, dbmate, tern)
// everything outside the up sections. Meta-commands that run other SQL are errors. A byte
// order mark becomes spaces. A line that reads like the start of a down section of a tool
// tenantq does not know is an error: applying a down section would undo what the up one did.
func prepare(name, text string) (string, error) {
	if strings.HasPrefix(text, "\uFEFF") {
		text = "   " + text[len("\uFEFF"):]
	}
	text, bad := sqltext.UpSections(text)
	if bad > 0 {
		l := strings.Split(text, "\n")[bad-1]
		return "", &Error{File: name, Line: bad, Err: fmt.Errorf("%q reads like the start of a down migration of a tool tenantq does not know; put down migrations in files of their own (name.down.sql) or mark sections as goose does (-- +goose Up / -- +goose Down)", strings.TrimSpace(l))}
	}
	// psql's meta-commands, read as psql reads them: only outside literals and comments.
	script := sqltext.Psql(text)
	for _, m := range script.Commands {
		switch m.Name {
		case "i", "ir", "include", "include_relative", "gexec":
			line, col := lineCol(text, m.Offset)
			return "", &Error{File: name, Line: line, Column: col, Err: fmt.Errorf("\\%s runs SQL the schema reader does not read; list the file it runs under schema in tenantq.yaml, or write its DDL out", m.Name)}
		}
	}
	return script.SQL, nil
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
	return sqltext.LineCol(text, off)
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
	s.forgetNames()
	for _, c := range s.tables {
		if partitionParent(c) == t {
			s.materialize(c)
		}
		c.parents = slices.DeleteFunc(c.parents, func(p *table) bool { return p == t })
	}
	s.dropReferencing(t, func(*fkey) bool { return true })
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
	if len(t.keys) > 0 || len(t.fks) > 0 {
		s.forgetNames() // a table renamed or moved with its keys
	} else {
		s.useName(t.key.schema, t.key.name, true, false)
	}
}

func addColumn(cols []string, name string) []string {
	if name == "" || slices.Contains(cols, name) {
		return cols
	}
	return append(cols, name)
}

// setType records col's type, or forgets it when typ is "" (not known).
func setType(t *table, col, typ string) {
	if typ == "" {
		delete(t.types, col)
		return
	}
	if t.types == nil {
		t.types = make(map[string]string)
	}
	t.types[col] = typ
}

// builtinTypes spells the types the grammar names in pg_catalog as SQL writes them.
var builtinTypes = map[string]string{
	"int2": "smallint", "int4": "integer", "int8": "bigint", "bool": "boolean",
	"float4": "real", "float8": "double precision", "varchar": "varchar", "bpchar": "bpchar",
	"numeric": "numeric", "timestamp": "timestamp", "timestamptz": "timestamptz", "time": "time",
	"timetz": "timetz", "interval": "interval", "bit": "bit", "varbit": "varbit",
}

// serialTypes are the pseudo-types of serial columns, which imply NOT NULL, and the types
// they create.
var serialTypes = map[string]string{
	"serial": "integer", "serial4": "integer", "bigserial": "bigint", "serial8": "bigint",
	"smallserial": "smallint", "serial2": "smallint",
}

// typeName spells a column's type without its modifiers, as a cast can take it: "bigint",
// "uuid", "app.tenant_key". Modifiers are left out on purpose: a cast to varchar(8) would
// cut a longer value to a prefix that then compares equal. Arrays, %TYPE references and
// SETOF give "", not known.
func typeName(tn *pg_query.TypeName) string {
	if tn == nil || len(tn.GetArrayBounds()) > 0 || tn.GetPctType() || tn.GetSetof() {
		return ""
	}
	var parts []string
	for _, n := range tn.GetNames() {
		parts = append(parts, n.GetString_().GetSval())
	}
	if len(parts) == 2 && parts[0] == "pg_catalog" {
		if b, ok := builtinTypes[parts[1]]; ok {
			return b
		}
	}
	if len(parts) == 1 {
		if t, ok := serialTypes[parts[0]]; ok {
			return t
		}
	}
	for i, p := range parts {
		if p == "" {
			return ""
		}
		parts[i] = sqlcheck.QuoteIdent(p)
	}
	return strings.Join(parts, ".")
}

func isTableType(t pg_query.ObjectType) bool {
	return t == pg_query.ObjectType_OBJECT_TABLE || t == pg_query.ObjectType_OBJECT_FOREIGN_TABLE
}

// statement applies one parsed statement. Its error says why PostgreSQL would refuse the
// statement or why the reader cannot know its effect on keys.
func (s *schema) statement(n *pg_query.Node) error {
	switch x := n.GetNode().(type) {
	case *pg_query.Node_CreateStmt:
		return s.create(x.CreateStmt)
	case *pg_query.Node_CreateForeignTableStmt:
		return s.create(x.CreateForeignTableStmt.GetBaseStmt())
	case *pg_query.Node_IndexStmt:
		s.createIndex(x.IndexStmt)
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
			return s.alter(x.AlterTableStmt)
		}
	case *pg_query.Node_RenameStmt:
		s.rename(x.RenameStmt)
	case *pg_query.Node_AlterObjectSchemaStmt:
		st := x.AlterObjectSchemaStmt
		if isTableType(st.GetObjectType()) && st.GetNewschema() != "" {
			if t := s.lookupRange(st.GetRelation()); t != nil {
				delete(s.tables, t.key)
				s.forgetNames()
				t.key.schema = st.GetNewschema()
				s.insert(t)
			}
		}
	case *pg_query.Node_DropStmt:
		st := x.DropStmt
		if st.GetRemoveType() == pg_query.ObjectType_OBJECT_INDEX {
			s.dropIndexes(st)
		}
		if !isTableType(st.GetRemoveType()) {
			return nil
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
	return nil
}

// create applies CREATE TABLE.
func (s *schema) create(st *pg_query.CreateStmt) error {
	rv := st.GetRelation()
	if rv.GetRelname() == "" || rv.GetRelpersistence() == "t" {
		return nil
	}
	if old := s.lookupRange(rv); old != nil {
		if st.GetIfNotExists() {
			return nil
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
			setType(t, c, p.types[c])
		}
		setNotNull(t, p.notNull...)
	}
	var keys []*ukey
	var fks []*pendingFK
	constraint := func(col string, c *pg_query.Constraint) {
		k, fk := s.tableConstraint(t, col, c)
		if k != nil {
			keys = append(keys, k)
		}
		if fk != nil {
			fks = append(fks, fk)
		}
	}
	for _, n := range st.GetTableElts() {
		switch e := n.GetNode().(type) {
		case *pg_query.Node_ColumnDef:
			d := e.ColumnDef
			t.columns = addColumn(t.columns, d.GetColname())
			setType(t, d.GetColname(), typeName(d.GetTypeName()))
			if columnNotNull(d) {
				setNotNull(t, d.GetColname())
			}
			for _, c := range d.GetConstraints() {
				constraint(d.GetColname(), c.GetConstraint())
			}
		case *pg_query.Node_Constraint:
			constraint("", e.Constraint)
		case *pg_query.Node_TableLikeClause:
			like := s.lookupRange(e.TableLikeClause.GetRelation())
			if like == nil {
				complete = false
				continue
			}
			for _, c := range like.columns {
				t.columns = addColumn(t.columns, c)
				setType(t, c, like.types[c])
			}
			notNull, likeKeys := s.likeKeys(like, e.TableLikeClause.GetOptions())
			setNotNull(t, notNull...)
			keys = append(keys, likeKeys...)
		}
	}
	if !complete {
		return nil
	}
	s.insert(t)
	s.addKeys(t, keys)
	for _, fk := range fks {
		if err := s.addForeignKey(fk); err != nil {
			return err
		}
	}
	return nil
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

// alter applies the subcommands of ALTER TABLE that change columns, keys or inheritance.
// Foreign keys are added after the subcommands, as PostgreSQL adds them.
func (s *schema) alter(st *pg_query.AlterTableStmt) error {
	t := s.lookupRange(st.GetRelation())
	if t == nil {
		return nil
	}
	recurse := st.GetRelation().GetInh()
	var fks []*pendingFK
	for _, n := range st.GetCmds() {
		cmd := n.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case pg_query.AlterTableType_AT_AddColumn:
			d := cmd.GetDef().GetColumnDef()
			name := d.GetColname()
			if name == "" || slices.Contains(t.columns, name) {
				continue // ADD COLUMN IF NOT EXISTS of a column t has: nothing happens
			}
			for _, m := range s.family(t, recurse) {
				m.columns = addColumn(m.columns, name)
				setType(m, name, typeName(d.GetTypeName()))
			}
			var keys []*ukey
			for _, c := range d.GetConstraints() {
				k, fk := s.tableConstraint(t, name, c.GetConstraint())
				if k != nil {
					keys = append(keys, k)
				}
				if fk != nil {
					fks = append(fks, fk)
				}
			}
			if columnNotNull(d) || slices.Contains(t.notNull, name) {
				for _, m := range s.family(t, recurse) {
					setNotNull(m, name)
				}
			}
			s.addKeys(t, keys)
		case pg_query.AlterTableType_AT_DropColumn:
			for _, m := range s.family(t, recurse) {
				if slices.Contains(m.columns, cmd.GetName()) {
					m.dropped = append(m.dropped, sqlcheck.DroppedColumn{Name: cmd.GetName(), Where: s.where})
					s.dropColumnKeys(m, cmd.GetName())
				}
				m.columns = slices.DeleteFunc(m.columns, func(c string) bool { return c == cmd.GetName() })
				delete(m.types, cmd.GetName())
			}
		case pg_query.AlterTableType_AT_AlterColumnType:
			if slices.Contains(t.columns, cmd.GetName()) {
				for _, m := range s.family(t, recurse) {
					setType(m, cmd.GetName(), typeName(cmd.GetDef().GetColumnDef().GetTypeName()))
				}
			}
		case pg_query.AlterTableType_AT_AddConstraint, pg_query.AlterTableType_AT_AddIndexConstraint:
			c := cmd.GetDef().GetConstraint()
			if c.GetIndexname() != "" {
				if err := s.addIndexConstraint(t, c); err != nil {
					return err
				}
				continue
			}
			k, fk := s.tableConstraint(t, "", c)
			if k != nil {
				s.addKeys(t, []*ukey{k})
			}
			if fk != nil {
				fks = append(fks, fk)
			}
		case pg_query.AlterTableType_AT_DropConstraint:
			s.dropConstraint(t, cmd.GetName())
		case pg_query.AlterTableType_AT_SetNotNull:
			if slices.Contains(t.columns, cmd.GetName()) {
				for _, m := range s.family(t, recurse) {
					setNotNull(m, cmd.GetName())
				}
			}
		case pg_query.AlterTableType_AT_DropNotNull:
			if slices.Contains(primaryKey(t), cmd.GetName()) {
				continue // PostgreSQL refuses it
			}
			for _, m := range s.family(t, recurse) {
				m.notNull = slices.DeleteFunc(m.notNull, func(c string) bool { return c == cmd.GetName() })
			}
		case pg_query.AlterTableType_AT_AttachPartition:
			if c := s.lookupRange(cmd.GetDef().GetPartitionCmd().GetName()); c != nil && c != t {
				if p := partitionParent(c); p != nil {
					s.materialize(c) // attached elsewhere already: PostgreSQL refuses; keep what it had
				}
				c.parents, c.partition = []*table{t}, true
				setNotNull(c, t.notNull...)
			}
		case pg_query.AlterTableType_AT_DetachPartition:
			if c := s.lookupRange(cmd.GetDef().GetPartitionCmd().GetName()); c != nil {
				if partitionParent(c) == t {
					s.materialize(c)
				}
				c.parents = slices.DeleteFunc(c.parents, func(p *table) bool { return p == t })
				c.partition = false
			}
		case pg_query.AlterTableType_AT_AddInherit:
			if p := s.lookupRange(cmd.GetDef().GetRangeVar()); p != nil && p != t && !slices.Contains(t.parents, p) {
				t.parents = append(t.parents, p)
				setNotNull(t, p.notNull...)
			}
		case pg_query.AlterTableType_AT_DropInherit:
			if p := s.lookupRange(cmd.GetDef().GetRangeVar()); p != nil {
				t.parents = slices.DeleteFunc(t.parents, func(q *table) bool { return q == p })
			}
		}
	}
	for _, fk := range fks {
		if err := s.addForeignKey(fk); err != nil {
			return err
		}
	}
	return nil
}

// rename applies ALTER TABLE ... RENAME TO, RENAME COLUMN and RENAME CONSTRAINT, and
// ALTER INDEX ... RENAME TO.
func (s *schema) rename(st *pg_query.RenameStmt) {
	if st.GetNewname() == "" {
		return
	}
	switch {
	case st.GetRenameType() == pg_query.ObjectType_OBJECT_TABCONSTRAINT:
		if t := s.lookupRange(st.GetRelation()); t != nil {
			s.renameConstraint(t, st.GetSubname(), st.GetNewname())
		}
	case st.GetRenameType() == pg_query.ObjectType_OBJECT_INDEX:
		rv := st.GetRelation()
		if t, _ := s.findKey(rv.GetSchemaname(), rv.GetRelname()); t != nil {
			s.renameConstraint(t, rv.GetRelname(), st.GetNewname())
		}
	case isTableType(st.GetRenameType()):
		if t := s.lookupRange(st.GetRelation()); t != nil {
			delete(s.tables, t.key)
			s.forgetNames()
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
				m.dropped = append(m.dropped, sqlcheck.DroppedColumn{Name: st.GetSubname(), Where: s.where})
				s.renameColumnKeys(m, st.GetSubname(), st.GetNewname())
				m.columns = slices.Delete(m.columns, i, i+1)
				if !slices.Contains(m.columns, st.GetNewname()) {
					m.columns = slices.Insert(m.columns, i, st.GetNewname())
				}
				typ := m.types[st.GetSubname()]
				delete(m.types, st.GetSubname())
				setType(m, st.GetNewname(), typ)
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
		name, strength, sure := sqltext.FigureColname(rt.GetVal())
		if !sure {
			return nil, false // a name PostgreSQL may give that this reader cannot tell: fail closed
		}
		if strength > 0 {
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

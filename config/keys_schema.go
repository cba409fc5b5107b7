package config

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/sqlcheck"
)

// Keys from the schema: primary keys, UNIQUE constraints, unique indexes, NOT NULL and foreign
// keys, followed in migration order through renames and drops as PostgreSQL follows them.
//
// What the reader models, and what it leaves out:
//
//   - Unique keys are PRIMARY KEY and UNIQUE constraints (column or table constraints, NULLS
//     NOT DISTINCT included, added by CREATE TABLE or ALTER TABLE, USING INDEX too) and unique
//     indexes that are non-partial, on plain columns without a collation or operator class,
//     and not created ON ONLY a partitioned table that has partitions (ALTER INDEX ATTACH
//     PARTITION, which makes such an index valid, is not followed). Other unique indexes are
//     left out: a key the reader misses pins less, it never pins more.
//   - NOT NULL comes from column constraints, serial and identity columns, primary keys, SET and
//     DROP NOT NULL, and is copied by LIKE and to inheritance children and partitions.
//   - A partition has the unique keys and foreign keys of its partitioned parent, as long as it
//     is attached; DETACH leaves it copies of them, as PostgreSQL does. Plain inheritance
//     children inherit NOT NULL only, as in PostgreSQL.
//   - LIKE ... INCLUDING INDEXES (or ALL) copies the unique keys; LIKE never copies foreign keys.
//   - Generated names follow PostgreSQL's ChooseConstraintName and ChooseRelationName
//     (truncation to 63 bytes, a number appended on a clash). The names a clash is checked
//     against are the tables, the keys and the foreign keys the reader knows: sequences, views,
//     other indexes and CHECK constraints are not tracked, so a clash with one of those is not
//     seen. Only foreign key names reach the result; key names serve DROP and RENAME.
//   - NOT VALID foreign keys are kept: PostgreSQL enforces them on new rows, and
//     [sqlcheck.ForeignKey] has no field to say that old rows were not checked.
//   - DEFERRABLE keys are kept: they hold at every commit.
//   - Statements PostgreSQL would refuse are mostly applied leniently (dropping a referenced
//     key or table without CASCADE drops the referencing foreign keys as CASCADE would; a key
//     on a missing column, or a second primary key, is left out), except where the result
//     would be wrong: a foreign key whose columns cannot be known or do not exist is an error.
//   - Tables given to [ParseSchema] as [sqlcheck.Table] values bring their keys without names
//     and without saying which is the primary key (the first key need not be one), so a later
//     REFERENCES naming no columns cannot resolve against them and is an error.
//   - The subcommands of one ALTER TABLE are applied in the order written, foreign keys last;
//     PostgreSQL runs drops before adds, which matters only for the numbering of names.
//   - Names longer than 63 bytes are truncated only where the reader generates them; table and
//     column names are kept as written, as elsewhere in the reader.

// namedatalen is PostgreSQL's NAMEDATALEN: identifiers are at most namedatalen-1 bytes.
const namedatalen = 64

// ukey is a unique key of a table: a PRIMARY KEY or UNIQUE constraint, or a unique index.
type ukey struct {
	name    string // constraint or index name; "" when read from a [sqlcheck.Table]
	cols    []string
	primary bool
	index   bool // a unique index that backs no constraint
}

// fkey is a FOREIGN KEY constraint.
type fkey struct {
	name               string
	cols               []string
	ref                *table   // the referenced table, nil when the reader does not know it
	refKey             tableKey // the referenced table as written, when ref is nil
	refCols            []string
	onDelete, onUpdate string
	where              string
}

func (k *ukey) clone() *ukey {
	c := *k
	c.cols = slices.Clone(k.cols)
	return &c
}

func (f *fkey) clone() *fkey {
	c := *f
	c.cols, c.refCols = slices.Clone(f.cols), slices.Clone(f.refCols)
	return &c
}

// sameSchema reports whether two schema names, as written, name the same schema: "" is public.
func sameSchema(a, b string) bool {
	if a == "" {
		a = "public"
	}
	if b == "" {
		b = "public"
	}
	return a == b
}

// partitionParent returns the partitioned table t is attached to, or nil.
func partitionParent(t *table) *table {
	if t.partition && len(t.parents) > 0 {
		return t.parents[0]
	}
	return nil
}

// allKeys returns t's unique keys with those it has as a partition of its parent (at any
// depth), primary key first.
func allKeys(t *table) []*ukey {
	var own, inherited []*ukey
	seen := map[*table]bool{}
	for m := t; m != nil && !seen[m]; m = partitionParent(m) {
		seen[m] = true
		if m == t {
			own = append(own, m.keys...)
		} else {
			inherited = append(inherited, m.keys...)
		}
	}
	all := append(own, inherited...)
	slices.SortStableFunc(all, primaryFirst)
	return all
}

// allForeignKeys returns t's foreign keys with those it has as a partition of its parent.
func allForeignKeys(t *table) []*fkey {
	var out []*fkey
	seen := map[*table]bool{}
	for m := t; m != nil && !seen[m]; m = partitionParent(m) {
		seen[m] = true
		out = append(out, m.fks...)
	}
	return out
}

// primaryKey returns the columns of t's primary key, or nil.
func primaryKey(t *table) []string {
	for _, k := range allKeys(t) {
		if k.primary {
			return k.cols
		}
	}
	return nil
}

// keysResult returns what a table's keys contribute to its [sqlcheck.Table].
func (s *schema) keysResult(t *table, out *sqlcheck.Table) {
	for _, c := range t.columns {
		if slices.Contains(t.notNull, c) {
			out.NotNull = append(out.NotNull, c)
		}
	}
	for _, k := range allKeys(t) {
		if !slices.ContainsFunc(out.Unique, func(u []string) bool { return slices.Equal(u, k.cols) }) {
			out.Unique = append(out.Unique, slices.Clone(k.cols))
		}
	}
	for _, f := range allForeignKeys(t) {
		ref := f.refKey
		if f.ref != nil {
			ref = f.ref.key
		}
		out.ForeignKeys = append(out.ForeignKeys, sqlcheck.ForeignKey{
			Name: f.name, Columns: slices.Clone(f.cols),
			RefSchema: ref.schema, RefTable: ref.name, RefColumns: slices.Clone(f.refCols),
			OnDelete: f.onDelete, OnUpdate: f.onUpdate, Where: f.where,
		})
	}
}

// loadKeys fills the keys of tables read from [sqlcheck.Table] values, once all are known.
func (s *schema) loadKeys(tables []sqlcheck.Table) {
	for _, in := range tables {
		t := s.tables[tableKey{in.Schema, in.Name}]
		if t == nil {
			continue
		}
		t.notNull = slices.Clone(in.NotNull)
		for _, u := range in.Unique {
			t.keys = append(t.keys, &ukey{cols: slices.Clone(u)})
		}
		for _, f := range in.ForeignKeys {
			fk := &fkey{name: f.Name, cols: slices.Clone(f.Columns), refCols: slices.Clone(f.RefColumns),
				onDelete: f.OnDelete, onUpdate: f.OnUpdate, where: f.Where}
			if fk.ref = s.lookup(f.RefSchema, f.RefTable); fk.ref == nil {
				fk.refKey = tableKey{f.RefSchema, f.RefTable}
			}
			t.fks = append(t.fks, fk)
		}
	}
}

// makeObjectName builds name1_name2_label as PostgreSQL's makeObjectName does: the names
// are shortened, the longer first, until the whole fits in an identifier.
func makeObjectName(name1, name2, label string) string {
	overhead := 0
	if label != "" {
		overhead += len(label) + 1
	}
	if name2 != "" {
		overhead++
	}
	avail := namedatalen - 1 - overhead
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	name := clip(name1, n1)
	if name2 != "" {
		name += "_" + clip(name2, n2)
	}
	if label != "" {
		name += "_" + label
	}
	return name
}

// clip cuts s to at most n bytes without splitting a UTF-8 character (pg_mbcliplen).
func clip(s string, n int) string {
	if n >= len(s) {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// usedNames are the relation names (tables and the indexes of keys) and the constraint
// names (keys and foreign keys) of one schema, for choosing names. The schema keeps them as a
// cache, built when first needed, kept up to date as names are added and dropped when one
// goes away, so that reading n tables does not scan all tables for each name.
type usedNames struct{ rel, con map[string]bool }

// schemaKey folds "" into public, as names resolve.
func schemaKey(name string) string {
	if name == "" {
		return "public"
	}
	return name
}

// namesIn returns the names used in a schema, building the cache when it is not there.
func (s *schema) namesIn(schemaName string) *usedNames {
	if s.names == nil {
		s.names = map[string]*usedNames{}
		for _, t := range s.tables {
			s.useName(t.key.schema, t.key.name, true, false)
			for _, k := range t.keys {
				s.useName(t.key.schema, k.name, true, !k.index)
			}
			for _, f := range t.fks {
				s.useName(t.key.schema, f.name, false, true)
			}
		}
	}
	u := s.names[schemaKey(schemaName)]
	if u == nil {
		u = &usedNames{rel: map[string]bool{}, con: map[string]bool{}}
		s.names[schemaKey(schemaName)] = u
	}
	return u
}

// useName records a name as used, when the cache is built.
func (s *schema) useName(schemaName, name string, relation, constraint bool) {
	if s.names == nil || name == "" {
		return
	}
	u := s.namesIn(schemaName)
	if relation {
		u.rel[name] = true
	}
	if constraint {
		u.con[name] = true
	}
}

// forgetNames drops the cache, after a name went away or moved.
func (s *schema) forgetNames() { s.names = nil }

// constraintNameUsed reports whether a constraint of that name exists in the schema.
func (s *schema) constraintNameUsed(schemaName, name string) bool {
	return s.namesIn(schemaName).con[name]
}

// relationNameUsed reports whether a table or index of that name exists in the schema.
func (s *schema) relationNameUsed(schemaName, name string) bool {
	return s.namesIn(schemaName).rel[name]
}

// chooseName returns name1_name2_label, or with a number after label, whichever is first
// unused (PostgreSQL's ChooseConstraintName when relation is false, ChooseRelationName for
// a constraint's index otherwise).
func (s *schema) chooseName(schemaName, name1, name2, label string, relation bool) string {
	for pass := 0; ; pass++ {
		l := label
		if pass > 0 {
			l += strconv.Itoa(pass)
		}
		name := makeObjectName(name1, name2, l)
		used := s.constraintNameUsed(schemaName, name)
		if relation {
			used = used || s.relationNameUsed(schemaName, name)
		}
		if !used || pass > 1000 {
			return name
		}
	}
}

// keyName returns the name PostgreSQL gives an unnamed key of t on cols.
func (s *schema) keyName(t *table, cols []string, primary, index bool) string {
	switch {
	case primary:
		return s.chooseName(t.key.schema, t.key.name, "", "pkey", true)
	case index:
		return s.chooseName(t.key.schema, t.key.name, strings.Join(cols, "_"), "idx", true)
	}
	return s.chooseName(t.key.schema, t.key.name, strings.Join(cols, "_"), "key", true)
}

func names(nodes []*pg_query.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// setNotNull marks cols NOT NULL in t.
func setNotNull(t *table, cols ...string) {
	for _, c := range cols {
		if c != "" && !slices.Contains(t.notNull, c) {
			t.notNull = append(t.notNull, c)
		}
	}
}

// addKey adds a unique key to t, unless it holds a column t does not have (PostgreSQL
// refuses it) or is the same as a key the same statement declared (PostgreSQL keeps one).
func (s *schema) addKey(t *table, k *ukey) {
	if len(k.cols) == 0 {
		return
	}
	for _, c := range k.cols {
		if !slices.Contains(t.columns, c) {
			return
		}
	}
	if k.name == "" {
		k.name = s.keyName(t, k.cols, k.primary, k.index)
	}
	if k.primary {
		if primaryKey(t) != nil {
			return // PostgreSQL refuses a second primary key
		}
		setNotNull(t, k.cols...)
		t.keys = slices.Insert(t.keys, 0, k)
	} else {
		t.keys = append(t.keys, k)
	}
	s.useName(t.key.schema, k.name, true, !k.index)
}

// pendingFK is a foreign key of a statement, added once the statement's keys are in place.
type pendingFK struct {
	t    *table
	c    *pg_query.Constraint
	cols []string
}

// tableConstraint records a constraint of CREATE TABLE or ALTER TABLE ADD CONSTRAINT on t;
// col is the column of a column constraint, "" for a table constraint. Unique keys are added
// at once (in the order PostgreSQL names them: see createKeys), foreign keys are returned
// to be added after.
func (s *schema) tableConstraint(t *table, col string, c *pg_query.Constraint) (*ukey, *pendingFK) {
	cols := names(c.GetKeys())
	if col != "" {
		cols = []string{col}
	}
	switch c.GetContype() {
	case pg_query.ConstrType_CONSTR_NOTNULL:
		setNotNull(t, col)
	case pg_query.ConstrType_CONSTR_IDENTITY:
		setNotNull(t, col)
	case pg_query.ConstrType_CONSTR_PRIMARY, pg_query.ConstrType_CONSTR_UNIQUE:
		return &ukey{name: c.GetConname(), cols: cols, primary: c.GetContype() == pg_query.ConstrType_CONSTR_PRIMARY}, nil
	case pg_query.ConstrType_CONSTR_FOREIGN:
		fk := names(c.GetFkAttrs())
		if col != "" {
			fk = []string{col}
		}
		return nil, &pendingFK{t: t, c: c, cols: fk}
	}
	return nil, nil
}

// addKeys adds the unique keys one statement declares: the primary key first, then the
// others in order, leaving out one the same as an earlier one (transformIndexConstraints).
func (s *schema) addKeys(t *table, keys []*ukey) {
	slices.SortStableFunc(keys, primaryFirst)
	var kept []*ukey
	for _, k := range keys {
		if slices.ContainsFunc(kept, func(p *ukey) bool {
			return slices.Equal(p.cols, k.cols) && (p.name == "" || k.name == "" || p.name == k.name)
		}) {
			continue
		}
		kept = append(kept, k)
		s.addKey(t, k)
	}
}

// action spells a referential action as SQL does, in lower case.
func action(a string) string {
	switch a {
	case "r":
		return "restrict"
	case "c":
		return "cascade"
	case "n":
		return "set null"
	case "d":
		return "set default"
	}
	return "no action"
}

// addForeignKey adds a FOREIGN KEY constraint to p.t. A constraint that omits the referenced
// columns references the primary key the referenced table has now; without one it is an
// error, as in PostgreSQL.
func (s *schema) addForeignKey(p *pendingFK) error {
	c, t := p.c, p.t
	rv := c.GetPktable()
	if rv.GetRelname() == "" {
		return nil
	}
	fk := &fkey{name: c.GetConname(), cols: p.cols, refCols: names(c.GetPkAttrs()),
		onDelete: action(c.GetFkDelAction()), onUpdate: action(c.GetFkUpdAction()), where: s.where}
	fk.ref = s.lookupRange(rv)
	if fk.ref == nil {
		fk.refKey = tableKey{rv.GetSchemaname(), rv.GetRelname()}
	}
	if len(fk.refCols) == 0 {
		if fk.ref == nil {
			return fmt.Errorf("the foreign key on %q references %q without naming its columns, and the schema reader does not know that table's primary key; name the referenced columns", t.key.name, rv.GetRelname())
		}
		if fk.refCols = slices.Clone(primaryKey(fk.ref)); fk.refCols == nil {
			return fmt.Errorf("the foreign key on %q references %q, which has no primary key here, so PostgreSQL refuses it; name the referenced columns, or add the primary key first", t.key.name, rv.GetRelname())
		}
	}
	if len(fk.cols) != len(fk.refCols) {
		return fmt.Errorf("the foreign key on %q has %d columns but references %d of %q, so PostgreSQL refuses it", t.key.name, len(fk.cols), len(fk.refCols), rv.GetRelname())
	}
	for _, col := range fk.cols {
		if !slices.Contains(t.columns, col) {
			return fmt.Errorf("the foreign key on %q names the column %q, which %q does not have, so PostgreSQL refuses it", t.key.name, col, t.key.name)
		}
	}
	for _, col := range fk.refCols {
		if fk.ref != nil && !slices.Contains(fk.ref.columns, col) {
			return fmt.Errorf("the foreign key on %q references the column %q, which %q does not have, so PostgreSQL refuses it", t.key.name, col, fk.ref.key.name)
		}
	}
	if fk.name == "" {
		fk.name = s.chooseName(t.key.schema, t.key.name, strings.Join(fk.cols, "_"), "fkey", false)
	}
	t.fks = append(t.fks, fk)
	s.useName(t.key.schema, fk.name, false, true)
	return nil
}

// createIndex applies CREATE UNIQUE INDEX.
func (s *schema) createIndex(st *pg_query.IndexStmt) {
	if !st.GetUnique() {
		return
	}
	t := s.lookupRange(st.GetRelation())
	if t == nil {
		return
	}
	if st.GetIdxname() != "" && s.relationNameUsed(t.key.schema, st.GetIdxname()) {
		return // IF NOT EXISTS, or refused
	}
	if st.GetWhereClause() != nil || !st.GetRelation().GetInh() && s.hasPartitions(t) {
		return // partial, or ON ONLY a partitioned table with partitions (invalid until theirs attach)
	}
	var cols []string
	for _, n := range st.GetIndexParams() {
		e := n.GetIndexElem()
		if e.GetName() == "" || e.GetExpr() != nil || len(e.GetCollation()) > 0 || len(e.GetOpclass()) > 0 {
			return // an expression, or an equality other than the column type's
		}
		cols = append(cols, e.GetName())
	}
	s.addKey(t, &ukey{name: st.GetIdxname(), cols: cols, index: true})
}

// hasPartitions reports whether a table is attached as a partition of t. PostgreSQL makes a
// unique index created ON ONLY t valid, so a key, when t has none (pg_dump writes every index
// of a partitioned table so), and invalid otherwise.
func (s *schema) hasPartitions(t *table) bool {
	for _, c := range s.tables {
		if partitionParent(c) == t {
			return true
		}
	}
	return false
}

// findKey returns the table holding the unique key or index named name in the schema.
func (s *schema) findKey(schemaName, name string) (*table, *ukey) {
	for _, t := range s.tables {
		if !sameSchema(t.key.schema, schemaName) {
			continue
		}
		for _, k := range t.keys {
			if k.name == name {
				return t, k
			}
		}
	}
	return nil, nil
}

// dropKey removes k from t, and the foreign keys that reference t through it (PostgreSQL
// asks for CASCADE and then drops them).
func (s *schema) dropKey(t *table, k *ukey) {
	s.forgetNames()
	t.keys = slices.DeleteFunc(t.keys, func(x *ukey) bool { return x == k })
	set := slices.Sorted(slices.Values(k.cols))
	for _, other := range allKeys(t) {
		if slices.Equal(slices.Sorted(slices.Values(other.cols)), set) {
			return // another key still backs them
		}
	}
	s.dropReferencing(t, func(f *fkey) bool {
		return slices.Equal(slices.Sorted(slices.Values(f.refCols)), set)
	})
}

// dropReferencing removes the foreign keys that reference t and match.
func (s *schema) dropReferencing(t *table, match func(*fkey) bool) {
	s.forgetNames()
	for _, o := range s.tables {
		o.fks = slices.DeleteFunc(o.fks, func(f *fkey) bool { return f.ref == t && match(f) })
	}
}

// dropIndexes applies DROP INDEX.
func (s *schema) dropIndexes(st *pg_query.DropStmt) {
	for _, n := range indexNames(st) {
		if t, k := s.findKey(n[0], n[1]); t != nil && k.index {
			s.dropKey(t, k)
		}
	}
}

// dropConstraint applies ALTER TABLE ... DROP CONSTRAINT on t.
func (s *schema) dropConstraint(t *table, name string) {
	s.forgetNames()
	if i := slices.IndexFunc(t.keys, func(k *ukey) bool { return !k.index && k.name == name }); i >= 0 {
		s.dropKey(t, t.keys[i])
		return
	}
	t.fks = slices.DeleteFunc(t.fks, func(f *fkey) bool { return f.name == name })
}

// renameConstraint applies ALTER TABLE ... RENAME CONSTRAINT, and ALTER INDEX ... RENAME
// when index is set: renaming a constraint's index renames the constraint, and back.
func (s *schema) renameConstraint(t *table, old, name string) {
	s.forgetNames()
	for _, k := range t.keys {
		if k.name == old {
			k.name = name
			return
		}
	}
	for _, f := range t.fks {
		if f.name == old {
			f.name = name
			return
		}
	}
}

// addIndexConstraint applies ADD CONSTRAINT ... PRIMARY KEY or UNIQUE USING INDEX.
func (s *schema) addIndexConstraint(t *table, c *pg_query.Constraint) error {
	i := slices.IndexFunc(t.keys, func(k *ukey) bool { return k.index && k.name == c.GetIndexname() })
	if i < 0 {
		return fmt.Errorf("the constraint on %q uses the index %q, which the schema reader does not know as a unique index on plain columns of that table; create the index in the schema files", t.key.name, c.GetIndexname())
	}
	s.forgetNames()
	k := t.keys[i]
	k.index = false
	if c.GetConname() != "" {
		k.name = c.GetConname()
	}
	if c.GetContype() == pg_query.ConstrType_CONSTR_PRIMARY && primaryKey(t) == nil {
		k.primary = true
		setNotNull(t, k.cols...)
		t.keys = append([]*ukey{k}, slices.Delete(t.keys, i, i+1)...)
	}
	return nil
}

// renameColumnKeys renames a column of m in its keys and foreign keys, and in the foreign
// keys of every table that references m.
func (s *schema) renameColumnKeys(m *table, old, name string) {
	rename := func(cols []string) {
		for i, c := range cols {
			if c == old {
				cols[i] = name
			}
		}
	}
	rename(m.notNull)
	for _, k := range m.keys {
		rename(k.cols)
	}
	for _, f := range m.fks {
		rename(f.cols)
	}
	for _, o := range s.tables {
		for _, f := range o.fks {
			if f.ref == m {
				rename(f.refCols)
			}
		}
	}
}

// dropColumnKeys drops the keys and foreign keys of m that hold a dropped column, and the
// foreign keys of other tables that reference it (PostgreSQL drops them under CASCADE).
func (s *schema) dropColumnKeys(m *table, col string) {
	m.notNull = slices.DeleteFunc(m.notNull, func(c string) bool { return c == col })
	m.keys = slices.DeleteFunc(m.keys, func(k *ukey) bool { return slices.Contains(k.cols, col) })
	m.fks = slices.DeleteFunc(m.fks, func(f *fkey) bool { return slices.Contains(f.cols, col) })
	s.dropReferencing(m, func(f *fkey) bool { return slices.Contains(f.refCols, col) })
}

// materialize gives a partition that leaves its parent (and stops being a partition)
// copies of the keys it had through
// it, named as PostgreSQL names the partition's own indexes.
func (s *schema) materialize(c *table) {
	p := partitionParent(c)
	if p == nil {
		return
	}
	keys, fks := allKeys(p), allForeignKeys(p)
	c.partition = false // the caller detaches it
	for _, k := range keys {
		k := k.clone()
		k.name = ""
		s.addKey(c, k)
	}
	for _, f := range fks {
		c.fks = append(c.fks, f.clone())
		s.useName(c.key.schema, f.name, false, true)
	}
}

// likeKeys copies what CREATE TABLE ... (LIKE src) copies of keys: NOT NULL always, and
// the unique keys with INCLUDING INDEXES.
func (s *schema) likeKeys(src *table, options uint32) (notNull []string, keys []*ukey) {
	notNull = slices.Clone(src.notNull)
	const indexes, all = 1 << 6, 0x7FFFFFFF // CREATE_TABLE_LIKE_INDEXES, CREATE_TABLE_LIKE_ALL
	if options&indexes != 0 || options == all {
		for _, k := range allKeys(src) {
			k := k.clone()
			k.name = ""
			keys = append(keys, k)
		}
	}
	return notNull, keys
}

// columnNotNull reports whether a column definition's type makes it NOT NULL.
func columnNotNull(d *pg_query.ColumnDef) bool {
	n := d.GetTypeName().GetNames()
	if d.GetIsNotNull() {
		return true
	}
	if len(n) != 1 || len(d.GetTypeName().GetArrayBounds()) > 0 {
		return false
	}
	_, serial := serialTypes[n[0].GetString_().GetSval()]
	return serial
}

var errKeyDDL = errors.New("removes or renames a key, a foreign key or NOT NULL inside procedural code, which may or may not have run")

// hasConstraint reports whether t has a key or foreign key of that name.
func (s *schema) hasConstraint(t *table, name string) bool {
	return slices.ContainsFunc(t.keys, func(k *ukey) bool { return k.name == name }) ||
		slices.ContainsFunc(t.fks, func(f *fkey) bool { return f.name == name })
}

// primaryFirst orders a primary key before the other unique keys, keeping their order.
func primaryFirst(a, b *ukey) int {
	switch {
	case a.primary == b.primary:
		return 0
	case a.primary:
		return -1
	}
	return 1
}

// indexNames returns the schema and name of each index a DROP INDEX names.
func indexNames(st *pg_query.DropStmt) [][2]string {
	var out [][2]string
	for _, obj := range st.GetObjects() {
		parts := names(obj.GetList().GetItems())
		if len(parts) == 0 {
			continue
		}
		schemaName := ""
		if len(parts) > 1 {
			schemaName = parts[len(parts)-2]
		}
		out = append(out, [2]string{schemaName, parts[len(parts)-1]})
	}
	return out
}

package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/sqlcheck"
)

// The keys of a table, as the schema reader follows them through migrations: NOT NULL, unique
// keys (PRIMARY KEY, UNIQUE, and unique indexes that are not partial and are on plain columns)
// and foreign keys. A foreign key holds its referenced table by pointer, so renaming or moving
// that table keeps it; dropping it drops the key, as DROP TABLE ... CASCADE does. Left out:
// keys that partitions and inheritance children get from their parent, and CREATE TABLE
// ... LIKE ... INCLUDING CONSTRAINTS/INDEXES; a table that relies on them has fewer keys here
// than in the database, which makes the checker stricter, never laxer.

// A uniqueKey is one unique key of a table.
type uniqueKey struct {
	name    string // constraint or index name
	cols    []string
	primary bool
	index   bool // a unique index, dropped by DROP INDEX
}

// A foreignKey is one foreign key of a table.
type foreignKey struct {
	name string
	cols []string
	// ref is the referenced table; nil until resolve finds refName, a table the schema
	// creates later (sqlc reads its schema files in any order).
	ref                *table
	refName            tableKey
	refCols            []string
	onDelete, onUpdate string
	where              string
}

// keys returns t's keys in the form sqlcheck reads.
func (t *table) keys(live func(*table) bool) (notNull []string, unique [][]string, fks []sqlcheck.ForeignKey) {
	for _, c := range t.columns {
		if t.notNull[c] {
			notNull = append(notNull, c)
		}
	}
	for _, u := range t.uniques {
		if u.primary {
			unique = append([][]string{slices.Clone(u.cols)}, unique...)
		} else {
			unique = append(unique, slices.Clone(u.cols))
		}
	}
	for _, fk := range t.fks {
		if !live(fk.ref) {
			continue
		}
		fks = append(fks, sqlcheck.ForeignKey{
			Name: fk.name, Columns: slices.Clone(fk.cols),
			RefSchema: fk.ref.key.schema, RefTable: fk.ref.key.name, RefColumns: slices.Clone(fk.refCols),
			OnDelete: fk.onDelete, OnUpdate: fk.onUpdate, Where: fk.where,
		})
	}
	return notNull, unique, fks
}

// primary returns t's primary key columns, nil when it has none.
func (t *table) primary() []string {
	for _, u := range t.uniques {
		if u.primary {
			return u.cols
		}
	}
	return nil
}

// constraint applies one column or table constraint to t. col is the column a column
// constraint belongs to, "" for a table constraint.
func (s *schema) constraint(t *table, col string, c *pg_query.Constraint) error {
	keys := names(c.GetKeys())
	if col != "" && len(keys) == 0 {
		keys = []string{col}
	}
	switch c.GetContype() {
	case pg_query.ConstrType_CONSTR_NOTNULL:
		t.setNotNull(col, true)
	case pg_query.ConstrType_CONSTR_PRIMARY, pg_query.ConstrType_CONSTR_UNIQUE:
		primary := c.GetContype() == pg_query.ConstrType_CONSTR_PRIMARY
		if c.GetIndexname() != "" { // ADD CONSTRAINT ... USING INDEX idx
			i := slices.IndexFunc(t.uniques, func(u uniqueKey) bool { return u.index && u.name == c.GetIndexname() })
			if i < 0 {
				return fmt.Errorf("constraint %q uses index %q, which is not a unique index of %q here", c.GetConname(), c.GetIndexname(), t.key.name)
			}
			keys = t.uniques[i].cols
			t.uniques = slices.Delete(t.uniques, i, i+1)
		}
		if c.GetWhereClause() != nil || len(keys) == 0 {
			return nil // a partial key, or an exclusion: not a key
		}
		name := c.GetConname()
		if name == "" {
			name = t.key.name + "_" + strings.Join(keys, "_") + "_key"
			if primary {
				name = t.key.name + "_pkey"
			}
		}
		t.uniques = append(t.uniques, uniqueKey{name: name, cols: slices.Clone(keys), primary: primary})
		if primary {
			for _, k := range keys {
				t.setNotNull(k, true)
			}
		}
	case pg_query.ConstrType_CONSTR_FOREIGN:
		cols := names(c.GetFkAttrs())
		if col != "" && len(cols) == 0 {
			cols = []string{col}
		}
		ref := s.lookupRange(c.GetPktable())
		if ref == nil && c.GetPktable().GetRelname() == t.key.name && (c.GetPktable().GetSchemaname() == "" || c.GetPktable().GetSchemaname() == t.key.schema) {
			ref = t // a self-reference in CREATE TABLE
		}
		refCols := names(c.GetPkAttrs())
		if len(refCols) == 0 && ref != nil {
			refCols = ref.primary()
			if refCols == nil {
				return fmt.Errorf("foreign key of %q references %q, which has no primary key here: name the referenced columns", t.key.name, ref.key.name)
			}
		}
		if len(refCols) != len(cols) && (ref != nil || len(refCols) > 0) {
			return fmt.Errorf("foreign key of %q has %d columns and references %d", t.key.name, len(cols), len(refCols))
		}
		name := c.GetConname()
		if name == "" {
			name = t.key.name + "_" + strings.Join(cols, "_") + "_fkey"
		}
		t.fks = append(t.fks, foreignKey{name: name, cols: cols, ref: ref, refCols: refCols,
			refName:  tableKey{c.GetPktable().GetSchemaname(), c.GetPktable().GetRelname()},
			onDelete: fkAction(c.GetFkDelAction()), onUpdate: fkAction(c.GetFkUpdAction()), where: s.where})
	}
	return nil
}

// fkAction spells a referential action as SQL does.
func fkAction(a string) string {
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

func names(nodes []*pg_query.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

func (t *table) setNotNull(col string, on bool) {
	if col == "" {
		return
	}
	if t.notNull == nil {
		t.notNull = map[string]bool{}
	}
	if on {
		t.notNull[col] = true
	} else {
		delete(t.notNull, col)
	}
}

// index applies CREATE UNIQUE INDEX: a key when it is not partial and its columns are plain.
func (s *schema) index(st *pg_query.IndexStmt) {
	t := s.lookupRange(st.GetRelation())
	if t == nil || !st.GetUnique() || st.GetWhereClause() != nil {
		return
	}
	var cols []string
	for _, p := range st.GetIndexParams() {
		e := p.GetIndexElem()
		if e.GetName() == "" || e.GetExpr() != nil {
			return // an expression
		}
		cols = append(cols, e.GetName())
	}
	name := st.GetIdxname()
	if name == "" {
		name = t.key.name + "_" + strings.Join(cols, "_") + "_idx"
	}
	if st.GetIfNotExists() && slices.ContainsFunc(t.uniques, func(u uniqueKey) bool { return u.name == name }) {
		return
	}
	t.uniques = append(t.uniques, uniqueKey{name: name, cols: cols, primary: st.GetPrimary(), index: true})
}

// dropIndexes applies DROP INDEX.
func (s *schema) dropIndexes(st *pg_query.DropStmt) {
	for _, obj := range st.GetObjects() {
		parts := names(obj.GetList().GetItems())
		if len(parts) == 0 {
			continue
		}
		name := parts[len(parts)-1]
		for _, t := range s.tables {
			t.uniques = slices.DeleteFunc(t.uniques, func(u uniqueKey) bool { return u.index && u.name == name })
		}
	}
}

// dropConstraint applies ALTER TABLE ... DROP CONSTRAINT.
func (t *table) dropConstraint(name string) {
	t.uniques = slices.DeleteFunc(t.uniques, func(u uniqueKey) bool { return !u.index && u.name == name })
	t.fks = slices.DeleteFunc(t.fks, func(f foreignKey) bool { return f.name == name })
}

// renameKeyColumn renames a column of t in its keys and in the keys that reference it.
func (s *schema) renameKeyColumn(t *table, from, to string) {
	ren := func(cols []string) {
		for i, c := range cols {
			if c == from {
				cols[i] = to
			}
		}
	}
	for i := range t.uniques {
		ren(t.uniques[i].cols)
	}
	for i := range t.fks {
		ren(t.fks[i].cols)
	}
	if t.notNull[from] {
		t.setNotNull(from, false)
		t.setNotNull(to, true)
	}
	for _, o := range s.tables {
		for i := range o.fks {
			if o.fks[i].ref == t {
				ren(o.fks[i].refCols)
			}
		}
	}
}

// dropKeyColumn drops the keys of t that hold a dropped column, and the foreign keys that
// reference it (PostgreSQL drops them with CASCADE and refuses otherwise).
func (s *schema) dropKeyColumn(t *table, col string) {
	t.setNotNull(col, false)
	t.uniques = slices.DeleteFunc(t.uniques, func(u uniqueKey) bool { return slices.Contains(u.cols, col) })
	t.fks = slices.DeleteFunc(t.fks, func(f foreignKey) bool { return slices.Contains(f.cols, col) })
	for _, o := range s.tables {
		o.fks = slices.DeleteFunc(o.fks, func(f foreignKey) bool { return f.ref == t && slices.Contains(f.refCols, col) })
	}
}

// resolve finds the tables of foreign keys that named a table before the schema created it.
// A table the schema never creates is an error: the key may make a table without a tenant
// column owned through it, and tenantq does not guess.
func (s *schema) resolve() *Error {
	for _, t := range s.tables {
		for i := range t.fks {
			fk := &t.fks[i]
			if fk.ref != nil {
				continue
			}
			fk.ref = s.lookup(fk.refName.schema, fk.refName.name)
			if fk.ref == nil {
				return whereError(fk.where, fmt.Errorf("foreign key of %q references %q, which the schema does not create: add the file that creates it to schema:", t.key.name, fk.refName.name))
			}
			if len(fk.refCols) == 0 {
				if fk.refCols = slices.Clone(fk.ref.primary()); fk.refCols == nil {
					return whereError(fk.where, fmt.Errorf("foreign key of %q references %q, which has no primary key: name the referenced columns", t.key.name, fk.ref.key.name))
				}
			}
			if len(fk.refCols) != len(fk.cols) {
				return whereError(fk.where, fmt.Errorf("foreign key of %q has %d columns and references %d", t.key.name, len(fk.cols), len(fk.refCols)))
			}
		}
	}
	return nil
}

// whereError is an [*Error] at where, "file:line".
func whereError(where string, err error) *Error {
	e := &Error{File: where, Err: err}
	if i := strings.LastIndexByte(where, ':'); i > 0 {
		if line, convErr := strconv.Atoi(where[i+1:]); convErr == nil {
			e.File, e.Line = where[:i], line
		}
	}
	return e
}

package sqlcheck

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// keys reads the schema's keys into the compiled policy: which tables are owned through a
// parent or reached through a link table, and which key equalities prove two rows belong to
// one tenant (docs/contract.md, section 6). It runs once the tables' tenant columns are known.
func (c *compiledPolicy) keys(p *Policy) error {
	c.schema = p.Schema
	c.declared = map[string]bool{}
	for _, n := range p.GlobalTables {
		c.declared[c.qualifyName(n)] = true
	}
	for n := range p.Tables {
		c.declared[c.qualifyName(n)] = true
	}
	byCanon := map[string]*Table{}
	for i := range p.Schema {
		t := &p.Schema[i]
		canon := c.qualify(t.Schema, t.Name)
		byCanon[canon] = t
		info := c.tables[canon]
		info.canon = canon
		info.unique = t.Unique
		info.notNull = map[string]bool{}
		for _, col := range t.NotNull {
			info.notNull[col] = true
		}
	}
	global := map[string]bool{}
	for _, name := range p.GlobalTables {
		global[c.qualifyName(name)] = true
	}
	ref := func(fk ForeignKey) *tableInfo {
		info := c.tables[c.resolve(fk.RefSchema, fk.RefTable)]
		if info == nil || info.canon == "" {
			return nil // a table the schema does not list: it proves nothing
		}
		return info
	}
	// Tables that reach a tenant table through foreign keys, found to a fixpoint.
	reaches := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for canon, t := range byCanon {
			info := c.tables[canon]
			if reaches[canon] || info.tenantCol != "" || global[canon] {
				continue
			}
			for _, fk := range t.ForeignKeys {
				if r := ref(fk); r != nil && r != info && (r.tenantCol != "" || reaches[r.canon]) {
					reaches[canon], changed = true, true
					break
				}
			}
		}
	}
	owners := map[string][]string{}
	for name, cols := range p.Owners {
		canon := c.qualifyName(name)
		if byCanon[canon] == nil {
			return fmt.Errorf("%w: owners: table %q is not in the schema", ErrPolicy, name)
		}
		owners[canon] = cols
	}
	var ambiguous []string
	amb := &AmbiguousOwnersError{Candidates: map[string][]ForeignKey{}}
	for _, canon := range slices.Sorted(maps.Keys(byCanon)) {
		t, info := byCanon[canon], c.tables[canon]
		named, hasName := owners[canon]
		if !reaches[canon] {
			if hasName {
				return fmt.Errorf("%w: owners: table %q has a tenant column, is global, or has no foreign key to a tenant table", ErrPolicy, t.Name)
			}
			continue
		}
		var cands []ForeignKey
		for _, fk := range t.ForeignKeys {
			if r := ref(fk); r != nil && r != info && (r.tenantCol != "" || reaches[r.canon]) {
				cands = append(cands, fk)
			}
		}
		owner := -1
		switch {
		case hasName:
			for i, fk := range cands {
				if slices.Equal(fk.Columns, named) {
					owner = i
				}
			}
			if owner < 0 {
				return fmt.Errorf("%w: owners: %q names (%s), which is not a foreign key of %q to a tenant-owned table; the candidates are %s",
					ErrPolicy, t.Name, strings.Join(named, ", "), t.Name, fkList(cands))
			}
		case len(cands) == 1:
			owner = 0
		default:
			ambiguous = append(ambiguous, fmt.Sprintf("%q: %s", t.Name, fkList(cands)))
			amb.Candidates[tableName(canon)] = cands
			continue
		}
		fk := cands[owner]
		info.owner = &keyLink{a: fk.Columns, b: fk.RefColumns, other: ref(fk), why: fkWhy(fk)}
	}
	if len(ambiguous) > 0 {
		amb.msg = fmt.Sprintf("%d tables have no tenant column and several foreign keys to tenant-owned tables, so their owner is ambiguous; name each one's owning key under owners, or list the table under global_tables or tables:\n\t%s",
			len(ambiguous), strings.Join(ambiguous, "\n\t"))
		return amb
	}
	// The chosen owners must lead to a tenant table: a cycle of owned-through tables has no
	// tenant.
	for canon, info := range c.tables {
		seen := map[*tableInfo]bool{}
		for t := info; t.owner != nil; t = t.owner.other {
			if seen[t] {
				return fmt.Errorf("%w: the owners of %q form a cycle that reaches no tenant column; name an owning key under owners that leads to a tenant table", ErrPolicy, canon)
			}
			seen[t] = true
		}
	}
	for name, l := range p.ReachedThrough {
		canon := c.qualifyName(name)
		info, t := c.tables[canon], byCanon[canon]
		lcanon := c.qualifyName(l.Table)
		linfo, lt := c.tables[lcanon], byCanon[lcanon]
		switch {
		case t == nil:
			return fmt.Errorf("%w: reached_through: table %q is not in the schema", ErrPolicy, name)
		case lt == nil:
			return fmt.Errorf("%w: reached_through: link table %q of %q is not in the schema", ErrPolicy, l.Table, name)
		case info.tenantCol != "":
			return fmt.Errorf("%w: reached_through: table %q has the tenant column %q, so it is a tenant table", ErrPolicy, name, info.tenantCol)
		case global[canon]:
			return fmt.Errorf("%w: table %q is both global and reached through %q", ErrPolicy, name, l.Table)
		case !linfo.scoped():
			return fmt.Errorf("%w: reached_through: link table %q of %q is neither a tenant table nor owned through one", ErrPolicy, l.Table, name)
		}
		i := slices.IndexFunc(lt.ForeignKeys, func(fk ForeignKey) bool {
			return slices.Equal(fk.Columns, []string{l.Column}) && ref(fk) == info
		})
		if i < 0 {
			return fmt.Errorf("%w: reached_through: %s.%s is not a foreign key to %q", ErrPolicy, l.Table, l.Column, name)
		}
		fk := lt.ForeignKeys[i]
		info.owner = nil
		info.reach = &keyLink{a: fk.RefColumns, b: fk.Columns, other: linfo, why: fkWhy(fk), reverse: true}
	}
	c.findSuspects(p, byCanon, global)
	defer func() {
		for _, info := range c.tables {
			c.linked += len(info.links)
		}
	}()
	if err := c.subTenants(p, byCanon, ref); err != nil {
		return err
	}
	// The key equalities that pin (CONTRACT section 6, rules 1, 2, 4 and 5).
	for canon, t := range byCanon {
		info := c.tables[canon]
		if !info.scoped() {
			continue
		}
		if info.owner != nil {
			info.addLink(info.owner)
			// Two rows whose owning keys name one parent row have one tenant: line_items
			// li.order_id = li2.order_id, or = the order_id of a pinned line item.
			for c2, t2 := range byCanon {
				o2 := c.tables[c2].owner
				if o2 == nil || o2.other != info.owner.other || !slices.Equal(o2.b, info.owner.b) || len(t2.Columns) == 0 {
					continue
				}
				info.addLink(&keyLink{a: info.owner.a, b: o2.a, other: c.tables[c2], why: "owning keys naming one " + tableName(info.owner.other.canon) + " row"})
			}
		}
		if info.reach != nil {
			info.addLink(info.reach)
		}
		for _, u := range t.Unique {
			info.addLink(&keyLink{a: u, b: u, other: info, why: "unique key (" + strings.Join(u, ", ") + ")"})
		}
		if info.tenantCol == "" {
			continue
		}
		for _, fk := range t.ForeignKeys {
			r := ref(fk)
			if r == nil || !r.scoped() || r == info.owner.target() {
				continue
			}
			if l := compositeLink(info, r, fk); l != nil {
				info.addLink(l)
			} else if p.TrustForeignKeys && r.tenantCol != "" && !slices.Contains(fk.Columns, info.tenantCol) {
				// Trust covers keys between two tenant tables: a reached-through or
				// owned-through table has no tenant of its own for the key to agree with.
				info.addLink(&keyLink{a: fk.Columns, b: fk.RefColumns, other: r, why: fkWhy(fk) + ", trusted by trust_foreign_keys"})
			}
		}
	}
	return nil
}

// target is the table a link leads to, nil for no link.
func (l *keyLink) target() *tableInfo {
	if l == nil {
		return nil
	}
	return l.other
}

// addLink records l on t and the key columns of both sides.
func (t *tableInfo) addLink(l *keyLink) {
	t.links = append(t.links, l)
	if t.keyCols == nil {
		t.keyCols = map[string]bool{}
	}
	for _, col := range l.a {
		t.keyCols[col] = true
	}
	if l.other.keyCols == nil {
		l.other.keyCols = map[string]bool{}
	}
	for _, col := range l.b {
		l.other.keyCols[col] = true
	}
}

// compositeLink returns the link a foreign key that includes both tenant columns gives: the
// referencing columns beside the tenant column, when the referenced ones hold a unique key of
// the parent on their own (CONTRACT section 6, rule 5).
func compositeLink(t, parent *tableInfo, fk ForeignKey) *keyLink {
	if parent.tenantCol == "" || len(fk.Columns) != len(fk.RefColumns) {
		return nil
	}
	i := slices.Index(fk.Columns, t.tenantCol)
	if i < 0 || fk.RefColumns[i] != parent.tenantCol {
		return nil
	}
	for _, u := range parent.unique {
		var a []string
		for _, col := range u {
			j := slices.Index(fk.RefColumns, col)
			if j < 0 || j == i {
				a = nil
				break
			}
			a = append(a, fk.Columns[j])
		}
		if a != nil {
			return &keyLink{a: a, b: u, other: parent, why: fkWhy(fk)}
		}
	}
	return nil
}

func fkWhy(fk ForeignKey) string {
	return fmt.Sprintf("foreign key (%s) to %s (%s)", strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "))
}

func fkList(fks []ForeignKey) string {
	var parts []string
	for _, fk := range fks {
		parts = append(parts, fmt.Sprintf("(%s) to %s", strings.Join(fk.Columns, ", "), fk.RefTable))
	}
	return strings.Join(parts, ", ")
}

// findSuspects marks the schema tables that have no tenant column, no owner and no
// declaration, but a column that looks like a key of a tenant-owned table (order_id of
// orders, task_id of v1_task): tenantq cannot tell whether their rows belong to tenants, so it
// refuses their statements rather than read them as global. A foreign key, or the table under
// global_tables, settles it. The schema audit lists the same tables.
func (c *compiledPolicy) findSuspects(p *Policy, byCanon map[string]*Table, global map[string]bool) {
	var owned []*tableInfo
	for canon := range byCanon {
		if info := c.tables[canon]; info.scoped() {
			owned = append(owned, info)
		}
	}
	slices.SortFunc(owned, func(a, b *tableInfo) int { return strings.Compare(a.canon, b.canon) })
	for _, canon := range slices.Sorted(maps.Keys(byCanon)) {
		t, info := byCanon[canon], c.tables[canon]
		if info.scoped() || global[canon] {
			continue
		}
		for _, col := range t.Columns {
			base, ok := strings.CutSuffix(strings.ToLower(col), "_id")
			if !ok || base == "" {
				continue
			}
			names := []string{base, base + "s", base + "es", strings.TrimSuffix(base, "y") + "ies"}
			for _, target := range owned {
				n := strings.ToLower(target.canon[strings.LastIndexByte(target.canon, '.')+1:])
				if slices.ContainsFunc(names, func(s string) bool { return n == s || strings.HasSuffix(n, "_"+s) }) {
					info.suspects = append(info.suspects, suspect{col: col, target: target})
					break
				}
			}
		}
	}
}

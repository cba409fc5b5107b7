package sqlcheck

import (
	"fmt"
	"slices"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Nested tenants (docs/contract.md, section 6): a sub-tenant key such as project_id names a row
// of a tenant table (projects). "project_id = $2" pins an occurrence to the tenant that owns
// project $2 where the schema ties the column to the tenant: a composite foreign key
// (tenant_id, project_id) to projects (tenant_id, id), ownership through projects by
// project_id, or projects' own key. The value is kept apart from tenant values: a pin on the
// tenant column and one on the sub-tenant key of the same occurrence are one tenant.

// subTenants finds, for each sub-tenant key, the columns that pin to it.
func (c *compiledPolicy) subTenants(p *Policy, byCanon map[string]*Table, ref func(ForeignKey) *tableInfo) error {
	for _, st := range p.SubTenants {
		if st.Column == "" || st.Table == "" {
			return fmt.Errorf("%w: sub-tenant key %q: %q needs a column and a table", ErrPolicy, st.Column, st.Table)
		}
		canon := c.qualifyName(st.Table)
		info, t := c.tables[canon], byCanon[canon]
		if t == nil {
			return fmt.Errorf("%w: sub-tenant key %q: table %q is not in the schema", ErrPolicy, st.Column, st.Table)
		}
		if info.tenantCol == "" {
			return fmt.Errorf("%w: sub-tenant key %q: table %q has no tenant column", ErrPolicy, st.Column, st.Table)
		}
		key := st.Key
		if key == "" {
			for _, u := range t.Unique {
				if len(u) == 1 {
					key = u[0]
					break
				}
			}
		}
		if key == "" || !slices.ContainsFunc(t.Unique, func(u []string) bool { return slices.Equal(u, []string{key}) }) {
			return fmt.Errorf("%w: sub-tenant key %q: %q has no one-column unique key %q that names a row", ErrPolicy, st.Column, st.Table, key)
		}
		info.addSub(key, st.Column)
		if c.subKeys == nil {
			c.subKeys = map[string]bool{}
		}
		c.subKeys[st.Column] = true
		defer c.linkSubs(st.Column)
		for tc, tt := range byCanon {
			ti := c.tables[tc]
			if ti == info || !slices.Contains(tt.Columns, st.Column) {
				continue
			}
			for _, fk := range tt.ForeignKeys {
				if ref(fk) != info {
					continue
				}
				i := slices.Index(fk.Columns, st.Column)
				if i < 0 || fk.RefColumns[i] != key {
					continue
				}
				owned := ti.owner != nil && ti.owner.other == info && slices.Equal(ti.owner.a, []string{st.Column})
				j := slices.Index(fk.Columns, ti.tenantCol)
				tied := ti.tenantCol != "" && j >= 0 && fk.RefColumns[j] == info.tenantCol
				if owned || tied {
					ti.addSub(st.Column, st.Column)
				}
			}
		}
	}
	return nil
}

func (t *tableInfo) addSub(col, name string) {
	if t.subCols == nil {
		t.subCols = map[string]string{}
	}
	t.subCols[col] = name
}

// subFact recognises "col = v" where col is a column of an occurrence that pins to a
// sub-tenant and v a placeholder or constant: the occurrence's tenant is the one that owns
// the row v names.
func (sc *stmtChecker) subFact(col, val *pg.Node, lv *level) (edge, bool) {
	cr := col.GetColumnRef()
	if cr == nil {
		return edge{}, false
	}
	r, name := sc.resolveColumn(cr, lv)
	if r == nil || r.kind != relTable || r.term < 0 || r.info.subCols == nil {
		return edge{}, false
	}
	sub := r.info.subCols[r.realColumn(name)]
	if sub == "" {
		return edge{}, false
	}
	v, ok := sc.tenantValue(val)
	if !ok {
		return edge{}, false
	}
	v.key, v.sub, v.shared = "sub:"+sub+":"+v.key, sub, false
	return edge{r.term, sc.valueTerm(v)}, true
}

// together records that vals pin one occurrence: each sub-tenant value among them names the
// tenant of the tenant values beside it.
func (sc *stmtChecker) together(vals []int) {
	if len(vals) < 2 {
		return
	}
	for _, t := range vals {
		if sc.values[sc.termValue[t]].sub != "" {
			continue
		}
		for _, s := range vals {
			if sc.values[sc.termValue[s]].sub != "" {
				sc.same = append(sc.same, [2]int{t, s})
			}
		}
	}
}

// linkSubs links every two tables whose columns pin to sub-tenant key key: equal values name
// one row of the sub-tenant's table, so one tenant.
func (c *compiledPolicy) linkSubs(key string) {
	type side struct {
		info *tableInfo
		col  string
	}
	var sides []side
	for _, info := range c.tables {
		for col, k := range info.subCols {
			if k == key {
				sides = append(sides, side{info, col})
			}
		}
	}
	for _, a := range sides {
		for _, b := range sides {
			a.info.addLink(&keyLink{a: []string{a.col}, b: []string{b.col}, other: b.info, why: "sub-tenant key " + key})
		}
	}
}

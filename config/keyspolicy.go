package config

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tenantq/tenantq/sqlcheck"
)

// tableMap reads a map keyed by table name, calling value for each entry's value.
func (p *parser) tableMap(key string, v *yaml.Node, what string, value func(table string, v *yaml.Node) error) error {
	if v.Kind != yaml.MappingNode {
		return p.errorf(v.Line, key, "want a map of table name to %s, not %s", what, describe(v))
	}
	lines := make(map[string]int, len(v.Content)/2)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := resolve(v.Content[i]), resolve(v.Content[i+1])
		name, err := p.name(key, k, "a table name")
		if err != nil {
			return err
		}
		if first, dup := lines[name]; dup {
			return p.errorf(k.Line, key, "duplicate table %q (first on line %d)", name, first)
		}
		lines[name] = k.Line
		if err := value(name, val); err != nil {
			return err
		}
	}
	return nil
}

// owners reads the owning key of each owned-through table: a column, or a list of them.
func (p *parser) owners(key string, v *yaml.Node) (map[string][]string, error) {
	out := map[string][]string{}
	err := p.tableMap(key, v, "its owning foreign key's columns", func(table string, v *yaml.Node) error {
		if v.Kind == yaml.ScalarNode {
			col, err := p.name(key, v, "a column name")
			out[table] = []string{col}
			return err
		}
		cols, _, err := p.names(key, v, "column name", false)
		out[table] = cols
		return err
	})
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

// reachedThrough reads each reached-through table's link: "link_table.column".
func (p *parser) reachedThrough(key string, v *yaml.Node) (map[string]sqlcheck.Link, error) {
	out := map[string]sqlcheck.Link{}
	err := p.tableMap(key, v, `its link "link_table.column"`, func(table string, v *yaml.Node) error {
		s, err := p.name(key, v, `a link "link_table.column"`)
		if err != nil {
			return err
		}
		i := strings.LastIndexByte(s, '.')
		if i <= 0 || i == len(s)-1 {
			return p.errorf(v.Line, key, "%q: want the link table's foreign key column as \"link_table.column\", not %q", table, s)
		}
		out[table] = sqlcheck.Link{Table: s[:i], Column: s[i+1:]}
		return nil
	})
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

// subTenants reads the sub-tenant keys: column name to "table" or "table.key".
func (p *parser) subTenants(key string, v *yaml.Node) ([]sqlcheck.SubTenant, error) {
	var out []sqlcheck.SubTenant
	err := p.tableMap(key, v, `the tenant table its values name, as "table" or "table.key"`, func(col string, v *yaml.Node) error {
		s, err := p.name(key, v, `a table, as "table" or "table.key"`)
		if err != nil {
			return err
		}
		st := sqlcheck.SubTenant{Column: col, Table: s}
		// "projects" names the table's one-column primary key; "projects.id" or
		// "app.projects.id" names the key column.
		if i := strings.LastIndexByte(s, '.'); i >= 0 {
			if i == 0 || i == len(s)-1 {
				return p.errorf(v.Line, key, "%q: want \"table\" or \"table.key\", not %q", col, s)
			}
			st.Table, st.Key = s[:i], s[i+1:]
		}
		out = append(out, st)
		return nil
	})
	slices.SortFunc(out, func(a, b sqlcheck.SubTenant) int { return strings.Compare(a.Column, b.Column) })
	return out, err
}

// boolean reads true or false.
func (p *parser) boolean(key string, v *yaml.Node) (bool, error) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
		return false, p.errorf(v.Line, key, "want true or false, not %s", describe(v))
	}
	return v.Value == "true", nil
}

// rowLevelSecurity reads true, false, or a map with setting and unscoped_role.
func (p *parser) rowLevelSecurity(key string, v *yaml.Node) (*sqlcheck.RowLevelSecurity, error) {
	if v.Kind == yaml.ScalarNode {
		on, err := p.boolean(key, v)
		if err != nil || !on {
			return nil, err
		}
		return &sqlcheck.RowLevelSecurity{}, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errorf(v.Line, key, "want true, false or a map with setting and unscoped_role, not %s", describe(v))
	}
	r := &sqlcheck.RowLevelSecurity{}
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := resolve(v.Content[i]), resolve(v.Content[i+1])
		if first, dup := seen[k.Value]; dup {
			return nil, p.errorf(k.Line, key, "duplicate key %q (first on line %d)", k.Value, first)
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "setting":
			s, err := p.name(key, val, "a parameter name")
			if err != nil {
				return nil, err
			}
			r.Setting = s
			if err := r.Validate(); err != nil {
				return nil, p.errorf(val.Line, key, "setting %q: want a custom parameter name, identifiers joined by dots, such as %q", s, sqlcheck.DefaultTenantSetting)
			}
		case "unscoped_role":
			s, err := p.name(key, val, "a role name")
			if err != nil {
				return nil, err
			}
			r.UnscopedRole = s
			if err := r.Validate(); err != nil {
				return nil, p.errorf(val.Line, key, "unscoped_role %q: want a role name of at most 63 bytes", s)
			}
		default:
			return nil, p.errorf(k.Line, key, "unknown key %q (known: setting, unscoped_role)", k.Value)
		}
	}
	return r, nil
}

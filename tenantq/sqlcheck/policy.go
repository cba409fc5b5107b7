package sqlcheck

import (
	"fmt"
	"slices"
	"strings"
)

// DefaultTenantColumn is the tenant column a [Policy] uses when it names none.
const DefaultTenantColumn = "tenant_id"

// UnknownTables says how a [Policy] treats a table it knows nothing about.
type UnknownTables uint8

const (
	// UnknownTenant treats unknown tables as tenant-scoped (fail closed). It is the zero value.
	UnknownTenant UnknownTables = iota
	// UnknownGlobal treats unknown tables as global.
	UnknownGlobal
)

// String returns the configuration spelling: "tenant" or "global".
func (u UnknownTables) String() string {
	if u == UnknownGlobal {
		return "global"
	}
	return "tenant"
}

// Table describes one table of the database schema, as read from a schema file.
type Table struct {
	// Schema is the table's schema, empty for the first schema of the search path.
	Schema string
	// Name is the table's name as PostgreSQL stores it (unquoted names folded to lower case).
	Name string
	// Columns are the table's column names in order.
	Columns []string
}

// A Policy says which tables hold tenant data and how each names its tenant column.
//
// Names are compared as PostgreSQL stores them: write them as the catalog has them (unquoted
// identifiers in lower case). A name without a schema means the first schema of the search path;
// "public.t" and "t" are the same table under the default search path.
//
// The zero Policy is usable: every table is tenant-scoped with the tenant column "tenant_id",
// except PostgreSQL's system catalogs (pg_catalog, information_schema and unqualified names
// starting with "pg_"), which are always global.
type Policy struct {
	// TenantColumns are the candidate tenant column names, in order of preference.
	// Empty means [DefaultTenantColumn].
	TenantColumns []string
	// Tables maps a table to its tenant column, overriding TenantColumns and Schema.
	// A table listed here is tenant-scoped.
	Tables map[string]string
	// GlobalTables lists tables that hold no tenant data.
	GlobalTables []string
	// Schema lists known tables with their columns. A schema table is tenant-scoped when it has a
	// tenant column (the first of TenantColumns it has) and global otherwise.
	Schema []Table
	// UnknownTables says how to treat tables that none of the above mention.
	UnknownTables UnknownTables
	// SharedTenants are constants (SQL literal text such as "0" or "'shared'") naming rows every
	// tenant may read. They are allowed beside the scoped tenant in reads only:
	// "tenant_id IN ($1, 0)".
	SharedTenants []string
	// SearchPath is the schema search path used to resolve unqualified names. Empty means ["public"].
	SearchPath []string
}

// tableInfo is what the checker needs to know of one table.
type tableInfo struct {
	tenantCol string          // "" for a global table
	cols      []string        // schema columns in order; nil when unknown
	columns   map[string]bool // the same as a set
	known     bool            // mentioned by the policy (not an unknown table)
}

// compiledPolicy is a Policy resolved into lookup maps. It is immutable.
type compiledPolicy struct {
	tenantCols []string
	searchPath []string
	tables     map[string]*tableInfo // key: "schema.name"
	unknown    UnknownTables
	shared     map[string]bool // canonical literal keys
}

// compile validates p and builds its lookup maps.
func (p *Policy) compile() (*compiledPolicy, error) {
	c := &compiledPolicy{
		tenantCols: p.TenantColumns,
		searchPath: p.SearchPath,
		tables:     make(map[string]*tableInfo),
		unknown:    p.UnknownTables,
		shared:     make(map[string]bool),
	}
	if len(c.tenantCols) == 0 {
		c.tenantCols = []string{DefaultTenantColumn}
	}
	if len(c.searchPath) == 0 {
		c.searchPath = []string{"public"}
	}
	for _, col := range c.tenantCols {
		if col == "" {
			return nil, fmt.Errorf("%w: empty tenant column name", ErrPolicy)
		}
	}
	if p.UnknownTables > UnknownGlobal {
		return nil, fmt.Errorf("%w: unknown tables mode %d is neither tenant nor global", ErrPolicy, p.UnknownTables)
	}
	for _, t := range p.Schema {
		if t.Name == "" {
			return nil, fmt.Errorf("%w: schema table without a name", ErrPolicy)
		}
		info := &tableInfo{known: true, cols: t.Columns, columns: make(map[string]bool, len(t.Columns))}
		for _, col := range t.Columns {
			info.columns[col] = true
		}
		for _, cand := range c.tenantCols {
			if info.columns[cand] {
				info.tenantCol = cand
				break
			}
		}
		c.tables[c.qualify(t.Schema, t.Name)] = info
	}
	for _, name := range p.GlobalTables {
		if name == "" {
			return nil, fmt.Errorf("%w: empty global table name", ErrPolicy)
		}
		key := c.qualifyName(name)
		if _, ok := p.Tables[name]; ok {
			return nil, fmt.Errorf("%w: table %q is both global and tenant-scoped", ErrPolicy, name)
		}
		info := c.tables[key]
		if info == nil {
			info = &tableInfo{}
			c.tables[key] = info
		}
		info.known, info.tenantCol = true, ""
	}
	for name, col := range p.Tables {
		if name == "" || col == "" {
			return nil, fmt.Errorf("%w: table override %q: %q needs a table and a column", ErrPolicy, name, col)
		}
		key := c.qualifyName(name)
		info := c.tables[key]
		if info == nil {
			info = &tableInfo{}
			c.tables[key] = info
		}
		info.known, info.tenantCol = true, col
	}
	for _, s := range p.SharedTenants {
		k, ok := literalKey(s)
		if !ok {
			return nil, fmt.Errorf("%w: shared tenant %q is not a constant", ErrPolicy, s)
		}
		c.shared[k] = true
	}
	return c, nil
}

// qualifyName splits "schema.name" or "name" and qualifies it.
func (c *compiledPolicy) qualifyName(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return c.qualify(name[:i], name[i+1:])
	}
	return c.qualify("", name)
}

func (c *compiledPolicy) qualify(schema, name string) string {
	if schema == "" {
		schema = c.searchPath[0]
	}
	return schema + "." + name
}

// lookup resolves a table reference to what the policy says of it.
func (c *compiledPolicy) lookup(schema, name string) *tableInfo {
	if schema == "" {
		for _, s := range c.searchPath {
			if info := c.tables[s+"."+name]; info != nil {
				return info
			}
		}
		if strings.HasPrefix(name, "pg_") {
			return globalTable
		}
	} else {
		if schema == "pg_catalog" || schema == "information_schema" {
			return globalTable
		}
		if info := c.tables[schema+"."+name]; info != nil {
			return info
		}
	}
	if c.unknown == UnknownGlobal {
		return globalTable
	}
	return &tableInfo{tenantCol: c.tenantCols[0]}
}

var globalTable = &tableInfo{known: true}

// isShared reports whether the canonical literal key names a shared tenant.
func (c *compiledPolicy) isShared(key string) bool { return c.shared[key] }

// hasColumn reports whether the table may have the column: schema tables answer exactly,
// others are assumed to have only their tenant column.
func (t *tableInfo) hasColumn(col string) bool {
	if t.columns != nil {
		return t.columns[col]
	}
	return t.tenantCol != "" && t.tenantCol == col
}

// literalKey canonicalises the SQL text of a constant for comparison: integers in decimal,
// strings by their content. It reports false for text that is not a plain constant.
func literalKey(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return "s:" + strings.ReplaceAll(s[1:len(s)-1], "''", "'"), true
	}
	t := strings.TrimPrefix(s, "-")
	if t == "" || !slices.ContainsFunc([]byte(t[:1]), isDigit) {
		return "", false
	}
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) && t[i] != '.' {
			return "", false
		}
	}
	return "s:" + s, true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

package sqlcheck

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
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
	// Types maps a column to its type as a cast names it, without modifiers ("bigint",
	// "uuid", "text", "app.tenant_key"), where the schema says; nil when it says for none.
	// "tenantvet rls" casts the tenant to the tenant column's type.
	Types map[string]string
	// Dropped lists the columns the schema's history dropped or renamed away, each with
	// where ("file:line"). A table that lost its tenant column is refused unless the policy
	// lists it as global: a table does not stop holding tenant data by losing the column.
	Dropped []DroppedColumn
	// NotNull lists the columns declared NOT NULL, primary key columns included.
	NotNull []string
	// Unique lists the table's unique keys, each as its columns: the primary key first, then
	// UNIQUE constraints and unique indexes that are non-partial and on plain columns. A key
	// of columns that may be NULL is still a key: NULL equals nothing, so it pins nothing.
	Unique [][]string
	// ForeignKeys lists the table's foreign keys.
	ForeignKeys []ForeignKey
}

// A ForeignKey is one FOREIGN KEY constraint of a [Table]: Columns reference RefColumns of
// the table RefSchema.RefTable, position by position.
type ForeignKey struct {
	// Name is the constraint's name, as declared or as PostgreSQL would generate it.
	Name string
	// Columns are the referencing columns, in the constraint's order.
	Columns []string
	// RefSchema and RefTable name the referenced table; RefSchema is empty for the first
	// schema of the search path.
	RefSchema, RefTable string
	// RefColumns are the referenced columns. A constraint that omits them references the
	// primary key; the schema reader fills it in.
	RefColumns []string
	// OnDelete and OnUpdate are the referential actions, as SQL spells them in lower case:
	// "no action" (the default), "restrict", "cascade", "set null" or "set default".
	OnDelete, OnUpdate string
	// Where says where the constraint was declared ("file:line"), for messages.
	Where string
}

// A DroppedColumn is a column a migration dropped or renamed, and where it did.
type DroppedColumn struct {
	Name  string
	Where string
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
	// Owners names the owning foreign key of an owned-through table that has several
	// candidates: table name to the key's columns ("attachments": {"message_id"}). A schema
	// table with no tenant column and a foreign key to a tenant table (directly or through a
	// chain) is owned through that table; see docs/contract.md, section 6.
	Owners map[string][]string
	// ReachedThrough declares tables whose rows every tenant may see whose link row names
	// them: table name to its link ("users": {Table: "users_accounts", Column: "user_id"}).
	ReachedThrough map[string]Link
	// TrustForeignKeys vouches that no single-column foreign key between two tenant tables
	// points into another tenant, so that such keys pin as composite ones do. The schema
	// cannot prove it; the team that sets it does.
	TrustForeignKeys bool
	// SubTenants names sub-tenant keys (nested tenants, such as projects under an
	// organization): a column that names a row of a tenant table. A pin on it pins to the one
	// tenant that owns that row, where the schema ties the two (docs/contract.md, section 6).
	SubTenants []SubTenant
	// RowLevelSecurity, when not nil, says that the database enforces this policy a second
	// time with row-level security, as "tenantvet rls" writes it, and how the runtime tells
	// the database each statement's tenant. The checker does not read it.
	RowLevelSecurity *RowLevelSecurity
}

// DefaultTenantSetting is the configuration parameter that carries the tenant to row-level
// security policies when [RowLevelSecurity.Setting] is empty.
const DefaultTenantSetting = "tenantq.tenant"

// DefaultUnscopedRole is the role Unscoped statements run as under row-level security when
// [RowLevelSecurity.UnscopedRole] is empty.
const DefaultUnscopedRole = "tenantq_unscoped"

// RowLevelSecurity says how the database's row-level security policies learn the tenant.
// Each statement with a tenant runs in a transaction that first sets Setting to the tenant
// (set_config(Setting, tenant, true): local to the transaction, so no pooled connection
// keeps it); the policies compare each row's tenant with current_setting(Setting, true). An
// Unscoped statement runs as UnscopedRole instead (SET LOCAL ROLE), which the policies let
// through.
type RowLevelSecurity struct {
	// Setting is the name of the configuration parameter, with a dot as custom parameters
	// need ("app.tenant_id"). Empty means [DefaultTenantSetting].
	Setting string
	// UnscopedRole is the role Unscoped statements run as. Empty means [DefaultUnscopedRole].
	UnscopedRole string
}

// TenantSetting returns Setting, or [DefaultTenantSetting] when it is empty.
func (r *RowLevelSecurity) TenantSetting() string {
	if r.Setting == "" {
		return DefaultTenantSetting
	}
	return r.Setting
}

// Role returns UnscopedRole, or [DefaultUnscopedRole] when it is empty.
func (r *RowLevelSecurity) Role() string {
	if r.UnscopedRole == "" {
		return DefaultUnscopedRole
	}
	return r.UnscopedRole
}

// Validate reports a Setting that PostgreSQL would not take as a custom parameter name, or a
// role name that is not one.
func (r *RowLevelSecurity) Validate() error {
	if !validSetting(r.TenantSetting()) {
		return fmt.Errorf("%w: row-level security setting %q: want a custom parameter name, two or more identifiers joined by dots (%q)", ErrPolicy, r.Setting, DefaultTenantSetting)
	}
	if role := r.Role(); len(role) > 63 || strings.ContainsRune(role, 0) {
		return fmt.Errorf("%w: row-level security role %q: want a role name of at most 63 bytes", ErrPolicy, role)
	}
	return nil
}

// validSetting reports whether s is a custom parameter name: identifiers ([A-Za-z_] then
// [A-Za-z0-9_$]) joined by dots, at least two.
func validSetting(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, part := range parts {
		if part == "" {
			return false
		}
		for i, r := range part {
			ok := r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && (r == '$' || '0' <= r && r <= '9')
			if !ok {
				return false
			}
		}
	}
	return true
}

// A SubTenant is a sub-tenant key: Column names a row of the tenant table Table by its
// column Key ("project_id" names projects.id). An empty Key means the table's one-column
// primary key.
type SubTenant struct {
	Column string
	Table  string
	Key    string
}

// A Link names the foreign key column of a link (membership) table through which a
// reached-through table is seen: Table.Column references the reached table's key.
type Link struct {
	Table  string
	Column string
}

// tableInfo is what the checker needs to know of one table.
type tableInfo struct {
	tenantCol string          // "" for a global table
	cols      []string        // schema columns in order; nil when unknown
	columns   map[string]bool // the same as a set
	known     bool            // mentioned by the policy (not an unknown table)
	exposes   bool            // a system view that exposes every tenant's data
	canon     string          // schema-qualified name; "" for tables the policy does not list
	// owner is the key through which an owned-through table belongs to a tenant, nil for
	// other tables; reach is the link through which a reached-through table is seen.
	owner *keyLink
	reach *keyLink
	// links are the keys whose equality to another occurrence's proves both rows belong to
	// one tenant (CONTRACT section 6), with this table on side a. keyCols are their columns.
	links   []*keyLink
	keyCols map[string]bool
	unique  [][]string
	notNull map[string]bool
	// subCols maps a column of this table that pins to a sub-tenant to the sub-tenant key's
	// name: the key's column where the schema ties it to the tenant, or the key itself in the
	// sub-tenant's own table.
	subCols map[string]string
	// suspects are the columns of a table with no tenant column, owner or declaration that
	// look like keys of tenant-owned tables: the table is refused, never read as global.
	suspects []suspect
}

// A suspect is a column that looks like a key of a tenant-owned table: order_id of orders.
type suspect struct {
	col    string
	target *tableInfo
}

// scoped reports whether the table's rows belong to tenants: a tenant table, an owned-through
// table or a reached-through one.
func (t *tableInfo) scoped() bool {
	return t.tenantCol != "" || t.owner != nil || t.reach != nil || len(t.suspects) > 0
}

// A keyLink says that when the columns a of one occurrence equal the columns b of an
// occurrence of table b, the two rows belong to one tenant.
type keyLink struct {
	a, b    []string
	other   *tableInfo
	why     string // "foreign key (order_id) to orders (id)", for messages
	reverse bool   // the link was declared from the other table (a reached-through link)
}

// compiledPolicy is a Policy resolved into lookup maps. It is immutable.
type compiledPolicy struct {
	tenantCols []string
	searchPath []string
	// tenantSetting is the parameter the policy's row-level security reads the tenant from,
	// in lower case; "" without row-level security.
	tenantSetting string
	tables        map[string]*tableInfo // key: "schema.name"
	unknown       UnknownTables
	shared        map[string]bool // canonical literal keys
	hasSchema     bool            // the policy lists the schema's tables, so other names are no table
	linked        int             // how many key links the schema gives; 0 skips key pins
	subKeys       map[string]bool // the sub-tenant keys
	schema        []Table         // the policy's schema tables, for the audit
	declared      map[string]bool // tables the policy names in GlobalTables or Tables
}

// compile validates p and builds its lookup maps.
func (p *Policy) compile() (*compiledPolicy, error) {
	c := &compiledPolicy{
		tenantCols: p.TenantColumns,
		searchPath: p.SearchPath,
		tables:     make(map[string]*tableInfo),
		unknown:    p.UnknownTables,
		shared:     make(map[string]bool),
		hasSchema:  len(p.Schema) > 0,
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
	if p.RowLevelSecurity != nil {
		if err := p.RowLevelSecurity.Validate(); err != nil {
			return nil, err
		}
		c.tenantSetting = strings.ToLower(p.RowLevelSecurity.TenantSetting())
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
		if info.tenantCol == "" {
			if err := lostTenant(p, t, c.tenantCols); err != nil {
				return nil, err
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
	if err := c.keys(p); err != nil {
		return nil, err
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

// lostTenant refuses a schema table that has no tenant column but dropped or renamed one,
// unless the policy says what the table is (global, or its tenant column).
func lostTenant(p *Policy, t Table, candidates []string) error {
	name := t.Name
	if t.Schema != "" {
		name = t.Schema + "." + t.Name
	}
	if slices.Contains(p.GlobalTables, name) || slices.Contains(p.GlobalTables, t.Name) {
		return nil
	}
	if _, ok := p.Tables[name]; ok {
		return nil
	}
	if _, ok := p.Tables[t.Name]; ok {
		return nil
	}
	for _, d := range t.Dropped {
		if slices.Contains(candidates, d.Name) {
			return fmt.Errorf("%w: table %q lost its tenant column %q (%s); it would be read as a global table: list it under global_tables if it no longer holds tenant data, or name its tenant column under tables",
				ErrPolicy, name, d.Name, d.Where)
		}
	}
	return nil
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

// resolve returns the schema-qualified name a table reference means: its schema, else the first
// schema of the search path where the policy knows the table, else the first schema.
func (c *compiledPolicy) resolve(schema, name string) string {
	if schema != "" {
		return schema + "." + name
	}
	for _, s := range c.searchPath {
		if c.tables[s+"."+name] != nil {
			return s + "." + name
		}
	}
	return c.searchPath[0] + "." + name
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
			if exposingViews[name] {
				return exposingTable
			}
			return globalTable
		}
	} else {
		if schema == "pg_catalog" || schema == "information_schema" || schema == "public" && exposingViews[name] {
			if exposingViews[name] {
				return exposingTable
			}
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

var (
	globalTable   = &tableInfo{known: true}
	exposingTable = &tableInfo{known: true, exposes: true}
)

// exposingViews are system views that show other tenants' data: column statistics hold common
// values and histograms of every tenant's rows; activity views hold other sessions' SQL.
var exposingViews = map[string]bool{
	"pg_stats": true, "pg_stats_ext": true, "pg_stats_ext_exprs": true, "pg_statistic": true,
	"pg_statistic_ext_data": true, "pg_stat_activity": true, "pg_stat_statements": true,
	"pg_largeobject": true, "pg_prepared_statements": true, "pg_cursors": true,
}

// sharedConst reports whether a constant may be a shared tenant value: a quoted string also
// when a numeric column would read it as one ('00' for 0), so writes cannot reach shared rows
// by spelling.
func (c *compiledPolicy) sharedConst(key string) bool {
	if c.shared[key] {
		return true
	}
	if content, ok := strings.CutPrefix(key, "s:"); ok {
		if n, ok := numericKey(content); ok {
			return c.shared[n]
		}
	}
	return false
}

// literalKey canonicalises the SQL text of a constant ("0", "-1.50", "'acme'") for comparison;
// see constKey. It reports false for text that is not a plain constant.
func literalKey(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return constKey(strings.ReplaceAll(s[1:len(s)-1], "''", "'"), true)
	}
	return constKey(s, false)
}

// constKey canonicalises a constant's value. An unquoted number is keyed by its exact decimal
// value (0, 00, 0.0, -0 and 0e0 are one value); an unquoted number that is not whole is no tenant
// constant (0.4 written into an integer column rounds to 0). A quoted string is keyed by its
// exact content: '7' and '07' are two tenants of a text column. Other unquoted text is not a
// constant.
func constKey(s string, quoted bool) (string, bool) {
	if quoted {
		return "s:" + s, true
	}
	n, ok := decimalKey(strings.TrimSpace(s))
	if !ok || strings.Contains(n, "/") {
		return "", false
	}
	return "n:" + n, true
}

// numericKey is the key a quoted string has when a numeric column reads it ('00' is 0).
func numericKey(s string) (string, bool) {
	n, ok := decimalKey(strings.TrimSpace(s))
	if !ok {
		return "", false
	}
	return "n:" + n, true
}

// decimalKey returns the exact value of a decimal literal ([+-]digits[.digits][e[+-]digits]).
func decimalKey(s string) (string, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return "", false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 || exp > 4 {
			return "", false // no exponent, or one too large to compute exactly here
		}
	}
	if i != len(s) {
		return "", false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return "", false
	}
	return r.RatString(), true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// valueKey canonicalises a Go value as constKey does SQL constants: integers by value, strings
// by content (a numeric string as its number). It reports false for other types.
func valueKey(v any) (string, bool) {
	switch x := v.(type) {
	case int64:
		// constKey of an integer's decimal text, which is already canonical.
		return "n:" + strconv.FormatInt(x, 10), true
	case string:
		return constKey(x, true)
	}
	return "", false
}

// SameConstant reports whether an SQL constant, as written ("42", "'acme'", "'it”s'"), has the
// value v, an int64 or a string, under the checker's canonical comparison.
func SameConstant(literal string, v any) bool {
	a, ok := literalKey(literal)
	if !ok {
		return false
	}
	b, ok := valueKey(v)
	return ok && a == b
}

// SharedTenant reports whether v, an int64 or a string, is one of the policy's shared tenant
// values.
func (c *Checker) SharedTenant(v any) bool {
	if len(c.pol.shared) == 0 {
		return false
	}
	k, ok := valueKey(v)
	return ok && c.pol.sharedConst(k)
}

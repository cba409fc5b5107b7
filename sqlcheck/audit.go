package sqlcheck

import (
	"fmt"
	"slices"
	"strings"
)

// The schema audit (tenantvet schema): what the policy makes of every table of the schema,
// and the problems of the schema itself that statements cannot fix: foreign keys that can point
// into another tenant, unique keys that span tenants, and tables with no tenant column and no
// owner that look tenant-owned. It is a tenancy decision, so it lives here, beside the rules
// that read the same keys.

// A TableKind is what the policy makes of a table.
type TableKind string

// The kinds of table (docs/contract.md, section 6).
const (
	TenantTable         TableKind = "tenant"
	OwnedThroughTable   TableKind = "owned-through"
	ReachedThroughTable TableKind = "reached-through"
	GlobalTable         TableKind = "global"
	// UnownedTable: no tenant column, no owner and not declared, but a column looks like a
	// key of a tenant-owned table. The checker refuses its statements until tenantq.yaml
	// (global_tables) or the schema (a foreign key) says what it is.
	UnownedTable TableKind = "unowned"
)

// A TableReport is one table of the schema as the policy sees it.
type TableReport struct {
	// Table is the table's name, schema-qualified unless it is in the first schema of the
	// search path.
	Table string    `json:"table"`
	Kind  TableKind `json:"kind"`
	// TenantColumn is the tenant column of a tenant table.
	TenantColumn string `json:"tenant_column,omitempty"`
	// Path is how an owned-through or reached-through table reaches a tenant column:
	// "line_items.order_id -> orders.id".
	Path string `json:"path,omitempty"`
	// Declared reports that the policy names the table (global_tables or tables) rather than
	// the schema deciding.
	Declared bool `json:"declared,omitempty"`
	// Schema and Name name the table as the catalog does: Schema is never empty.
	Schema string `json:"-"`
	Name   string `json:"-"`
	// Through is Path as keys: for an owned-through table, each owning key from the table to
	// the tenant table; for a reached-through table, its link, from the table to the link
	// table.
	Through []KeyStep `json:"-"`
}

// A KeyStep is one key of a [TableReport]'s path: Columns of Schema.Table equal RefColumns
// of RefSchema.RefTable, position by position.
type KeyStep struct {
	Schema, Table       string
	Columns             []string
	RefSchema, RefTable string
	RefColumns          []string
}

// A SchemaFinding is a problem of the schema that the audit found.
type SchemaFinding struct {
	// Kind is "cross-tenant-key", "unique-across-tenants" or "unowned".
	Kind  string `json:"kind"`
	Table string `json:"table"`
	// Message says what is wrong; Fix is the migration, in SQL, that fixes it.
	Message string `json:"message"`
	Fix     string `json:"fix"`
	// Where is where the key was declared ("file:line"), when known.
	Where string `json:"where,omitempty"`
}

// Audit returns every schema table of the policy as the policy sees it, sorted by name, and
// the problems of the schema, in table order.
func (c *Checker) Audit() ([]TableReport, []SchemaFinding) {
	p := c.pol
	var tables []TableReport
	var findings []SchemaFinding
	names := make(map[*tableInfo][2]string, len(p.schema))
	for _, t := range p.schema {
		canon := p.qualify(t.Schema, t.Name)
		names[p.tables[canon]] = [2]string{strings.TrimSuffix(canon, "."+t.Name), t.Name}
	}
	step := func(from *tableInfo, l *keyLink) KeyStep {
		a, b := names[from], names[l.other]
		return KeyStep{Schema: a[0], Table: a[1], Columns: slices.Clone(l.a), RefSchema: b[0], RefTable: b[1], RefColumns: slices.Clone(l.b)}
	}
	for _, t := range p.schema {
		canon := p.qualify(t.Schema, t.Name)
		info := p.tables[canon]
		r := TableReport{Table: tableName(canon), TenantColumn: info.tenantCol, Declared: p.declared[canon]}
		r.Schema, r.Name = names[info][0], names[info][1]
		switch {
		case info.tenantCol != "":
			r.Kind = TenantTable
		case info.owner != nil:
			r.Kind, r.Path = OwnedThroughTable, ownerPath(info)
			for t := info; t.owner != nil && len(r.Through) <= len(p.schema); t = t.owner.other {
				r.Through = append(r.Through, step(t, t.owner))
			}
		case len(info.suspects) > 0:
			r.Kind = UnownedTable
		case info.reach != nil:
			l := info.reach
			r.Kind = ReachedThroughTable
			r.Path = fmt.Sprintf("%s.%s <- %s.%s", r.Table, strings.Join(l.a, ","), tableName(l.other.canon), strings.Join(l.b, ","))
			r.Through = []KeyStep{step(info, l)}
		default:
			r.Kind = GlobalTable
		}
		tables = append(tables, r)
		findings = append(findings, p.auditTable(t, info, r)...)
	}
	slices.SortFunc(tables, func(a, b TableReport) int { return strings.Compare(a.Table, b.Table) })
	slices.SortStableFunc(findings, func(a, b SchemaFinding) int { return strings.Compare(a.Table, b.Table) })
	return tables, findings
}

// ownerPath spells the chain of owning keys of an owned-through table down to a tenant table.
func ownerPath(info *tableInfo) string {
	var parts []string
	for t := info; t.owner != nil; t = t.owner.other {
		parts = append(parts, fmt.Sprintf("%s.%s -> %s.%s", tableName(t.canon), strings.Join(t.owner.a, ","), tableName(t.owner.other.canon), strings.Join(t.owner.b, ",")))
		if len(parts) > len(info.links)+64 {
			break // a cycle; keys() refuses those, so this is only a guard
		}
	}
	return strings.Join(parts, ", ")
}

// keepsTenant reports whether fk takes the tenant column of its table to the referenced
// table's tenant column: the referenced row then belongs to the same tenant, whatever else
// the key holds (customers.tenant_id to accounts.id, when accounts is keyed by id).
func keepsTenant(info, ref *tableInfo, fk ForeignKey) bool {
	for i, c := range fk.Columns {
		if c == info.tenantCol && i < len(fk.RefColumns) && fk.RefColumns[i] == ref.tenantCol {
			return true
		}
	}
	return false
}

// auditTable finds the problems of one table.
func (p *compiledPolicy) auditTable(t Table, info *tableInfo, r TableReport) []SchemaFinding {
	var out []SchemaFinding
	if info.tenantCol != "" {
		for _, fk := range t.ForeignKeys {
			ref := p.tables[p.resolve(fk.RefSchema, fk.RefTable)]
			if ref == nil || ref.tenantCol == "" || compositeLink(info, ref, fk) != nil || keepsTenant(info, ref, fk) {
				continue
			}
			out = append(out, SchemaFinding{
				Kind: "cross-tenant-key", Table: r.Table, Where: fk.Where,
				Message: fmt.Sprintf("foreign key %s (%s) to %s (%s) can point into another tenant: nothing makes the referenced row's %s equal this row's %s%s",
					fk.Name, strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "), ref.tenantCol, info.tenantCol, cascadeNote(fk)),
				Fix: compositeFix(r.Table, info, tableName(ref.canon), ref, fk),
			})
		}
		for i, u := range t.Unique {
			if len(t.Unique[0]) == 1 && t.Unique[0][0] == info.tenantCol {
				break // the tenants' own table: one row per tenant, so every key spans tenants
			}
			if i == 0 || slices.Contains(u, info.tenantCol) {
				continue // the primary key (ids are generated), or a key within one tenant
			}
			out = append(out, SchemaFinding{
				Kind: "unique-across-tenants", Table: r.Table,
				Message: fmt.Sprintf("unique key (%s) spans tenants: an INSERT that fails on it tells one tenant that another holds the value", strings.Join(u, ", ")),
				Fix: fmt.Sprintf("ALTER TABLE %s ADD UNIQUE (%s);\n-- then drop the unique constraint or index on (%s)",
					quoteQualified(r.Table), strings.Join(quoteAll(append([]string{info.tenantCol}, u...)), ", "), strings.Join(quoteAll(u), ", ")),
			})
		}
		return out
	}
	for _, sus := range info.suspects {
		refCol := "id"
		if len(sus.target.unique) > 0 && len(sus.target.unique[0]) == 1 {
			refCol = sus.target.unique[0][0]
		}
		fkName := quoteIdent(strings.ReplaceAll(r.Table, ".", "_") + "_" + sus.col + "_fkey")
		out = append(out, SchemaFinding{
			Kind: "unowned", Table: r.Table,
			Message: fmt.Sprintf("has no tenant column and no foreign key, but its column %s looks like a key of %s, whose rows belong to tenants: statements that read or write it are refused until tenantq.yaml or the schema says what it is", sus.col, tableName(sus.target.canon)),
			Fix: fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s) NOT VALID;\nALTER TABLE %s VALIDATE CONSTRAINT %s;\n-- or, if it holds no tenant data, list %s under global_tables in tenantq.yaml",
				quoteQualified(r.Table), fkName, quoteIdent(sus.col), quoteQualified(tableName(sus.target.canon)), quoteIdent(refCol),
				quoteQualified(r.Table), fkName, r.Table),
		})
	}
	return out
}

// cascadeNote says what a referential action adds to a key that can cross tenants.
func cascadeNote(fk ForeignKey) string {
	for _, a := range []string{fk.OnDelete, fk.OnUpdate} {
		switch a {
		case "cascade", "set null", "set default":
			return fmt.Sprintf("; with ON %s %s, a tenant's write to the referenced row changes another tenant's rows",
				map[bool]string{true: "DELETE", false: "UPDATE"}[a == fk.OnDelete], strings.ToUpper(a))
		}
	}
	return ""
}

// compositeFix is the migration that makes a foreign key hold both tenant columns: a unique key
// on the parent's tenant column and referenced columns (where it has none), the composite key
// added NOT VALID (no long lock), validated (which fails on a row that points into another
// tenant), then the old key dropped.
func compositeFix(table string, t *tableInfo, parent string, p *tableInfo, fk ForeignKey) string {
	var b strings.Builder
	refCols := append([]string{p.tenantCol}, fk.RefColumns...)
	if !slices.ContainsFunc(p.unique, func(u []string) bool { return sameSet(u, refCols) }) {
		fmt.Fprintf(&b, "ALTER TABLE %s ADD UNIQUE (%s);\n", quoteQualified(parent), strings.Join(quoteAll(refCols), ", "))
	}
	name := strings.ReplaceAll(table, ".", "_") + "_" + t.tenantCol + "_" + strings.Join(fk.Columns, "_") + "_fkey"
	actions := ""
	if fk.OnDelete != "" && fk.OnDelete != "no action" {
		actions += " ON DELETE " + strings.ToUpper(fk.OnDelete)
		if fk.OnDelete == "set null" || fk.OnDelete == "set default" {
			actions += " (" + strings.Join(quoteAll(fk.Columns), ", ") + ")" // never the tenant column
		}
	}
	if fk.OnUpdate != "" && fk.OnUpdate != "no action" {
		actions += " ON UPDATE " + strings.ToUpper(fk.OnUpdate)
	}
	fmt.Fprintf(&b, "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)%s NOT VALID;\n",
		quoteQualified(table), quoteIdent(name), strings.Join(quoteAll(append([]string{t.tenantCol}, fk.Columns...)), ", "),
		quoteQualified(parent), strings.Join(quoteAll(refCols), ", "), actions)
	fmt.Fprintf(&b, "ALTER TABLE %s VALIDATE CONSTRAINT %s;\n", quoteQualified(table), quoteIdent(name))
	if fk.Name != "" {
		fmt.Fprintf(&b, "ALTER TABLE %s DROP CONSTRAINT %s;", quoteQualified(table), quoteIdent(fk.Name))
	}
	return b.String()
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

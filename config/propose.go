package config

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantq/tenantq/sqlcheck"
)

// tenantColumnNames are the column names that usually hold a tenant, in order of preference.
var tenantColumnNames = []string{
	"tenant_id", "tenantid", "organization_id", "organizationid", "org_id", "orgid",
	"account_id", "accountid", "workspace_id", "workspaceid", "team_id", "teamid",
	"company_id", "companyid", "customer_id", "customerid", "project_id", "projectid", "user_id", "userid",
}

// A Proposal is the tenantq.yaml [Propose] suggests for a schema, each choice with its reason.
type Proposal struct {
	// TenantColumns are the proposed tenant columns; Candidates every column name that could
	// be one, with the number of tables that carry it, most first.
	TenantColumns []string
	Candidates    []Candidate
	// Uncovered are the other candidates that tables without a proposed tenant column carry,
	// with the number of those tables (org_id where project_id is proposed): another level
	// of tenancy the team may add as a further tenant column.
	Uncovered []Candidate
	// Owners names an owning key for each table whose owner is ambiguous: the first candidate
	// whose columns are all NOT NULL, else the first; Alternatives lists the others.
	Owners       map[string][]string
	Alternatives map[string][]string
	// TenantTables are the tables whose rows are the tenants, with their key: the tenant
	// column of tenant tables references that key alone (traces.project_id references
	// projects.id). They are proposed under tables with the key as their tenant column, so
	// that a tenant reads its own row only, rather than as global tables.
	TenantTables map[string]string
	// SubTenants are proposed sub-tenant keys: a candidate column that names a row of a
	// tenant table and sits beside the tenant column.
	SubTenants []sqlcheck.SubTenant
	// Links are membership tables found for global tables: a tenant table with a
	// single-column foreign key to a table that has no tenant column and no owner (users
	// through users_accounts). They are proposed commented out: only the team knows whether
	// the table's rows belong to the tenants that link them.
	Links map[string]sqlcheck.Link
	// Tables is what the policy makes of each table; Findings the schema audit's findings.
	Tables   []sqlcheck.TableReport
	Findings []sqlcheck.SchemaFinding

	// SchemaNote, set by the caller, is written as comment lines above the schema key, to
	// say where the schema came from. SearchPath, set by the caller, is written as the
	// search_path key when it is not just public.
	SchemaNote []string
	SearchPath []string
}

// A Candidate is a column name and how many tables carry it.
type Candidate struct {
	Column string
	Tables int
}

// Propose reads a schema and proposes the policy tenantvet init writes: the tenant columns by
// how many tables carry them, an owner for each table whose owner is ambiguous, sub-tenant
// keys, and every table's kind. It returns an error when no column of the schema looks like a
// tenant column.
func Propose(tables []sqlcheck.Table) (*Proposal, error) {
	counts := map[string]int{}
	for _, t := range tables {
		for _, c := range t.Columns {
			if slices.Contains(tenantColumnNames, strings.ToLower(c)) {
				counts[c]++
			}
		}
	}
	p := &Proposal{}
	for c, n := range counts {
		p.Candidates = append(p.Candidates, Candidate{c, n})
	}
	rank := func(c string) int { return slices.Index(tenantColumnNames, strings.ToLower(c)) }
	slices.SortFunc(p.Candidates, func(a, b Candidate) int {
		if a.Tables != b.Tables {
			return b.Tables - a.Tables
		}
		return rank(a.Column) - rank(b.Column)
	})
	if len(p.Candidates) == 0 {
		return nil, errors.New("no column of the schema looks like a tenant column (tenant_id, organization_id, account_id, workspace_id, team_id, user_id, ...): write tenantq.yaml's tenant_columns by hand")
	}
	// The top candidate, and the same name in another spelling (tenant_id and "tenantId").
	norm := func(c string) string { return strings.ReplaceAll(strings.ToLower(c), "_", "") }
	top := p.Candidates[0]
	for _, c := range p.Candidates {
		if norm(c.Column) == norm(top.Column) {
			p.TenantColumns = append(p.TenantColumns, c.Column)
		}
	}
	// The tables the tenant column references: the tenants themselves.
	tenantCol := func(t sqlcheck.Table) string {
		for _, c := range p.TenantColumns {
			if slices.Contains(t.Columns, c) {
				return c
			}
		}
		return ""
	}
	for _, t := range tables {
		tc := tenantCol(t)
		for _, fk := range t.ForeignKeys {
			if tc == "" || !slices.Equal(fk.Columns, []string{tc}) {
				continue
			}
			r := findTable(tables, fk.RefSchema, fk.RefTable)
			name := tableRef(fk.RefSchema, fk.RefTable)
			if r == nil || tenantCol(*r) != "" || !uniqueAlone(tables, fk.RefSchema, fk.RefTable, fk.RefColumns[0]) {
				continue
			}
			if p.TenantTables == nil {
				p.TenantTables = map[string]string{}
			}
			if _, dup := p.TenantTables[name]; !dup {
				p.TenantTables[name] = fk.RefColumns[0]
			}
		}
	}
	for _, cand := range p.Candidates {
		if slices.Contains(p.TenantColumns, cand.Column) {
			continue
		}
		n := 0
		for _, t := range tables {
			if _, tenants := p.TenantTables[qualified(t)]; !tenants && tenantCol(t) == "" && slices.Contains(t.Columns, cand.Column) {
				n++
			}
		}
		if n > 0 {
			p.Uncovered = append(p.Uncovered, Candidate{cand.Column, n})
		}
	}
	policy := sqlcheck.Policy{TenantColumns: p.TenantColumns, Schema: tables, Tables: p.TenantTables}
	c, err := sqlcheck.New(policy)
	var amb *sqlcheck.AmbiguousOwnersError
	if errors.As(err, &amb) {
		p.Owners, p.Alternatives = map[string][]string{}, map[string][]string{}
		notNull := map[string][]string{}
		for _, t := range tables {
			notNull[t.Name] = t.NotNull
			notNull[t.Schema+"."+t.Name] = t.NotNull
		}
		for t, cands := range amb.Candidates {
			// A key whose columns are all NOT NULL first: a row always has that owner.
			cands = slices.Clone(cands)
			slices.SortStableFunc(cands, func(a, b sqlcheck.ForeignKey) int {
				na := !slices.ContainsFunc(a.Columns, func(c string) bool { return !slices.Contains(notNull[t], c) })
				nb := !slices.ContainsFunc(b.Columns, func(c string) bool { return !slices.Contains(notNull[t], c) })
				switch {
				case na == nb:
					return 0
				case na:
					return -1
				}
				return 1
			})
			p.Owners[t] = cands[0].Columns
			for _, fk := range cands[1:] {
				p.Alternatives[t] = append(p.Alternatives[t], fmt.Sprintf("[%s] to %s", strings.Join(fk.Columns, ", "), fk.RefTable))
			}
		}
		policy.Owners = p.Owners
		c, err = sqlcheck.New(policy)
	}
	if err != nil {
		return nil, err
	}
	// A column that a composite foreign key ties to the tenant column, naming a row of
	// another tenant table by a key unique on its own, is a sub-tenant key: tasks.project_id
	// in FOREIGN KEY (organization_id, project_id) REFERENCES projects (organization_id, id).
	seen := map[string]bool{}
	for _, t := range tables {
		tc, _ := c.TenantColumn(qualified(t))
		for _, fk := range t.ForeignKeys {
			i := slices.Index(fk.Columns, tc)
			if tc == "" || len(fk.Columns) != 2 || i < 0 {
				continue
			}
			col, key := fk.Columns[1-i], fk.RefColumns[1-i]
			ref := tableRef(fk.RefSchema, fk.RefTable)
			if rc, _ := c.TenantColumn(ref); rc == "" || rc != fk.RefColumns[i] || seen[col] || !uniqueAlone(tables, fk.RefSchema, fk.RefTable, key) {
				continue
			}
			seen[col] = true
			p.SubTenants = append(p.SubTenants, sqlcheck.SubTenant{Column: col, Table: ref, Key: key})
		}
	}
	p.Tables, p.Findings = c.Audit()
	kinds := map[string]sqlcheck.TableKind{}
	for _, r := range p.Tables {
		kinds[r.Table] = r.Kind
	}
	// Membership links: a tenant table's single-column foreign key to a global table. Of
	// several for one global table the best is the tenants table's own (a project's
	// organization), then a membership's (the tenant column and the link unique together:
	// one row per tenant and user), then one whose column is NOT NULL.
	score := func(t sqlcheck.Table, col string) int {
		n := 0
		if _, ok := p.TenantTables[qualified(t)]; ok {
			n += 4
		}
		if tc := tenantCol(t); slices.ContainsFunc(t.Unique, func(u []string) bool {
			return len(u) == 2 && slices.Contains(u, tc) && slices.Contains(u, col)
		}) {
			n += 2
		}
		if slices.Contains(t.NotNull, col) {
			n++
		}
		return n
	}
	best := map[string]int{}
	for _, t := range tables {
		if kinds[qualified(t)] != sqlcheck.TenantTable {
			continue
		}
		for _, fk := range t.ForeignKeys {
			ref := tableRef(fk.RefSchema, fk.RefTable)
			if len(fk.Columns) != 1 || kinds[ref] != sqlcheck.GlobalTable {
				continue
			}
			if p.Links == nil {
				p.Links = map[string]sqlcheck.Link{}
			}
			n := score(t, fk.Columns[0])
			if old, dup := best[ref]; !dup || n > old {
				best[ref] = n
				p.Links[ref] = sqlcheck.Link{Table: qualified(t), Column: fk.Columns[0]}
			}
		}
	}
	return p, nil
}

// YAML renders the proposal as a tenantq.yaml with a comment on every choice. schema is what
// its schema key names, relative to the file.
func (p *Proposal) YAML(schema []string) []byte {
	var b strings.Builder
	q := strconv.Quote
	// Names come without "public.", as the policy's reports write them; under a search path
	// that does not start with public, that would name the first schema's table.
	name := func(t string) string {
		if len(p.SearchPath) > 0 && p.SearchPath[0] != "public" && !strings.Contains(t, ".") {
			return "public." + t
		}
		return t
	}
	b.WriteString("# yaml-language-server: $schema=" + SchemaURL + "\n")
	b.WriteString("# Proposed by tenantvet init. Review every choice: each comment says why it was made.\n")
	b.WriteString("version: 1\n\n")
	fmt.Fprintf(&b, "# Tenant column candidates by the number of tables that carry them:")
	for _, c := range p.Candidates {
		fmt.Fprintf(&b, " %s %d,", c.Column, c.Tables)
	}
	b.WriteString(" the first (in each of its spellings) is proposed.\n")
	b.WriteString("tenant_columns: [")
	for i, c := range p.TenantColumns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(q(c))
	}
	b.WriteString("]\n")
	if len(p.Uncovered) > 0 {
		var list []string
		for _, c := range p.Uncovered {
			list = append(list, fmt.Sprintf("%s %d", c.Column, c.Tables))
		}
		fmt.Fprintf(&b, "# Other candidates, on tables without the proposed column (below as global or owned through\n# a key): %s.\n# If one is another level of tenancy (organizations above projects), add it after the\n# proposed columns: it becomes the tenant column of the tables without them, and each\n# statement pins the one tenant value it reads.\n", strings.Join(list, ", "))
	}
	b.WriteString("\n")
	for _, line := range p.SchemaNote {
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	b.WriteString("schema:\n")
	for _, s := range schema {
		fmt.Fprintf(&b, "  - %s\n", q(s))
	}
	if len(p.SearchPath) > 0 && !slices.Equal(p.SearchPath, []string{"public"}) {
		b.WriteString("\n# The schemas the tables were read from, in order: unqualified names in queries resolve\n# through them as through PostgreSQL's search_path.\nsearch_path: [")
		b.WriteString(strings.Join(quoteEach(p.SearchPath), ", "))
		b.WriteString("]\n")
	}
	if len(p.TenantTables) > 0 {
		b.WriteString("\n# The tenants themselves: the tenant column of other tables references these tables' keys,\n# so each row is one tenant's and its key is its tenant column: a tenant reads its own row\n# only. Move a table to global_tables if every tenant may read all of its rows.\ntables:\n")
		for _, t := range slices.Sorted(maps.Keys(p.TenantTables)) {
			fmt.Fprintf(&b, "  %s: %s\n", q(name(t)), q(p.TenantTables[t]))
		}
	}
	var global, unowned []string
	flagged := map[string]string{}
	for _, f := range p.Findings {
		if f.Kind == "unowned" {
			// "has no tenant column and no foreign key, but its column dag_id looks like a
			// key of v1_dag, whose rows belong to tenants: ..." says why in its middle.
			msg := f.Message
			if _, why, ok := strings.Cut(msg, ", but "); ok {
				msg, _, _ = strings.Cut(why, ":")
			}
			flagged[f.Table] = msg
		}
	}
	counts := map[sqlcheck.TableKind]int{}
	for _, t := range p.Tables {
		counts[t.Kind]++
		if t.Kind != sqlcheck.GlobalTable && t.Kind != sqlcheck.UnownedTable {
			continue
		}
		if _, ok := flagged[t.Table]; ok || t.Kind == sqlcheck.UnownedTable {
			unowned = append(unowned, t.Table)
		} else {
			global = append(global, t.Table)
		}
	}
	fmt.Fprintf(&b, "\n# The schema has %d tenant tables, %d owned through a parent by a foreign key (each\n# needs a pin through that key), %d reached through a link table and %d with neither a\n# tenant column nor an owner.\n",
		counts[sqlcheck.TenantTable], counts[sqlcheck.OwnedThroughTable], counts[sqlcheck.ReachedThroughTable], counts[sqlcheck.GlobalTable]+counts[sqlcheck.UnownedTable])
	b.WriteString("# Tables that hold no tenant data. Listed so that the file says it, not the schema alone:\n# remove any that does hold tenant data and give it a tenant column or a foreign key.\n")
	b.WriteString("global_tables:\n")
	for _, t := range global {
		fmt.Fprintf(&b, "  - %s\n", q(name(t)))
	}
	if len(global) == 0 {
		b.WriteString("  []\n")
	}
	if len(unowned) > 0 {
		b.WriteString("# Not proposed as global: each has no tenant column and no foreign key, but looks\n# tenant-owned, so the checker refuses its statements until you decide. Add its foreign key\n# to the schema (or name its tenant column under tables), or list it above once checked.\n")
		for _, t := range unowned {
			fmt.Fprintf(&b, "#   %s: %s\n", name(t), flagged[t])
		}
	}
	if len(p.Owners) > 0 {
		b.WriteString("\n# Tables with no tenant column and several foreign keys to tenant-owned tables: the first key\n# whose columns are NOT NULL is proposed as the owner; the comment names the others.\nowners:\n")
		for _, t := range slices.Sorted(maps.Keys(p.Owners)) {
			fmt.Fprintf(&b, "  %s: [%s]", q(name(t)), strings.Join(quoteEach(p.Owners[t]), ", "))
			if alt := p.Alternatives[t]; len(alt) > 0 {
				fmt.Fprintf(&b, "  # or %s", strings.Join(alt, ", or "))
			}
			b.WriteString("\n")
		}
	}
	if len(p.SubTenants) > 0 {
		b.WriteString("\n# Nested tenants: a column naming a row of a tenant table. It pins only where a composite\n# foreign key (with the tenant column) or ownership ties it to the tenant; remove it if\n# your application does not scope requests to it.\nsub_tenants:\n")
		for _, s := range p.SubTenants {
			fmt.Fprintf(&b, "  %s: %s\n", q(s.Column), q(name(s.Table)+"."+s.Key))
		}
	}
	if len(p.Links) > 0 {
		b.WriteString("\n# Global tables a tenant table links to, as a membership table does. If a tenant may see\n# only the rows it links to (users through a membership), uncomment the line: the table is\n# then reached through the link and every read of it needs the link pinned.\n# reached_through:\n")
		for _, t := range slices.Sorted(maps.Keys(p.Links)) {
			fmt.Fprintf(&b, "#   %s: %s\n", q(name(t)), q(name(p.Links[t].Table)+"."+p.Links[t].Column))
		}
	}
	b.WriteString("\n# Unknown tables (not in the schema) are tenant-scoped: the checker fails closed.\nunknown_tables: tenant\n")
	return []byte(b.String())
}

func quoteEach(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strconv.Quote(x)
	}
	return out
}

// qualified names a schema table as the policy's reports do.
func qualified(t sqlcheck.Table) string { return tableRef(t.Schema, t.Name) }

// tableRef names a table as the policy's reports do: public's tables without their schema,
// as unqualified names mean them under the default search path.
func tableRef(schema, name string) string {
	if schema == "" || schema == "public" {
		return name
	}
	return schema + "." + name
}

// findTable returns the named table of the schema, or nil.
func findTable(tables []sqlcheck.Table, schema, name string) *sqlcheck.Table {
	for i, t := range tables {
		if t.Name == name && tableRef(t.Schema, "") == tableRef(schema, "") {
			return &tables[i]
		}
	}
	return nil
}

// uniqueAlone reports whether col is a unique key of the named table on its own.
func uniqueAlone(tables []sqlcheck.Table, schema, name, col string) bool {
	t := findTable(tables, schema, name)
	return t != nil && slices.ContainsFunc(t.Unique, func(u []string) bool { return len(u) == 1 && u[0] == col })
}

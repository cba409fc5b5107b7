package rls

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/tenantq/tenantq/sqlcheck"
)

// A Migration is the SQL that turns row-level security on (Up) and off again (Down).
type Migration struct {
	// Up creates the unscoped role if it is missing, grants it, and for each table of Tables
	// enables and forces row-level security and (re)creates tenantq's policies. It can run
	// again: it replaces the policies it wrote before, so a migration written after the
	// schema grew covers the new tables too.
	Up string
	// Down drops the policies and disables row-level security on the same tables. It leaves
	// the role, which other databases of the cluster may use.
	Down string
	// Tables are the tables the policies hold, in the order Up lists them.
	Tables []sqlcheck.TableReport
	// Global are the tables left alone: global tables of the policy.
	Global []string
}

// A Problem is a table Generate cannot write a policy for, and why.
type Problem struct {
	Table  string
	Reason string
}

// An Error lists every table Generate cannot write a policy for. Generate writes nothing
// then: a migration that left out a tenant table would look complete.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cannot write row-level security for %d table", len(e.Problems))
	if len(e.Problems) > 1 {
		b.WriteString("s")
	}
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  %s: %s", p.Table, p.Reason)
	}
	return b.String()
}

// sharedLiteral is what a shared tenant must look like to be written into a policy: an
// integer or a string literal.
var sharedLiteral = regexp.MustCompile(`^(-?[0-9]+|'([^']|'')*')$`)

// Generate writes the row-level security migration for the policy's schema. The policy
// must have a schema: the policies are per table, and the tenant is cast to each tenant
// column's type. p.RowLevelSecurity names the parameter and the role; nil means the
// defaults. It returns an [*Error] naming every table it cannot protect: an unowned table
// (settle it in tenantq.yaml or with a foreign key first) or a tenant column whose type the
// schema does not say.
func Generate(p sqlcheck.Policy) (*Migration, error) {
	if len(p.Schema) == 0 {
		return nil, fmt.Errorf("rls: the policy has no schema: row-level security is written per table; set schema in tenantq.yaml")
	}
	c, err := sqlcheck.New(p)
	if err != nil {
		return nil, err
	}
	settings := sqlcheck.RowLevelSecurity{}
	if p.RowLevelSecurity != nil {
		settings = *p.RowLevelSecurity
	}
	reports, findings := c.Audit()
	unowned := map[string]string{}
	for _, f := range findings {
		if f.Kind == string(sqlcheck.UnownedTable) {
			_, why, _ := strings.Cut(f.Message, "but ")
			why, _, _ = strings.Cut(why, ":")
			unowned[f.Table] = why
		}
	}
	g := &generator{
		setting: settings.TenantSetting(),
		role:    settings.Role(),
		reports: make(map[[2]string]sqlcheck.TableReport, len(reports)),
		types:   make(map[[2]string]map[string]string, len(p.Schema)),
	}
	first := "public"
	if len(p.SearchPath) > 0 {
		first = p.SearchPath[0]
	}
	for _, t := range p.Schema {
		s := t.Schema
		if s == "" {
			s = first
		}
		g.types[[2]string{s, t.Name}] = t.Types
	}
	for _, r := range reports {
		g.reports[[2]string{r.Schema, r.Name}] = r
	}
	var problems []Problem
	for _, s := range p.SharedTenants {
		if !sharedLiteral.MatchString(s) {
			problems = append(problems, Problem{Table: "shared_tenants", Reason: fmt.Sprintf("%s is neither an integer nor a string literal", s)})
		}
	}
	g.shared = p.SharedTenants

	m := &Migration{}
	var up, down strings.Builder
	var schemas []string
	for _, r := range reports {
		switch r.Kind {
		case sqlcheck.GlobalTable:
			m.Global = append(m.Global, r.Table)
			if !slices.Contains(schemas, r.Schema) {
				schemas = append(schemas, r.Schema)
			}
			continue
		case sqlcheck.UnownedTable:
			why := unowned[r.Table]
			if why == "" {
				why = "a column looks like a key of a tenant-owned table"
			}
			problems = append(problems, Problem{Table: r.Table, Reason: "no tenant column and no owning foreign key, but " + why + ": give it the foreign key (tenantvet schema writes the migration), or list it under global_tables in tenantq.yaml"})
			continue
		}
		policies, err := g.table(r)
		if err != nil {
			problems = append(problems, Problem{Table: r.Table, Reason: err.Error()})
			continue
		}
		if !slices.Contains(schemas, r.Schema) {
			schemas = append(schemas, r.Schema)
		}
		m.Tables = append(m.Tables, r)
		up.WriteString(policies)
		name := qualified(r.Schema, r.Name)
		fmt.Fprintf(&down, "DROP POLICY IF EXISTS tenantq_tenant ON %s;\n", name)
		for _, extra := range policyNames[1:] {
			if g.creates(r, extra) {
				fmt.Fprintf(&down, "DROP POLICY IF EXISTS %s ON %s;\n", extra, name)
			}
		}
		fmt.Fprintf(&down, "ALTER TABLE %s NO FORCE ROW LEVEL SECURITY;\nALTER TABLE %s DISABLE ROW LEVEL SECURITY;\n\n", name, name)
	}
	if len(problems) > 0 {
		return nil, &Error{Problems: problems}
	}
	m.Up = g.header(schemas, m) + up.String()
	m.Down = "-- Row-level security off again (tenantvet rls). The role " + sqlcheck.QuoteIdent(g.role) + " stays: other databases\n-- of the cluster may use it.\n\n" + down.String()
	return m, nil
}

// generator writes the policies of one migration.
type generator struct {
	setting, role string
	shared        []string
	reports       map[[2]string]sqlcheck.TableReport
	types         map[[2]string]map[string]string
}

// header is the top of Up: what the migration does, and the unscoped role with its grants.
func (g *generator) header(schemas []string, m *Migration) string {
	role := sqlcheck.QuoteIdent(g.role)
	var b strings.Builder
	fmt.Fprintf(&b, `-- Row-level security from tenantq.yaml, written by tenantvet rls: %d tables held, %d global
-- tables left alone. A statement sees the rows of the tenant its transaction names,
--     SELECT set_config('%s', '<tenant>', true);
-- which tenantq's runners and guard send before each statement (row_level_security in
-- tenantq.yaml). A transaction that names no tenant sees only shared rows. Unscoped statements
-- run as the role %s (SET LOCAL ROLE), which the policies let through.
-- Superusers and roles with BYPASSRLS are never held: the application must connect as neither.
-- Policies of your own on these tables are ORed with these (both permissive).

-- The role Unscoped(reason) statements run as. It cannot log in.
-- tenantvet:ignore creates a role; no table changes
DO $tenantq$
BEGIN
    CREATE ROLE %s NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$tenantq$;
-- The role the application connects as must be able to SET ROLE to it without inheriting it:
-- a member that inherits the role gets its policies, which let every row through. This
-- grants it to the role that runs the migration; if the application connects as another
-- role, run the same GRANT for that one. PostgreSQL 16 grants without inheritance; before
-- 16, the member itself must be NOINHERIT (ALTER ROLE ... NOINHERIT).
-- tenantvet:ignore grants a role; no table changes
DO $tenantq$
BEGIN
    IF current_setting('server_version_num')::int >= 160000 THEN
        EXECUTE format('GRANT %%I TO %%I WITH INHERIT FALSE, SET TRUE', %s, current_user);
    ELSIF (SELECT rolinherit AND NOT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'role %%I inherits the roles granted to it, so it would inherit %%I and see every tenant''s rows', current_user, %s
            USING HINT = format('On PostgreSQL before 16, run ALTER ROLE %%I NOINHERIT first, or run this migration as a NOINHERIT role.', current_user);
    ELSE
        EXECUTE format('GRANT %%I TO %%I', %s, current_user);
    END IF;
END
$tenantq$;
`, len(m.Tables), len(m.Global), g.setting, role, role, literal(g.role), literal(g.role), literal(g.role))
	for _, s := range schemas {
		qs := sqlcheck.QuoteIdent(s)
		fmt.Fprintf(&b, `GRANT USAGE ON SCHEMA %s TO %s;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %s TO %s;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO %s;
ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %s;
ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT USAGE, SELECT ON SEQUENCES TO %s;
`, qs, role, qs, role, qs, role, qs, role, qs, role)
	}
	b.WriteString("\n")
	return b.String()
}

// table writes the statements that hold one table.
func (g *generator) table(r sqlcheck.TableReport) (string, error) {
	name := qualified(r.Schema, r.Name)
	self := sqlcheck.QuoteIdent(r.Name)
	mine, err := g.cond(r, self, false, 0)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- %s: %s", r.Table, r.Kind)
	switch {
	case r.TenantColumn != "":
		fmt.Fprintf(&b, " (%s)", r.TenantColumn)
	case r.Path != "":
		fmt.Fprintf(&b, ", %s", r.Path)
	}
	fmt.Fprintf(&b, ".\nALTER TABLE %s ENABLE ROW LEVEL SECURITY;\nALTER TABLE %s FORCE ROW LEVEL SECURITY;\n", name, name)
	// The policies an earlier run wrote for another kind of table, or with shared tenants,
	// go: PostgreSQL would OR what is left with the new ones.
	for _, p := range policyNames {
		if !g.creates(r, p) {
			fmt.Fprintf(&b, "DROP POLICY IF EXISTS %s ON %s;\n", p, name)
		}
	}
	policy := func(policy, cmd, using, check string) {
		fmt.Fprintf(&b, "DROP POLICY IF EXISTS %s ON %s;\nCREATE POLICY %s ON %s", policy, name, policy, name)
		if cmd != "" {
			b.WriteString(" FOR " + cmd)
		}
		if using != "" {
			fmt.Fprintf(&b, "\n    USING (%s)", using)
		}
		if check != "" {
			fmt.Fprintf(&b, "\n    WITH CHECK (%s)", check)
		}
		b.WriteString(";\n")
	}
	if r.Kind == sqlcheck.ReachedThroughTable {
		// Every tenant with a link row sees the row; the row is no tenant's own, so a new
		// one may be inserted (it shows nothing until a link names it), and it is changed
		// or deleted through a link, as the checker accepts.
		policy("tenantq_tenant", "SELECT", mine, "")
		policy("tenantq_insert", "INSERT", "", "true")
		policy("tenantq_update", "UPDATE", mine, "true")
		policy("tenantq_delete", "DELETE", mine, "")
	} else {
		policy("tenantq_tenant", "", mine, mine)
	}
	if len(g.shared) > 0 {
		shared, err := g.cond(r, self, true, 0)
		if err != nil {
			return "", err
		}
		policy("tenantq_shared", "SELECT", shared, "")
	}
	fmt.Fprintf(&b, "DROP POLICY IF EXISTS tenantq_unscoped ON %s;\nCREATE POLICY tenantq_unscoped ON %s TO %s USING (true) WITH CHECK (true);\n\n", name, name, sqlcheck.QuoteIdent(g.role))
	return b.String(), nil
}

// policyNames are the names of every policy tenantq writes, or wrote in earlier versions
// (tenantq_read).
var policyNames = []string{"tenantq_tenant", "tenantq_shared", "tenantq_read", "tenantq_insert", "tenantq_update", "tenantq_delete", "tenantq_unscoped"}

// creates reports whether table writes the policy named p on r.
func (g *generator) creates(r sqlcheck.TableReport, p string) bool {
	switch p {
	case "tenantq_tenant", "tenantq_unscoped":
		return true
	case "tenantq_shared":
		return len(g.shared) > 0
	case "tenantq_insert", "tenantq_update", "tenantq_delete":
		return r.Kind == sqlcheck.ReachedThroughTable
	}
	return false
}

// cond is the condition that the row of r, named ref in the SQL, belongs to the tenant of
// the transaction (shared false) or to a shared tenant (shared true).
func (g *generator) cond(r sqlcheck.TableReport, ref string, shared bool, depth int) (string, error) {
	if depth > len(g.reports) {
		return "", fmt.Errorf("its ownership path is a cycle")
	}
	switch r.Kind {
	case sqlcheck.TenantTable:
		col := ref + "." + sqlcheck.QuoteIdent(r.TenantColumn)
		typ := g.types[[2]string{r.Schema, r.Name}][r.TenantColumn]
		if typ == "" {
			return "", fmt.Errorf("the type of its tenant column %q is not known (the schema reader could not tell it, as after CREATE TABLE AS or an array type); the tenant is cast to that type", r.TenantColumn)
		}
		if shared {
			lits := sharedOf(g.shared, typ)
			if len(lits) == 0 {
				return "false", nil
			}
			return fmt.Sprintf("%s IN (%s)", col, strings.Join(lits, ", ")), nil
		}
		return fmt.Sprintf("%s = NULLIF(current_setting('%s', true), '')::%s", col, g.setting, typ), nil
	case sqlcheck.OwnedThroughTable, sqlcheck.ReachedThroughTable:
		if len(r.Through) == 0 {
			return "", fmt.Errorf("no path to a tenant table")
		}
		s := r.Through[0]
		parent, ok := g.reports[[2]string{s.RefSchema, s.RefTable}]
		if !ok {
			return "", fmt.Errorf("its path leads to %s.%s, which is not in the schema", s.RefSchema, s.RefTable)
		}
		alias := fmt.Sprintf("tenantq_%d", depth+1)
		if alias == ref {
			// A table named tenantq_1: the alias would hide it in the join, which would
			// then compare the parent's columns with themselves and hold no row.
			alias += "_"
		}
		inner, err := g.cond(parent, alias, shared, depth+1)
		if err != nil {
			if depth == 0 {
				return "", fmt.Errorf("through %s: %w", parent.Table, err)
			}
			return "", err
		}
		var on []string
		for i, col := range s.Columns {
			on = append(on, fmt.Sprintf("%s.%s = %s.%s", alias, sqlcheck.QuoteIdent(s.RefColumns[i]), ref, sqlcheck.QuoteIdent(col)))
		}
		return fmt.Sprintf("EXISTS (SELECT 1 FROM %s %s WHERE %s AND %s)", qualified(s.RefSchema, s.RefTable), alias, strings.Join(on, " AND "), inner), nil
	}
	return "", fmt.Errorf("a %s table has no tenant", r.Kind)
}

// sharedOf returns the shared tenants a column of type typ can hold, each cast to it. A
// value of another kind can equal no value of the column: an integer is no uuid, a string
// that is not a number is no bigint. Types it does not know (domains, enums) get every
// literal, cast: PostgreSQL refuses the migration if one does not fit, rather than the
// migration dropping it quietly.
func sharedOf(shared []string, typ string) []string {
	var out []string
	for _, lit := range shared {
		isString := strings.HasPrefix(lit, "'")
		fits := true
		switch typ {
		case "smallint", "integer", "bigint", "numeric":
			fits = !isString || integerString.MatchString(lit)
		case "text", "varchar", "bpchar", "citext":
		case "uuid":
			fits = isString && uuidString.MatchString(lit)
		}
		if fits {
			out = append(out, lit+"::"+typ)
		}
	}
	return out
}

// integerString and uuidString match string literals that hold an integer and a uuid.
var (
	integerString = regexp.MustCompile(`^'-?[0-9]+'$`)
	uuidString    = regexp.MustCompile(`^'\{?[0-9A-Fa-f]{8}-?([0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12}\}?'$`)
)

// literal writes s as an SQL string literal.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// qualified writes schema.name, each part quoted where it must be.
func qualified(schema, name string) string {
	return sqlcheck.QuoteIdent(schema) + "." + sqlcheck.QuoteIdent(name)
}

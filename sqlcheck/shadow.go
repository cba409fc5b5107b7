package sqlcheck

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// A relation that comes to stand, on the search path, where the policy knows a table makes
// later statements read something other than what the checker checked: a temporary view
// named like a global table, say, that selects every tenant's rows. These checks cover every
// way a relation gets a name and a schema: CREATE (also inside CREATE SCHEMA), RENAME TO,
// SET SCHEMA, IMPORT FOREIGN SCHEMA; and the ways a table comes to answer for another:
// rules, inheritance and partitions.

// shadow reports a new relation that would shadow a table for later statements.
func (sc *stmtChecker) shadow(rv *pg.RangeVar, what string) {
	if rv == nil {
		return
	}
	schema := rv.Schemaname
	if schema == "" {
		schema = sc.createSchemaName // an element of CREATE SCHEMA is created in that schema
	}
	temp := rv.Relpersistence == "t" || strings.HasPrefix(schema, "pg_temp")
	if sc.shadows(schema, rv.Relname, temp) {
		sc.report(RuleUnverifiable, nil, int(rv.Location),
			fmt.Sprintf("%s %s would shadow a table or system catalog of that name for later statements", what, rv.Relname),
			"give it a name that no known table or system catalog has")
	}
}

// shadows reports whether a relation named name in schema ("" for the server's choice, the
// first schema of its search path) would stand in front of a table the policy knows, or of a
// system catalog.
func (sc *stmtChecker) shadows(schema, name string, temp bool) bool {
	if strings.HasPrefix(name, "pg_") {
		return true
	}
	if !sc.pol.mayBeTable(name) {
		return false
	}
	switch {
	case temp:
		return true // pg_temp comes first in every search path
	case schema == "":
		return false // the table itself, created where the search path says
	}
	// A schema other than the one the name resolves to may come first in the server's search
	// path ("$user", or one set for a role or database).
	return sc.pol.resolve("", name) != schema+"."+name
}

// createSchema checks CREATE SCHEMA and its elements, which are created in the new schema.
func (sc *stmtChecker) createSchema(cs *pg.CreateSchemaStmt, loc int) {
	name := cs.Schemaname
	if name == "" {
		sc.report(RuleUnverifiable, nil, loc, "CREATE SCHEMA AUTHORIZATION without a name creates the schema named like the role, which comes first in the default search path",
			"name the schema")
		name = cs.GetAuthrole().GetRolename()
		if name == "" {
			name = "$user"
		}
	}
	outer := sc.createSchemaName
	sc.createSchemaName = name
	for _, e := range cs.SchemaElts {
		sc.statement(e, loc)
	}
	sc.createSchemaName = outer
}

// relationTypes are the object types a relation of the search path can have.
func relationType(t pg.ObjectType) bool {
	switch t {
	case pg.ObjectType_OBJECT_TABLE, pg.ObjectType_OBJECT_VIEW, pg.ObjectType_OBJECT_MATVIEW,
		pg.ObjectType_OBJECT_FOREIGN_TABLE:
		return true
	}
	return false
}

// rename reports ALTER ... RENAME TO a name the policy knows, of a relation that may not be in
// the schema that name resolves to: unqualified, it may be a temporary relation.
func (sc *stmtChecker) rename(r *pg.RenameStmt) {
	if !relationType(r.RenameType) || r.Relation == nil {
		return
	}
	rv := r.Relation
	temp := strings.HasPrefix(rv.Schemaname, "pg_temp")
	shadow := strings.HasPrefix(r.Newname, "pg_") ||
		sc.pol.mayBeTable(r.Newname) && (temp || rv.Schemaname == "" || sc.shadows(rv.Schemaname, r.Newname, false))
	if shadow {
		sc.report(RuleUnverifiable, nil, int(rv.Location),
			fmt.Sprintf("RENAME TO %s may make a relation the checker has not seen stand where that table is (a temporary or another schema's relation shadows it)", r.Newname),
			fmt.Sprintf("qualify the relation with the schema %s is in, so the checker knows which relation it is", r.Newname))
	}
}

// setSchema reports ALTER ... SET SCHEMA that moves a relation named like a known table into
// another schema, where it may shadow that table.
func (sc *stmtChecker) setSchema(a *pg.AlterObjectSchemaStmt) {
	if !relationType(a.ObjectType) || a.Relation == nil {
		return
	}
	if sc.shadows(a.Newschema, a.Relation.Relname, false) {
		sc.report(RuleUnverifiable, nil, int(a.Relation.Location),
			fmt.Sprintf("SET SCHEMA %s moves %s where it may shadow the table of that name for later statements", a.Newschema, a.Relation.Relname),
			"rename the relation first, so that no known table has its name")
	}
}

// rule reports CREATE RULE: a rule makes later statements on its table run other statements
// (INSTEAD or ALSO), which the checker does not see when it checks them.
func (sc *stmtChecker) rule(r *pg.RuleStmt) {
	if r.Relation == nil {
		return
	}
	sc.report(RuleUnverifiable, nil, int(r.Relation.Location),
		fmt.Sprintf("CREATE RULE %s makes later statements on %s run other statements, which the checker cannot see when it checks them", r.Rulename, r.Relation.Relname),
		"use a trigger, or write the statements the rule would run in the application through tenantq")
}

// inherits reports CREATE TABLE ... INHERITS or PARTITION OF a table that is not a tenant
// table, by a tenant table: reads of the parent return the child's rows, every tenant's.
func (sc *stmtChecker) inherits(c *pg.CreateStmt) {
	child := sc.pol.lookup(c.Relation.Schemaname, c.Relation.Relname)
	if child.tenantCol == "" {
		return
	}
	for _, p := range c.InhRelations {
		sc.parentOf(p.GetRangeVar(), c.Relation.Relname)
	}
}

// parentOf reports a non-tenant parent of the tenant table child.
func (sc *stmtChecker) parentOf(parent *pg.RangeVar, child string) {
	if parent == nil {
		return
	}
	if sc.pol.lookup(parent.Schemaname, parent.Relname).tenantCol != "" {
		return
	}
	sc.report(RuleUnverifiable, nil, int(parent.Location),
		fmt.Sprintf("tenant table %s becomes a child of %s, which is not a tenant table: reading %s returns every tenant's rows of %s", child, parent.Relname, parent.Relname, child),
		"inherit or partition only between tenant tables")
}

// mayBeTable reports whether an unqualified name may be a table of the search path: one the
// policy knows, or, without a schema and with unknown tables tenant-scoped, any name at all.
func (c *compiledPolicy) mayBeTable(name string) bool {
	return c.lookup("", name).known || !c.hasSchema && c.unknown == UnknownTenant
}

package sqlcheck

// A Rule is the stable id of one rule of the tenancy contract.
type Rule string

// The rules of the tenancy contract (docs/contract.md, section 3).
const (
	// RuleUnpinned: a tenant-scoped table occurrence has no pinning predicate.
	RuleUnpinned Rule = "unpinned"
	// RuleMultipleTenants: the statement's pins use more than one tenant value.
	RuleMultipleTenants Rule = "multiple-tenants"
	// RuleTenantWrite: an UPDATE or upsert sets the tenant column to another value.
	RuleTenantWrite Rule = "tenant-write"
	// RuleInsertTenant: an INSERT does not set the tenant column to the statement's tenant value.
	RuleInsertTenant Rule = "insert-tenant"
	// RuleUpsertConflict: ON CONFLICT DO UPDATE could overwrite another tenant's row.
	RuleUpsertConflict Rule = "upsert-conflict"
	// RuleBulk: TRUNCATE or COPY on a tenant table.
	RuleBulk Rule = "bulk"
	// RuleUnverifiable: the checker cannot see what runs.
	RuleUnverifiable Rule = "unverifiable"
	// RuleParse: the text is not valid PostgreSQL or nests too deeply to parse safely.
	RuleParse Rule = "parse"
	// RuleIgnore: a tenantvet:ignore directive without a reason, or one that exempts nothing.
	// It is reported by the tools that read directives, never by the checker.
	RuleIgnore Rule = "ignore"
	// RuleBypass: Go code passes SQL to a database call that is neither a constant nor built by
	// tenantq, so its tenant scope cannot be verified. It is reported by the tenantvet
	// analyzer, never by the checker.
	RuleBypass Rule = "bypass"
)

// A RuleDoc documents one rule: what it rejects, why, and an example before and after the fix.
// The examples hold under the documentation policy: tenant column "tenant_id", "plans" global,
// every other table tenant-scoped.
type RuleDoc struct {
	Rule  Rule
	Title string // one line, lower case, no period
	Text  string // what the rule rejects and why, in a paragraph
	Bad   string // a statement the rule rejects
	Good  string // the same statement fixed
	// Lang is the language of Bad and Good: "" for SQL, "go" for Go code.
	Lang string
}

var ruleDocs = []RuleDoc{
	{
		Rule:  RuleUnpinned,
		Title: "every tenant table needs a predicate pinning it to one tenant",
		Text:  `Every occurrence of a tenant-scoped table (in FROM, JOIN, subqueries, CTE bodies, set-operation arms, and as the target of UPDATE, DELETE or MERGE) must be pinned to one tenant value by an equality on its tenant column: "t.tenant_id = $1" in the WHERE clause of its own query level or an enclosing one, in the ON of an inner join, or in the ON of an outer join for its nullable side. Equalities are transitive, so "d.tenant_id = c.tenant_id" pins d when c is pinned. An OR pins only when every branch pins to the same value; NOT, <>, ranges, IS NULL, = ANY, IN with several values, and a tenant column wrapped in a function never pin. A LEFT JOIN's ON clause does not filter its left side. With a schema, keys pin too (docs/keys.md): a table with no tenant column and a foreign key to a tenant table is owned through it and is pinned by a join on that key to a pinned parent, by "order_id IN (SELECT id FROM orders WHERE tenant_id = $1)" or by a correlated EXISTS; a unique key equal to the pinned rows of the same table, a composite foreign key that includes the tenant column, a link table (reached_through), a sub-tenant key (sub_tenants) and a filter on a CTE's or subquery's output that PostgreSQL could push down pin as well. A single-column foreign key between two tenant tables pins only under trust_foreign_keys.`,
		Bad:   `SELECT c.name, d.amount FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1`,
		Good:  `SELECT c.name, d.amount FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1`,
	},
	{
		Rule:  RuleMultipleTenants,
		Title: "a statement pins all its tables to one tenant value",
		Text:  `The pins and inserted rows of one statement must all use the same tenant value. Two placeholders ($1 and $2) or two constants are rejected, because nothing in the SQL says they are equal; the tenantq builder and runtime guard, which see the arguments, accept distinct placeholders bound to equal values. A sub-tenant value (project_id = $2 under sub_tenants) beside the tenant value on the same table is one tenant; alone on another table it is another value, which the builder and guard accept when it is the scope's sub-tenant (Scope.Sub).`,
		Bad:   `SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = $2 WHERE c.tenant_id = $1`,
		Good:  `SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1`,
	},
	{
		Rule:  RuleTenantWrite,
		Title: "UPDATE never moves a row to another tenant",
		Text:  `UPDATE ... SET tenant_id = x, MERGE ... UPDATE SET tenant_id = x and ON CONFLICT DO UPDATE SET tenant_id = x are rejected unless x is the statement's own tenant value: a row that changes tenant leaks to the new one. For a table owned through a parent, setting its owning key moves the row to another parent: the new key must come from a parent row pinned to the tenant ("SET order_id = (SELECT id FROM orders WHERE tenant_id = $1 AND id = $3)").`,
		Bad:   `UPDATE deals SET tenant_id = $3 WHERE tenant_id = $1 AND id = $2`,
		Good:  `UPDATE deals SET stage = $3 WHERE tenant_id = $1 AND id = $2`,
	},
	{
		Rule:  RuleInsertTenant,
		Title: "INSERT sets the tenant column to the tenant value on every row",
		Text:  `An INSERT into a tenant table must list its columns, include the tenant column, and give every row the statement's tenant value: a placeholder or constant, never DEFAULT, NULL or another expression. INSERT ... SELECT must select the tenant value, or the tenant column of a table pinned to it, into the tenant column. An INSERT into a table owned through a parent must take the owning key from a parent row pinned to the tenant (INSERT ... SELECT o.id, ... FROM orders o WHERE o.tenant_id = $1 AND o.id = $2): a bare key could attach the row to another tenant's parent.`,
		Bad:   `INSERT INTO notes (contact_id, body) VALUES ($2, $3)`,
		Good:  `INSERT INTO notes (tenant_id, contact_id, body) VALUES ($1, $2, $3)`,
	},
	{
		Rule:  RuleUpsertConflict,
		Title: "ON CONFLICT DO UPDATE only reaches the tenant's own row",
		Text:  `ON CONFLICT ... DO UPDATE updates the existing row that conflicts. When the conflict target lacks the tenant column, that row may belong to another tenant sharing the unique key, so the DO UPDATE must pin it with a WHERE clause. ON CONFLICT ON CONSTRAINT always needs that WHERE pin, since the constraint's columns are not visible in the SQL. For a table owned through a parent, the conflict target must include the owning key.`,
		Bad:   `INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET name = excluded.name`,
		Good:  `INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name`,
	},
	{
		Rule:  RuleBulk,
		Title: "no statement rewrites or copies a tenant table whole",
		Text:  `TRUNCATE, COPY table TO/FROM (and psql's \copy), ALTER TABLE ... ALTER COLUMN ... TYPE ... USING (which rewrites every row with an expression), and pgx's CopyFrom into a tenant table, or into a table owned through one, act on every tenant's rows at once. Delete, export or migrate one tenant's rows instead; COPY (query) TO is checked like the query.`,
		Bad:   `COPY contacts TO STDOUT`,
		Good:  `COPY (SELECT * FROM contacts WHERE tenant_id = 42) TO STDOUT`,
	},
	{
		Rule:  RuleUnverifiable,
		Title: "the checker must see the statements that run",
		Text: "The checker accepts only what it can prove, so it refuses statements whose effect it cannot see. It reports, each with its own message: " +
			"statements that run other statements (CALL, DO, EXECUTE of a prepared statement, CREATE RULE, and psql's \\i, \\gexec and \\! in .sql files); " +
			"rows it cannot name (WHERE CURRENT OF, FETCH and MOVE on a cursor declared elsewhere, MERGE with WHEN NOT MATCHED BY SOURCE); " +
			"functions that run SQL text or read a relation, cursor, raw page or file by name, classified from the catalog of PostgreSQL and its contrib extensions (query_to_xml, table_to_xml, crosstab, connectby, dblink, get_raw_page, pgstattuple, pg_read_file, ...), in any schema, and any call given a constant that parses as a query; " +
			"views that expose every tenant's data (pg_stats, pg_stat_activity, pg_stat_statements, ...); " +
			"settings that change how the server reads later statements (standard_conforming_strings, client_encoding and SET NAMES, backslash_quote, search_path other than the policy's, role, session_authorization, session_replication_role), set by SET, set_config, a write to pg_settings, or ALTER ROLE, DATABASE or SYSTEM; " +
			"a relation that would shadow a known table or a system catalog (a temporary one, one in another schema, CREATE SCHEMA elements, RENAME TO, SET SCHEMA, IMPORT FOREIGN SCHEMA, CREATE SCHEMA AUTHORIZATION without a name) and a tenant table made a child of a table that is not one (INHERITS, INHERIT, ATTACH PARTITION); " +
			"psql variables substituted as raw text; " +
			"and statements too large to check within the checker's budgets. " +
			"Run the underlying queries directly, or exempt the statement with a reason. The runtime guard lets FETCH and MOVE pass on the connection that declared the cursor for the same tenant.",
		Bad:  `CALL recalc_totals($1)`,
		Good: `UPDATE deals SET amount = amount * 1.1 WHERE tenant_id = $1`,
	},
	{
		Rule:  RuleParse,
		Title: "the statement must be valid PostgreSQL",
		Text:  `Text the PostgreSQL parser rejects cannot be checked. Nesting deeper than the safety limit is rejected before parsing, because the C parser can crash the process on extreme nesting.`,
		Bad:   `SELEC * FROM contacts WHERE tenant_id = $1`,
		Good:  `SELECT * FROM contacts WHERE tenant_id = $1`,
	},
	{
		Rule:  RuleBypass,
		Title: "SQL passed to the database is a constant or built by tenantq",
		Text:  `The tenantvet analyzer checks the SQL that Go code passes to database/sql, pgx, sqlx, gorm, bun, sqlc-style DBTX interfaces and the team's own wrappers. A constant (also concatenated, chosen on branches, or formatted by fmt.Sprintf and strings.Join from constants) is checked like a .sql file, and a string returned by a tenantq builder's ToSql was verified when it was built. A value spliced into constant text that can only be a quoted identifier (pq.QuoteIdentifier, pgx.Identifier's Sanitize) or an integer (strconv.Itoa, FormatInt in base 10, %d or %v of an integer in fmt.Sprintf) cannot carry a predicate: the text is checked with a stand-in in the hole (each hole its own value), and once more with the tenant column in each identifier hole, since a column chosen at run time may be the tenant column. The hole must stand where such a token cannot change the verdict, else the text is reported: outside literals, quoted identifiers and comments (a quoted identifier inside '...' can close the literal); apart from the tokens around it (a number after a minus sign starts a comment when negative, "$1" followed by a number is another placeholder); not before "(" (a function named at run time runs code tenantvet cannot see); not where a table is named (after FROM, JOIN, INTO, UPDATE, USING, or in their lists), since the policy decides about tables by name. Anything else (a string spliced from anywhere else, which may be "x OR true"; plain squirrel; another query builder; statements that gorm or bun build) cannot be verified and is reported. Build the statement with tenantq, or exempt the call with a reason.`,
		Bad:   "q := sq.Select(\"*\").From(\"deals\").Where(sq.Eq{\"id\": id})\nsql, args, _ := q.ToSql()\nrows, err := pool.Query(ctx, sql, args...)",
		Good:  "q := tq.Select(\"*\").From(\"deals\").Where(sq.Eq{\"id\": id})\nsql, args, _ := q.ToSql()\nrows, err := pool.Query(ctx, sql, args...)",
		Lang:  "go",
	},
	{
		Rule:  RuleIgnore,
		Title: "a tenantvet:ignore directive gives a reason and exempts something",
		Text:  `"//tenantvet:ignore reason" on a Go line or the line above it, and "-- tenantvet:ignore reason" before a statement in a .sql file, exempt that SQL from the tenancy rules. The reason is the audit trail of a statement that may cross tenants, so a directive without one is reported, and so is a directive that exempts nothing (the SQL it was written for was fixed or moved). Parse errors are never exempted.`,
		Bad:   "//tenantvet:ignore\nrows, err := db.Query(ctx, \"SELECT count(*) FROM deals\")",
		Good:  "//tenantvet:ignore admin report counts deals across tenants\nrows, err := db.Query(ctx, \"SELECT count(*) FROM deals\")",
		Lang:  "go",
	},
}

// Exempt reports whether a tenantvet:ignore directive may exempt a finding of rule r. A parse
// finding never is: text that does not parse may hide other statements (a missing semicolon
// joins them), which the directive's author never saw. The analyzer and tenantvet sql both
// ask this.
func (r Rule) Exempt() bool { return r != RuleParse }

// Rules returns the documentation of every rule of the tenancy contract, in contract order.
func Rules() []RuleDoc { return append([]RuleDoc(nil), ruleDocs...) }

// Explain returns the documentation of one rule.
func Explain(r Rule) (RuleDoc, bool) {
	for _, d := range ruleDocs {
		if d.Rule == r {
			return d, true
		}
	}
	return RuleDoc{}, false
}

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

// ruleDocs lists every rule's documentation in contract order. Each rule's RuleDoc sits in the
// file that implements its checks, as staticcheck keeps Documentation beside run: a change to a
// rule changes its words in the same place. docs/rules.md is generated from this list.
var ruleDocs = []RuleDoc{
	unpinnedDoc,
	multipleTenantsDoc,
	tenantWriteDoc,
	insertTenantDoc,
	upsertConflictDoc,
	bulkDoc,
	unverifiableDoc,
	parseDoc,
	bypassDoc,
	ignoreDoc,
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

// bypassDoc documents RuleBypass beside its checks: what it rejects, why, and the fix.
var bypassDoc = RuleDoc{
	Rule:  RuleBypass,
	Title: "SQL passed to the database is a constant or built by tenantq",
	Text:  `The tenantvet analyzer checks the SQL that Go code passes to database/sql, pgx, sqlx, gorm, bun, sqlc-style DBTX interfaces and the team's own wrappers. A constant (also concatenated, chosen on branches, or formatted by fmt.Sprintf and strings.Join from constants) is checked like a .sql file, and a string returned by a tenantq builder's ToSql was verified when it was built. A value spliced into constant text that can only be a quoted identifier (pq.QuoteIdentifier, pgx.Identifier's Sanitize) or an integer (strconv.Itoa, FormatInt in base 10, %d or %v of an integer in fmt.Sprintf) cannot carry a predicate: the text is checked with a stand-in in the hole (each hole its own value), and once more with the tenant column in each identifier hole, since a column chosen at run time may be the tenant column. The hole must stand where such a token cannot change the verdict, else the text is reported: outside literals, quoted identifiers and comments (a quoted identifier inside '...' can close the literal); apart from the tokens around it (a number after a minus sign starts a comment when negative, "$1" followed by a number is another placeholder); not before "(" (a function named at run time runs code tenantvet cannot see); not where a table is named (after FROM, JOIN, INTO, UPDATE, USING, or in their lists), since the policy decides about tables by name. Anything else (a string spliced from anywhere else, which may be "x OR true"; plain squirrel; another query builder; statements that gorm or bun build) cannot be verified and is reported. Build the statement with tenantq, or exempt the call with a reason.`,
	Bad:   "q := sq.Select(\"*\").From(\"deals\").Where(sq.Eq{\"id\": id})\nsql, args, _ := q.ToSql()\nrows, err := pool.Query(ctx, sql, args...)",
	Good:  "q := tq.Select(\"*\").From(\"deals\").Where(sq.Eq{\"id\": id})\nsql, args, _ := q.ToSql()\nrows, err := pool.Query(ctx, sql, args...)",
	Lang:  "go",
}

// ignoreDoc documents RuleIgnore beside its checks: what it rejects, why, and the fix.
var ignoreDoc = RuleDoc{
	Rule:  RuleIgnore,
	Title: "a tenantvet:ignore directive gives a reason and exempts something",
	Text:  `"//tenantvet:ignore reason" on a Go line or the line above it, and "-- tenantvet:ignore reason" before a statement in a .sql file, exempt that SQL from the tenancy rules. The reason is the audit trail of a statement that may cross tenants, so a directive without one is reported, and so is a directive that exempts nothing (the SQL it was written for was fixed or moved). Parse errors are never exempted.`,
	Bad:   "//tenantvet:ignore\nrows, err := db.Query(ctx, \"SELECT count(*) FROM deals\")",
	Good:  "//tenantvet:ignore admin report counts deals across tenants\nrows, err := db.Query(ctx, \"SELECT count(*) FROM deals\")",
	Lang:  "go",
}

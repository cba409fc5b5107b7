package sqlcheck

import "fmt"

// CheckCopy decides a bulk copy of rows into table ("name" or "schema.name", as pgx's
// CopyFrom names it) that no SQL text describes: a copy into a tenant table is a [RuleBulk]
// violation, since nothing checks the tenant column of the rows; into a global table it
// returns nil. An empty table name means the caller cannot tell the table, which may be a
// tenant table: a violation too. The analyzer (CopyFrom in Go code) and the runtime guard
// (CopyFrom at run time) both ask this, so they refuse the same copies with the same words.
func (c *Checker) CheckCopy(table string) *Violation {
	if table == "" {
		return &Violation{Rule: RuleBulk, Statement: 1,
			Message: "CopyFrom copies rows into a table that cannot be named, which may be a tenant table",
			Hint:    "copy into a constant pgx.Identifier, insert the rows with tenantq, or copy as unscoped admin work with a reason"}
	}
	pred, scoped := c.PinPredicate(table, "")
	if !scoped {
		return nil
	}
	col, _ := c.TenantColumn(table)
	if col == "" {
		return &Violation{Rule: RuleBulk, Table: table, Statement: 1,
			Message: fmt.Sprintf("CopyFrom copies rows into %q, whose rows belong to tenants through its key (%s), without a check of that key", table, pred),
			Hint:    "insert the rows with tenantq, taking the key from a pinned parent row, or check each row and copy as unscoped admin work with a reason"}
	}
	return &Violation{Rule: RuleBulk, Table: table, Statement: 1,
		Message: fmt.Sprintf("CopyFrom copies rows into tenant table %q without a check of their %q", table, col),
		Hint:    fmt.Sprintf("insert the rows with tenantq, or check each row's %q and copy as unscoped admin work with a reason", col)}
}

// bulkDoc documents RuleBulk beside its checks: what it rejects, why, and the fix.
var bulkDoc = RuleDoc{
	Rule:  RuleBulk,
	Title: "no statement rewrites or copies a tenant table whole",
	Text:  `TRUNCATE, COPY table TO/FROM (and psql's \copy), ALTER TABLE ... ALTER COLUMN ... TYPE ... USING (which rewrites every row with an expression), and pgx's CopyFrom into a tenant table, or into a table owned through one, act on every tenant's rows at once. Delete, export or migrate one tenant's rows instead; COPY (query) TO is checked like the query.`,
	Bad:   `COPY contacts TO STDOUT`,
	Good:  `COPY (SELECT * FROM contacts WHERE tenant_id = 42) TO STDOUT`,
}

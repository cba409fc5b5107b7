// Package analyzer defines tenantvet, an Analyzer that checks the SQL Go code passes to the
// database against the tenancy contract (docs/contract.md).
//
// # Analyzer tenantvet
//
// tenantvet: check that SQL passed to the database is scoped to one tenant
//
// tenantvet finds the calls that run SQL and checks the text they run with the same checker
// as the tenantq builder and "tenantvet sql". The calls, found by their resolved callee and
// never by a parameter's name, are:
//
//	database/sql      (*DB), (*Tx), (*Conn): Exec, Query, QueryRow, Prepare and ...Context
//	pgx v5 (and v4)   (*Conn), Tx, (*Batch).Queue; pgxpool's (*Pool), (*Conn), (*Tx);
//	                  CopyFrom into a tenant table is a bulk finding
//	sqlx              Queryx, QueryRowx, Select, Get, MustExec, NamedExec, NamedQuery, Preparex,
//	                  PrepareNamed and ...Context, as methods and as package functions
//	gorm              (*DB).Raw and Exec; string arguments of Where, Or, Not, Joins and Table
//	bun               NewRaw, Exec, Query, QueryRow and ...Context
//	DBTX              any interface method named like the database/sql ones whose SQL string
//	                  follows an optional context, as in sqlc's DBTX
//	tenantq.yaml      the functions listed under "sinks"
//	wrappers          any function that passes one of its string parameters to one of these
//
// The SQL argument is recovered through SSA. A constant is checked, and so are concatenations
// of constants, values merged from branches (each candidate is checked), fmt.Sprintf with a
// constant format and constant operands, and strings.Join of constants. Each violation is
// reported at its place in the Go string literal, with its rule id and a hint. A string
// returned by a tenantq builder's ToSql or MustSql is accepted: tenantq verified it when it
// was built. So is the result of a function that always returns such a string (or "" on an
// error path), in any package, through a second fact. Anything else (plain squirrel, another builder, SQL assembled at run time) is a
// bypass finding, since its tenant scope cannot be verified. String fragments passed to gorm
// are always bypass findings: gorm composes them into a statement tenantvet cannot see.
//
// A function that passes one of its string parameters straight to a sink becomes a sink
// itself, through an analysis fact, so calls of it in other packages are checked at the call
// site and its own body is not reported.
//
// "//tenantvet:ignore reason", on the line of the call or the line above, exempts the call. A
// directive without a reason, or one that exempts nothing, is an ignore finding. With
// -show-ignored, exempted findings are reported too, marked "ignored", for audits.
//
// The policy comes from tenantq.yaml, found from each package's directory upward to the module
// root, or from -config; -tenant-column and -global override it.
//
// tenantvet does not see SQL run through function values, method values, reflection or
// cgo, and it does not follow strings through struct fields, package variables or
// closures: those are reported as bypass findings where they reach a sink, or not at all
// when the sink itself is hidden. The runtime guard catches what it cannot see.
//
// # Examples
//
// A constant missing its tenant predicate:
//
//	rows, err := db.QueryContext(ctx, "SELECT * FROM deals WHERE id = $1", id)
//	// unpinned: table "deals" has no tenant predicate; add "deals.tenant_id = $2" to the WHERE clause
//
// SQL built at run time:
//
//	rows, err := pool.Query(ctx, "SELECT * FROM deals WHERE "+filter)
//	// bypass: SQL passed to (*pgxpool.Pool).Query is not built by tenantq and is not a constant: ...
package analyzer

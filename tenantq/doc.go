// Package tenantq is a query builder on [github.com/Masterminds/squirrel] that cannot emit a
// statement reading or writing another tenant's rows.
//
// A [Tenancy] holds the policy (which tables are tenant-scoped, and their tenant columns). A
// [Scope] binds it to one tenant; its builders look and chain like squirrel's, and pin every
// tenant table they name to the scope's tenant:
//
//	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
//	scope, err := tq.Scope(tenantID)
//	sql, args, err := scope.Select("c.name", "d.amount").
//		From("contacts c").
//		Join("deals d ON d.contact_id = c.id").
//		Where(sq.Eq{"d.stage": "won"}).
//		ToSql()
//	// SELECT c.name, d.amount FROM contacts c
//	// JOIN deals d ON (d.contact_id = c.id) AND d.tenant_id = c.tenant_id
//	// WHERE d.stage = $1 AND c.tenant_id = $2
//
// # Verification
//
// ToSql renders the statement, numbers its placeholders ($n by default), checks that final text
// with the tenancy checker ([sqlcheck]), and checks that every argument bound to a tenant
// predicate is the scope's tenant: the text verified is the text that runs, with each argument
// matched to its placeholder as PostgreSQL will. Any violation makes ToSql return no SQL and an
// error that [errors.As] turns into a [*ViolationError] listing each violation with its rule,
// table and hint. Verdicts are cached by
// SQL text, so a statement built again costs a map lookup.
//
// Raw predicates passed to Where are parenthesised, so an OR in them cannot escape the tenant
// predicate. Joins written as strings ("deals d ON ...") are parsed for their table and alias
// and pinned in their ON clause; a join the builder cannot parse is left as written and the
// checker decides.
//
// # Running statements
//
// Exec, Query and QueryRow take a context and a [Runner]; [SQL] and [Pgx] adapt database/sql
// and pgx connections, transactions and pools. There is no way to run a statement that skips
// verification, except [Tenancy.Unscoped], which needs a reason and reports every statement to
// the audit hook.
//
// # Row-level security
//
// When the policy's RowLevelSecurity is set, the database enforces the policy a second time
// with row-level security policies ("tenantvet rls" writes them), and the runners tell it who
// asks: every statement of a Scope's builders runs after [Scope.Session], set_config of the
// tenant setting to the scope's tenant (or of the role to the unscoped role, for
// [Tenancy.Unscoped]), local to the statement's transaction, so that no pooled connection
// keeps it. [Pgx] and the Pgx functions send both in one batch (one round trip, one
// transaction); [SQL] runs the setting in the caller's *sql.Tx, or begins a transaction on a
// *sql.DB or *sql.Conn and commits it when Exec returns, the Rows are closed or read to the
// end, or the Row is scanned:
//
//	tq, _ := tenantq.New(sqlcheck.Policy{RowLevelSecurity: &sqlcheck.RowLevelSecurity{}})
//	scope, _ := tq.Scope(tenantID)
//	rows, err := scope.Select("id").From("contacts").Query(ctx, tenantq.Pgx(pool))
//	// sends, in one batch: SELECT set_config('tenantq.tenant', $1, true)  ($1 = tenantID as text)
//	//                      SELECT id FROM contacts WHERE contacts.tenant_id = $1
//
// A Runner of your own passes its context on to [SQL] or [Pgx]: the statement's setting
// travels there. One that does not fails with [ErrRowLevelSecurity] after the statement ran,
// without its setting, so that row-level security showed it no tenant's rows.
//
// Builders are immutable values: each method returns a new builder, so a base query can be
// shared and branched. A Tenancy and its Scopes are safe for concurrent use.
package tenantq

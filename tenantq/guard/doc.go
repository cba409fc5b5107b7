// Package guard checks every statement at the connection, before it reaches PostgreSQL: the
// runtime backstop for SQL the tenantq builder and the tenantvet analyzer never saw, such as
// sqlc's generated queries or SQL assembled at run time.
//
// A [Guard] wraps database/sql's *sql.DB, *sql.Tx and *sql.Conn ([Guard.DB], [Guard.Tx],
// [Guard.Conn]) and pgx's *pgx.Conn, pgx.Tx and *pgxpool.Pool ([Guard.Pgx]). The wrappers have
// the same query methods, so they drop into sqlc's DBTX interface and into tenantq's runners:
//
//	tq, _ := tenantq.New(policy)
//	g := guard.New(tq)
//	queries := db.New(g.Pgx(pool)) // sqlc's generated Queries
//
//	ctx = tenantq.WithTenant(ctx, tenantID)   // from the request's authentication
//	deal, err := queries.GetDeal(ctx, dealID) // checked: pinned to tenantID?
//
// Each statement is checked with the Tenancy's checker (verdicts are cached by SQL text), and
// the arguments at its tenant predicates are compared with the context's tenant. In [Enforce]
// mode, the default, a statement that fails never reaches the database: the call returns a
// [*tenantq.ViolationError], or an error wrapping [ErrNoTenant] when the context carries no
// tenant for a statement that needs one. In [Report] mode the [Handler] is told and the statement
// runs, for a first deployment in staging. Statements run with [tenantq.WithUnscoped] pass and
// reach the Tenancy's audit hook.
//
// The guard checks what it sends. It reads arguments as the driver does: $n and ? placeholders,
// positional arguments ([sql.NamedArg] values stand for their value), and for pgx the leading
// query options and [pgx.NamedArgs], which it rewrites to $n itself before checking. It refuses
// what it cannot follow: other pgx query rewriters, @name or :name placeholders without
// pgx.NamedArgs, pgx options given to the database/sql wrapper, and texts with no statement,
// which pgx would run as the name of a statement prepared earlier. A driver.Valuer at a tenant
// placeholder is asked for its value once, and that value is what is checked and sent.
//
// Prepared statements (database/sql's PrepareContext) are checked when prepared: the rules, the
// tenant constants against the context's tenant, and a tenant in the context when the statement
// needs one. The arguments bound later to the *sql.Stmt are not seen. For sqlc's WithTx, wrap
// the transaction: db.New(g.Tx(tx)) or db.New(g.Pgx(tx)).
//
// The context's tenant and unscoped mark replace each other: the call made last wins.
// Build on the builder, and keep the guard for what it cannot see.
//
// # Row-level security
//
// When the Tenancy's policy has RowLevelSecurity, the wrappers also tell the database who runs
// each statement, from its context: the tenant ([tenantq.WithTenant]) with the Tenancy's
// set_config of its tenant setting, or the unscoped role ([tenantq.WithUnscoped]) with
// set_config('role', ...), both local to the statement's transaction ([tenantq.Scope.Session]);
// a statement whose context carries neither (it passed the check, so it reads global tables
// only) runs as it is. A context tenant the Tenancy refuses is an error in both modes: the
// statement never runs without its setting.
//
//   - [Guard.Pgx] sends the setting and the statement in one batch, which runs in one
//     transaction (the batch's implicit one, or the wrapped pgx.Tx); SendBatch sends the
//     setting first in the caller's batch and reads past its result; CopyFrom runs in a
//     transaction begun with the wrapped value's Begin (a savepoint in a pgx.Tx). A batch takes
//     no query options, so an exec mode or result formats given to one statement are refused
//     (set the connection's DefaultQueryExecMode instead).
//   - [Guard.Tx] runs the setting in the transaction before the statement. For a prepared
//     statement it runs when the statement is prepared, and holds for the rest of the
//     transaction.
//   - [Guard.DB] and [Guard.Conn] return *sql.Rows and *sql.Row, which cannot end a
//     transaction when they are closed. The setting is therefore done one level down: open the
//     database with [Guard.OpenDB] (or sql.OpenDB on [Guard.Connector]), whose driver sees each
//     call's context, runs the setting in the transaction begun with BeginTx, and wraps a
//     statement outside one in a transaction of its own, committed when its rows are closed.
//     This covers *sql.Stmt runs too. On another driver, a statement outside a transaction
//     whose context carries a tenant or an unscoped mark is refused (global tables included:
//     the guard sets whenever the context names someone) with an error wrapping
//     [tenantq.ErrRowLevelSecurity] that names g.Tx, the other way.
//
// The wrappers implement [tenantq.SessionSetter], so tenantq's runners over them leave the
// setting to them rather than sending it twice.
//
// A Guard and its wrappers are safe for concurrent use when the wrapped value is.
package guard

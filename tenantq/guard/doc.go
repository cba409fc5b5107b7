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
// A Guard and its wrappers are safe for concurrent use when the wrapped value is.
package guard

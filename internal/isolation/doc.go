// Package isolation holds a property-based test of tenant isolation: it checks that the
// tenant-safety checker (package sqlcheck) never accepts a statement that, run against a real
// PostgreSQL database, returns or changes another tenant's rows.
//
// A seeded [Generator] makes random statements over the schema of [DDL], which holds three
// tenants (1, 2 and 3) whose rows overlap in ids, names and per-tenant unique keys: SELECTs with
// every kind of join, LATERAL, subqueries, CTEs (data-modifying and recursive ones too) and set
// operations; UPDATE ... FROM, DELETE ... USING, INSERT ... VALUES, INSERT ... SELECT and
// upserts. Each is generated tenant-safe, and half are then made unsafe by one mutation (a
// dropped, ORed, negated or misplaced pin, another tenant's value, a swapped tenant column, an
// upsert that can reach another tenant's row, ...); [Statement.Mutation] names it. Every SELECT
// projects the tenant column of each row-producing tenant-table occurrence as tq_t0, tq_t1, ...,
// and every write returns its tenant columns the same way.
//
// About a third of the statements are over the tables of [KeysDDL], whose tenancy goes through
// keys (docs/keys.md): tables with no tenant column owned through a parent (line_items under
// orders, item_notes under line_items, boards under projects), users reached through the
// membership table memberships, and the sub-tenant key project_id. Each of [KeyKinds] is one
// form of pin (a join on the owning key to a pinned parent, IN, = and correlated EXISTS over a
// pinned parent, the reverse semi-join, a unique key restricted to pinned rows of its own table,
// tuple IN, a composite foreign key, a membership join, a sub-tenant pin, a filter pushed into a
// CTE or derived table, a pinned parent seen through a CTE, and writes that take the parent key
// from a pinned parent), and its mutations break it (a LEFT JOIN with the parent's pin in ON,
// NOT IN, NOT EXISTS, LIMIT in the reverse semi-join, a non-unique key, a bare parent key in
// VALUES, a child moved to another tenant's parent, an aggregate, window or LIMIT under a
// pushed-down filter, a sub-tenant key that nothing ties to the tenant, another tenant's
// project, ...). A statement with a sub-tenant pin runs in a scope narrowed to a project of
// its tenant ([Statement.Sub]). The policy is read from DDL ([Policy]).
//
// The truth for tables with no tenant column: each has a column truth_tenant that the policy
// does not take for a tenant column, kept equal to the tenant of the row's parent and set on
// insert, by a trigger, to the tenant the statement runs as. Statements project it as tq_tN
// like a tenant column; user ids are projected as tq_uN and must be linked to the tenant by a
// membership. After a write the test also counts the children whose truth_tenant is not their
// parent's tenant (a row attached to another tenant's parent).
//
// TestIsolation checks each statement with the checker and runs it, accepted or not, as its
// tenant in a transaction that is always rolled back. A statement the checker accepts (and whose
// tenant values, as the checker reports them, are bound to the tenant) must return no tenant
// column holding another tenant, and must leave a checksum of every other tenant's rows (by
// each table's true tenant) unchanged; otherwise the test fails and prints the seed, the
// statement, the tenant and the leaked rows. Statements the checker rejects are run too, and
// those that would have leaked are counted, by kind of statement and of mutation.
//
// TestIsolationRLS checks that the checker and the row-level security policies "tenantvet rls"
// writes from the same policy (package rls) agree. It runs each statement twice: as the
// test's superuser, and as an application role under the policies with the tenant set as
// tenantq's runtime sets it. A statement the checker accepts must return the same rows both
// ways; a statement it refuses that leaks without the policies must not leak under them
// (-isolation.rls.n statements, 3000 by default).
//
// The test logs its seed. Replay a run with the same seed (and -isolation.n for the number of
// statements, 10000 by default):
//
//	scripts/with-postgres go test ./internal/isolation -run TestIsolation -v -seed N
package isolation

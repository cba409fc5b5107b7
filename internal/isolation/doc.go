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
// TestIsolation checks each statement with the checker and runs it, accepted or not, as its
// tenant in a transaction that is always rolled back. A statement the checker accepts (and whose
// tenant values, as the checker reports them, are bound to the tenant) must return no tenant
// column holding another tenant, and must leave a checksum of every other tenant's rows
// unchanged; otherwise the test fails and prints the seed, the statement, the tenant and the
// leaked rows. Statements the checker rejects are run too, and those that would have leaked are
// counted.
//
// The test logs its seed. Replay a run with the same seed (and -isolation.n for the number of
// statements, 10000 by default):
//
//	scripts/with-postgres go test ./internal/isolation -run TestIsolation -v -seed N
package isolation

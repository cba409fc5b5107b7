// Package rls writes PostgreSQL row-level security policies from a tenancy policy: the
// database's own wall behind the checker, built from the same tenantq.yaml.
//
// [Generate] turns every table of the policy's schema into policies that show a statement
// only the rows of the tenant its transaction names:
//
//   - a tenant table: its tenant column equals the tenant;
//   - an owned-through table: its owning keys lead, through a join, to a parent row of the
//     tenant;
//   - a reached-through table: a link (membership) row of the tenant names the row;
//   - shared tenants' rows are readable, never writable;
//   - global tables are left alone.
//
// Each table gets ENABLE and FORCE ROW LEVEL SECURITY (FORCE holds the table's owner too,
// which is often the role the application connects as). The tenant comes from a
// configuration parameter, tenantq.tenant unless row_level_security names another, set
// local to the statement's transaction:
//
//	SELECT set_config('tenantq.tenant', '42', true);
//
// tenantq's runners and its guard do that for every statement when tenantq.yaml has
// row_level_security. A transaction that has not set it sees no tenant's rows, only those
// of the shared tenants: the policies fail closed. Unscoped statements run as the role tenantq_unscoped (SET LOCAL
// ROLE), which a policy of its own lets through; the migration creates it and grants it to
// the role that runs the migration, without inheritance: a member that inherited the role
// would get its policy, which lets every row through.
//
// Superusers and roles with BYPASSRLS are never held by row-level security: the application
// must connect as neither. Policies of your own on the same tables are permissive too, and
// PostgreSQL ORs permissive policies: one that allows more than tenantq's widens it.
//
// The command "tenantvet rls" writes the migration in the layout of the project's
// migrations directory.
package rls

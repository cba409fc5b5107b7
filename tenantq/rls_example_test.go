package tenantq_test

import (
	"fmt"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// ExampleScope_Session shows what tells the database who runs a statement under row-level
// security. The runners ([tenantq.Pgx], [tenantq.SQL]) and the Pgx functions run it before
// each statement of the scope's builders, in the statement's transaction: with pgx, in one
// batch with the statement; with database/sql, in the caller's *sql.Tx or in a transaction of
// their own, committed when the rows are closed.
func ExampleScope_Session() {
	tq, _ := tenantq.New(sqlcheck.Policy{RowLevelSecurity: &sqlcheck.RowLevelSecurity{}})
	scope, _ := tq.Scope(int64(42))
	sess, _ := scope.Session()
	fmt.Println(sess.SQL, "<-", sess.Value)

	admin, _ := tq.Unscoped("nightly report")
	sess, _ = admin.Session()
	fmt.Println(sess.SQL, "<-", sess.Value)

	// A UUID tenant is set in its text form, which ::uuid reads back.
	scope, _ = tq.Scope([16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8})
	sess, _ = scope.Session()
	fmt.Println(sess.Value)

	// Without RowLevelSecurity in the policy there is nothing to set.
	plain, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ = plain.Scope(int64(42))
	sess, _ = scope.Session()
	fmt.Println(sess == nil)
	// Output:
	// SELECT set_config('tenantq.tenant', $1, true), set_config('role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true) <- 42
	// SELECT set_config('tenantq.role', COALESCE(NULLIF(current_setting('tenantq.role', true), ''), current_setting('role')), true), set_config('role', $1, true) <- tenantq_unscoped
	// 6ba7b810-9dad-11d1-80b4-00c04fd430c8
	// true
}

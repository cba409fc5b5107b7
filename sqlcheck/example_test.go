package sqlcheck_test

import (
	"errors"
	"fmt"

	"github.com/tenantq/tenantq/sqlcheck"
)

func ExampleChecker_Check() {
	c, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		panic(err)
	}
	r := c.Check(`SELECT c.name, d.amount
FROM contacts c
JOIN deals d ON d.contact_id = c.id
WHERE c.tenant_id = $1`)
	for _, v := range r.Violations {
		fmt.Printf("%d:%d: %s\n", v.Line, v.Column, v)
	}
	// Output:
	// 3:6: unpinned: table "deals" (alias d) has no tenant predicate; add "d.tenant_id = c.tenant_id" to its JOIN ON
}

func ExampleChecker_Check_safe() {
	c, err := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		panic(err)
	}
	r := c.Check(`SELECT c.name, p.name FROM contacts c JOIN plans p ON p.id = c.plan_id WHERE c.tenant_id = $1`)
	fmt.Printf("%v %+v\n", r.Safe(), r.TenantValues)
	// Output:
	// true [{Statement:1 Param:1 Literal: Sub: Covered:false}]
}

func ExampleViolationError() {
	c, err := sqlcheck.New(sqlcheck.Policy{})
	if err != nil {
		panic(err)
	}
	err = c.Check(`UPDATE deals SET stage = $2 WHERE id = $1 OR tenant_id = $3`).Err()
	var ve *sqlcheck.ViolationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Rule, v.Table)
			fmt.Println(v.Message)
			fmt.Println(v.Hint)
		}
	}
	fmt.Println(errors.Is(err, sqlcheck.ErrUnsafe))
	// Output:
	// unpinned deals
	// table "deals" is not pinned to one tenant: its tenant predicate is inside an OR whose other branch does not pin it
	// AND "tenant_id = $3" with the whole OR in the WHERE clause
	// true
}

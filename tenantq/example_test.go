package tenantq_test

import (
	"context"
	"errors"
	"fmt"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

func ExampleScope_Select() {
	tq, _ := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	scope, _ := tq.Scope(42)

	sql, args, err := scope.Select("c.name", "d.amount").
		From("contacts c").
		Join("deals d ON d.contact_id = c.id").
		Where(sq.Eq{"d.stage": "won"}).
		ToSql()
	fmt.Println(sql)
	fmt.Println(args, err)
	// Output:
	// SELECT c.name, d.amount FROM contacts c JOIN deals d ON (d.contact_id = c.id) AND d.tenant_id = c.tenant_id WHERE d.stage = $1 AND c.tenant_id = $2
	// [won 42] <nil>
}

func ExampleScope_Insert() {
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(42)

	sql, args, _ := scope.Insert("notes").
		Columns("contact_id", "body").
		Values(7, "called back").
		Suffix("RETURNING id").
		ToSql()
	fmt.Println(sql)
	fmt.Println(args)
	// Output:
	// INSERT INTO notes (tenant_id,contact_id,body) VALUES ($1,$2,$3) RETURNING id
	// [42 7 called back]
}

func ExampleScope_Update() {
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(42)

	sql, args, _ := scope.Update("deals").
		Set("stage", "won").
		Where(sq.Eq{"id": 9}).
		ToSql()
	fmt.Println(sql)
	fmt.Println(args)
	// Output:
	// UPDATE deals SET stage = $1 WHERE id = $2 AND deals.tenant_id = $3
	// [won 9 42]
}

func ExampleSelectBuilder_With() {
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(42)

	open := scope.Select("id", "contact_id").From("deals").Where(sq.NotEq{"stage": "closed"})
	sql, args, _ := scope.Select("c.name", "count(*)").
		With("open_deals", open).
		From("contacts c").
		Join("open_deals o ON o.contact_id = c.id").
		GroupBy("c.name").
		ToSql()
	fmt.Println(sql)
	fmt.Println(args)
	// Output:
	// WITH open_deals AS (SELECT id, contact_id FROM deals WHERE stage <> $1 AND deals.tenant_id = $2) SELECT c.name, count(*) FROM contacts c JOIN open_deals o ON o.contact_id = c.id WHERE c.tenant_id = $3 GROUP BY c.name
	// [closed 42 42]
}

func ExampleTenancy_Unscoped() {
	audit := func(_ context.Context, e tenantq.AuditEvent) {
		fmt.Printf("audit: %s: %s\n", e.Reason, e.SQL)
	}
	tq, _ := tenantq.New(sqlcheck.Policy{}, tenantq.WithAudit(audit))

	admin, _ := tq.Unscoped("monthly invoice run over every tenant")
	_, _, _ = admin.Select("tenant_id", "sum(amount)").From("deals").GroupBy("tenant_id").ToSql()

	_, err := tq.Unscoped("")
	fmt.Println(err)
	// Output:
	// audit: monthly invoice run over every tenant: SELECT tenant_id, sum(amount) FROM deals GROUP BY tenant_id
	// unscoped statements need a reason
}

func ExampleViolationError() {
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(42)

	// A lateral subquery the builder cannot see into reads deals of every tenant.
	_, _, err := scope.Select("c.name", "x.total").
		From("contacts c").
		JoinClause("JOIN LATERAL (SELECT sum(amount) AS total FROM deals d WHERE d.contact_id = c.id) x ON true").
		ToSql()
	var ve *tenantq.ViolationError
	if errors.As(err, &ve) {
		for _, v := range ve.Violations {
			fmt.Println(v.Rule, v.Table, v.Alias)
			fmt.Println(v.Hint)
		}
	}
	// Output:
	// unpinned deals d
	// add "d.tenant_id = $1" to the WHERE clause of the LATERAL subquery
}

// Running statements needs a database; see TestSelectReturnsOnlyTheScopesRows for this flow
// against a real PostgreSQL.
func ExampleSelectBuilder_Query() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://localhost/app")
	if err != nil {
		return
	}
	defer pool.Close()
	tq, _ := tenantq.New(sqlcheck.Policy{})
	scope, _ := tq.Scope(42)

	rows, err := scope.Select("id", "name").From("contacts").OrderBy("name").Query(ctx, tenantq.Pgx(pool))
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		_ = rows.Scan(&id, &name)
	}
}

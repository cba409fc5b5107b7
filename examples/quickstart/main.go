// Command quickstart is the program the README's quick start checks with tenantvet: three
// queries on a contacts and deals schema. One is built with tenantq, one is an exempted admin
// query, and one forgets to pin a joined table to the tenant, which tenantvet reports:
//
//	go run ./cmd/tenantvet -C examples ./quickstart
//
// Run it against a database with DATABASE_URL set (it prints what it finds).
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"

	sq "github.com/Masterminds/squirrel"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// openDeals lists a contact's open deals. tenantq adds "deals.tenant_id = $n" and verifies
// the statement before it returns it, so tenantvet accepts the call.
func openDeals(ctx context.Context, db *sql.DB, scope tenantq.Scope, contactID int64) ([]int64, error) {
	query, args, err := scope.Select("id").
		From("deals").
		Where(sq.Eq{"contact_id": contactID, "stage": "open"}).
		ToSql()
	if err != nil {
		return nil, err
	}
	return ids(db.QueryContext(ctx, query, args...))
}

// dealsOfContact lists a contact's deals with hand-written SQL. The JOIN forgets to pin deals
// to the contact's tenant, so a contact id shared by two tenants shows both tenants' deals:
// tenantvet reports it and says what to add where.
func dealsOfContact(ctx context.Context, db *sql.DB, tenantID, contactID int64) ([]int64, error) {
	return ids(db.QueryContext(ctx, `
		SELECT d.id
		FROM contacts c
		JOIN deals d ON d.contact_id = c.id
		WHERE c.tenant_id = $1 AND c.id = $2`, tenantID, contactID))
}

// countAllTenants counts every tenant's contacts for billing: it crosses tenants on purpose,
// and the directive says why.
func countAllTenants(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	//tenantvet:ignore billing report across every tenant, run by the admin job only
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM contacts").Scan(&n)
	return n, err
}

func ids(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func main() {
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		log.Fatal("quickstart: set DATABASE_URL to a PostgreSQL database with contacts and deals tables")
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	tq, err := tenantq.New(sqlcheck.Policy{})
	if err != nil {
		log.Fatal(err)
	}
	scope, err := tq.Scope(int64(1))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	open, err := openDeals(ctx, db, scope, 7)
	fmt.Println("open deals of contact 7:", open, err)
	all, err := dealsOfContact(ctx, db, 1, 7)
	fmt.Println("deals of contact 7:", all, err)
	n, err := countAllTenants(ctx, db)
	fmt.Println("contacts in all tenants:", n, err)
}

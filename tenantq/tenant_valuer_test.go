package tenantq_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// The Valuer shapes a tenant type takes. Each holds tenant 1 when the scope is made and is
// changed to tenant 2 afterwards.

// tenantID is the common shape: a named integer with a value-receiver Value, passed by pointer.
type tenantID int64

func (t tenantID) Value() (driver.Value, error) { return int64(t), nil }

// refTenant reads its value through a pointer, with a value receiver.
type refTenant struct{ p *int64 }

func (t refTenant) Value() (driver.Value, error) { return *t.p, nil }

// ptrTenant has a pointer-receiver Value.
type ptrTenant struct{ id int64 }

func (t *ptrTenant) Value() (driver.Value, error) { return t.id, nil }

// bytesTenant sends bytes it keeps, as a text id.
type bytesTenant struct{ b []byte }

func (t bytesTenant) Value() (driver.Value, error) { return t.b, nil }

// uuidTenant is a [16]byte type whose Value is its text form, as github.com/google/uuid's.
type uuidTenant [16]byte

func (u uuidTenant) Value() (driver.Value, error) {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}

// valuerShapes returns each shape's tenant, a function that moves it to tenant 2 after the
// scope is made, and the argument the scope must bind.
func valuerShapes() []struct {
	name  string
	value any
	move  func()
	want  any
} {
	id := tenantID(1)
	n := int64(1)
	p := &ptrTenant{id: 1}
	b := bytesTenant{b: []byte("1")}
	u := &uuidTenant{15: 1}
	return []struct {
		name  string
		value any
		move  func()
		want  any
	}{
		{"pointer to a named integer", &id, func() { id = 2 }, int64(1)},
		{"value reading through a pointer", refTenant{&n}, func() { n = 2 }, int64(1)},
		{"pointer receiver", p, func() { p.id = 2 }, int64(1)},
		{"bytes it keeps", b, func() { b.b[0] = '2' }, "1"},
		{"pointer to a UUID type", u, func() { u[15] = 2 }, "00000000-0000-0000-0000-000000000001"},
	}
}

// TestScopeCopiesTenant checks that a scope binds the value a Valuer gave when the scope was
// made, whatever the Valuer's shape: changing the tenant value afterwards changes nothing.
func TestScopeCopiesTenant(t *testing.T) {
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range valuerShapes() {
		t.Run(tc.name, func(t *testing.T) {
			scope, err := tq.Scope(tc.value)
			if err != nil {
				t.Fatalf("Scope(%T) = %v", tc.value, err)
			}
			tc.move()
			_, args, err := scope.Select("id").From("deals").ToSql()
			if err != nil {
				t.Fatal(err)
			}
			if len(args) != 1 || fmt.Sprint(args[0]) != fmt.Sprint(tc.want) {
				t.Errorf("after the tenant value changed, args = %#v, want [%#v]", args, tc.want)
			}
			if fmt.Sprint(scope.Tenant()) != fmt.Sprint(tc.want) {
				t.Errorf("Tenant() = %#v, want %#v", scope.Tenant(), tc.want)
			}
		})
	}
}

// TestScopeCopiesTenantOnServer runs a statement built for tenant 1 after the tenant value was
// changed to 2, on a real PostgreSQL: it must read tenant 1's rows only.
func TestScopeCopiesTenantOnServer(t *testing.T) {
	pool := integrationDB(t)
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := tenantID(1)
	scope, err := tq.Scope(&id)
	if err != nil {
		t.Fatal(err)
	}
	built := scope.Select("tenant_id").From("contacts")
	id = 2 // the request's tenant variable is reused for the next request
	rows, err := built.Query(ctx, tenantq.SQL(db))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var tenant int64
		if err := rows.Scan(&tenant); err != nil {
			t.Fatal(err)
		}
		if tenant != 1 {
			t.Fatalf("a statement built for tenant 1 read a row of tenant %d", tenant)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no row of tenant 1: the test proves nothing")
	}
}

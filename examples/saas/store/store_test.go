package store_test

import (
	"context"
	"crypto/rand"
	"errors"
	"maps"
	"testing"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/examples/saas/store"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// fixtures gives tenant 1 three contacts and tenant 2 two, with overlapping ids, and each
// tenant one deal per stage it uses.
const fixtures = `
INSERT INTO contacts (tenant_id, id, name) VALUES (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (2, 1, 'x'), (2, 2, 'y');
INSERT INTO deals (tenant_id, id, contact_id, title, stage) VALUES
    (1, 1, 1, 'd', 'won'), (1, 2, 2, 'e', 'lead'), (2, 1, 1, 'f', 'won');
`

func newStore(t *testing.T) *store.Store {
	t.Helper()
	pool := testdb.OpenSchema(t, store.Schema+fixtures)
	secret := make([]byte, 32)
	rand.Read(secret)
	keyring, err := cursor.NewKeyring(cursor.SigningKey{ID: "test", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.New(pool, keyring)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tenant returns a scope and a context for one tenant, as the api's middleware makes them.
func tenant(t *testing.T, st *store.Store, id int64) (context.Context, tenantq.Scope) {
	t.Helper()
	scope, err := st.Scope(id)
	if err != nil {
		t.Fatal(err)
	}
	return tenantq.WithTenant(context.Background(), id), scope
}

// TestStageCountsIsRefused: the deliberate mistake reaches the guard, which refuses it.
func TestStageCountsIsRefused(t *testing.T) {
	st := newStore(t)
	ctx, scope := tenant(t, st, 1)
	counts, err := st.StageCounts(ctx, scope)
	var ve *tenantq.ViolationError
	if !errors.As(err, &ve) || ve.Violations[0].Rule != "unpinned" || ve.Violations[0].Table != "deals" {
		t.Fatalf("StageCounts = %v, %v; want the guard's unpinned violation", counts, err)
	}
}

// TestContactsPerTenant runs the exempted admin query: every tenant's count, audited.
func TestContactsPerTenant(t *testing.T) {
	st := newStore(t)
	ctx, _ := tenant(t, st, 1) // WithUnscoped in the method replaces the tenant
	got, err := st.ContactsPerTenant(ctx)
	if want := map[int64]int64{1: 3, 2: 2}; err != nil || !maps.Equal(got, want) {
		t.Fatalf("ContactsPerTenant = %v, %v; want %v", got, err, want)
	}
}

// TestGuardChecksTheContext: a scope and a context for different tenants disagree, and the
// guard refuses the statement the scope built; a context without a tenant is refused too.
func TestGuardChecksTheContext(t *testing.T) {
	st := newStore(t)
	_, scope1 := tenant(t, st, 1)
	ctx2, _ := tenant(t, st, 2)
	if c, err := st.Contact(ctx2, scope1, 1); !errors.Is(err, tenantq.ErrUnsafe) {
		t.Errorf("Contact with tenant 1's scope and tenant 2's context = %v, %v; want a violation", c, err)
	}
	if c, err := st.Contact(context.Background(), scope1, 1); !errors.Is(err, guard.ErrNoTenant) {
		t.Errorf("Contact without a tenant in the context = %v, %v; want guard.ErrNoTenant", c, err)
	}
	ctx1, _ := tenant(t, st, 1)
	if c, err := st.Contact(ctx1, scope1, 1); err != nil || c.Name != "a" {
		t.Errorf("Contact = %v, %v; want tenant 1's contact a", c, err)
	}
}

// TestMigrate applies the schema to an empty database, then leaves it alone.
func TestMigrate(t *testing.T) {
	pool := testdb.OpenSchema(t, "")
	secret := make([]byte, 32)
	rand.Read(secret)
	keyring, _ := cursor.NewKeyring(cursor.SigningKey{ID: "test", Secret: secret})
	st, err := store.New(pool, keyring)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, scope := tenant(t, st, 7)
	c, err := st.CreateContact(ctx, scope, "Ada", "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.CreateDeal(ctx, scope, c.ID, store.NewDeal{Title: "pilot", PlanID: new(int64(3))})
	if err != nil || d.PlanName == nil || *d.PlanName != "enterprise" {
		t.Fatalf("CreateDeal = %+v, %v; want a deal on the enterprise plan", d, err)
	}
}

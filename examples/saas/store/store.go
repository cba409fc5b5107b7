// Package store is the data layer of the saas example: contacts, their deals and notes, kept
// for many tenants in one PostgreSQL database.
//
// Every statement is built with a [tenantq.Scope], which pins each tenant table to the scope's
// tenant and verifies the SQL before it runs, and every statement runs through the runtime
// guard ([guard.Pgx]), which checks it again against the tenant the context carries
// ([tenantq.WithTenant]). A method therefore needs a scope and a context for the same tenant;
// the api package's middleware makes both from one request header.
//
// Two methods step outside the builder on purpose. [Store.StageCounts] is the deliberate
// mistake of the example: hand-written SQL that forgets the tenant, which tenantvet reports
// and the guard refuses. [Store.ContactsPerTenant] is an admin query across every tenant,
// exempted with a reason.
package store

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// Schema is the DDL of the example (schema.sql): cmd/saas applies it, the tests create it, and
// [Policy] reads the tenant tables from it.
//
//go:embed schema.sql
var Schema string

var (
	// ErrNotFound is returned for a row the scope's tenant does not have, whether or not
	// another tenant has one with that id.
	ErrNotFound = errors.New("not found")
	// ErrInvalid is wrapped by the errors for bad input: a missing field, an unknown stage or
	// plan, a bad page size or cursor.
	ErrInvalid = errors.New("invalid input")
)

// Stages are the stages of a deal, in order.
var Stages = []string{"lead", "qualified", "won", "lost"}

// MaxPage bounds the page size of [Store.Contacts].
const MaxPage = 100

// A Contact is a person a tenant sells to.
type Contact struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	CreatedAt time.Time `json:"created_at"`
}

// A Deal is something a tenant hopes to sell to a contact, optionally one of the global plans.
type Deal struct {
	ID          int64     `json:"id"`
	ContactID   int64     `json:"contact_id"`
	ContactName string    `json:"contact_name"`
	Title       string    `json:"title"`
	AmountCents int64     `json:"amount_cents"`
	Stage       string    `json:"stage"`
	PlanID      *int64    `json:"plan_id"`
	PlanName    *string   `json:"plan_name"`
	CreatedAt   time.Time `json:"created_at"`
}

// NewDeal is the input of [Store.CreateDeal].
type NewDeal struct {
	Title       string `json:"title"`
	AmountCents int64  `json:"amount_cents"`
	PlanID      *int64 `json:"plan_id"`
}

// A Note is a line of text a tenant keeps about a contact.
type Note struct {
	ID        int64     `json:"id"`
	ContactID int64     `json:"contact_id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// Store reads and writes the tenants' data. It is safe for concurrent use.
type Store struct {
	tq       *tenantq.Tenancy
	db       *guard.Pgx     // the pool behind the runtime guard: every statement runs here
	run      tenantq.Runner // db, as the builders run statements
	contacts *cursor.Pager  // pages contacts newest first
}

// Policy returns the tenancy policy of the example: the tables of [Schema], tenant-scoped when
// they have a tenant_id column, and plans global. tenantvet reads the same schema through
// tenantq.yaml.
func Policy() (sqlcheck.Policy, error) {
	tables, err := config.ParseSchema("schema.sql", Schema, nil)
	if err != nil {
		return sqlcheck.Policy{}, err
	}
	return sqlcheck.Policy{Schema: tables, GlobalTables: []string{"plans"}}, nil
}

// New returns a Store over pool. Cursors of contact pages are signed with keyring. The guard
// and the audit log of unscoped statements write to slog's default logger.
func New(pool *pgxpool.Pool, keyring *cursor.Keyring) (*Store, error) {
	policy, err := Policy()
	if err != nil {
		return nil, err
	}
	tq, err := tenantq.New(policy)
	if err != nil {
		return nil, err
	}
	pager, err := cursor.NewPager(keyring, cursor.Spec{
		Name: "contacts",
		Keys: []cursor.Key{{Column: "created_at", Desc: true}, {Column: "id", Desc: true}},
	})
	if err != nil {
		return nil, err
	}
	db := guard.New(tq).Pgx(pool)
	return &Store{tq: tq, db: db, run: tenantq.Pgx(db), contacts: pager}, nil
}

// Scope returns the builders of one tenant.
func (s *Store) Scope(tenantID int64) (tenantq.Scope, error) {
	return s.tq.Scope(tenantID)
}

// Migrate applies [Schema] when the database has no contacts table yet.
func (s *Store) Migrate(ctx context.Context) error {
	var exists bool
	if err := s.db.QueryRow(ctx, "SELECT to_regclass('contacts') IS NOT NULL").Scan(&exists); err != nil {
		return fmt.Errorf("look for the schema: %w", err)
	}
	if exists {
		return nil
	}
	ctx = tenantq.WithUnscoped(ctx, "apply schema.sql")
	// The simple protocol runs the file's several statements in one call.
	//tenantvet:ignore the schema's DDL and the global plans, no tenant rows; the guard audits it
	if _, err := s.db.Exec(ctx, Schema, pgx.QueryExecModeSimpleProtocol); err != nil {
		return fmt.Errorf("apply schema.sql: %w", err)
	}
	return nil
}

// Contacts returns a page of the tenant's contacts, newest first: First contacts After a cursor
// of an earlier page (Last and Before are not offered). A cursor of another tenant, another
// query, or one that was tampered with is an [ErrInvalid].
func (s *Store) Contacts(ctx context.Context, scope tenantq.Scope, first int, after string) ([]Contact, cursor.PageInfo, error) {
	if first < 1 || first > MaxPage {
		return nil, cursor.PageInfo{}, fmt.Errorf("%w: first must be between 1 and %d", ErrInvalid, MaxPage)
	}
	contacts, info, err := cursor.Page(ctx, s.contacts, s.run,
		scope.Select("id", "name", "email", "created_at").From("contacts"),
		cursor.Request{First: first, After: after},
		func(row cursor.Row) (Contact, error) {
			var c Contact
			return c, row.Scan(&c.ID, &c.Name, &c.Email, &c.CreatedAt)
		})
	if errors.Is(err, cursor.ErrInvalidCursor) || errors.Is(err, cursor.ErrBadRequest) {
		err = fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return contacts, info, err
}

// Contact returns one of the tenant's contacts.
func (s *Store) Contact(ctx context.Context, scope tenantq.Scope, id int64) (Contact, error) {
	c := Contact{ID: id}
	err := scope.Select("name", "email", "created_at").
		From("contacts").
		Where(sq.Eq{"id": id}).
		QueryRow(ctx, s.run).
		Scan(&c.Name, &c.Email, &c.CreatedAt)
	return c, notFound(err, "contact")
}

// CreateContact adds a contact to the tenant's. The name is required.
func (s *Store) CreateContact(ctx context.Context, scope tenantq.Scope, name, email string) (Contact, error) {
	c := Contact{Name: strings.TrimSpace(name), Email: strings.TrimSpace(email)}
	if c.Name == "" {
		return Contact{}, fmt.Errorf("%w: a contact needs a name", ErrInvalid)
	}
	// tenantq adds tenant_id to the columns and the scope's tenant to the values.
	err := scope.Insert("contacts").
		Columns("name", "email").
		Values(c.Name, c.Email).
		Suffix("RETURNING id, created_at").
		QueryRow(ctx, s.run).
		Scan(&c.ID, &c.CreatedAt)
	return c, err
}

// deals selects deals with their contact's name and their plan's. The builder pins deals in
// WHERE and the joined contacts in its ON clause (c.tenant_id = d.tenant_id), and leaves the
// global plans alone.
func deals(scope tenantq.Scope) tenantq.SelectBuilder {
	return scope.Select("d.id", "d.contact_id", "c.name", "d.title", "d.amount_cents", "d.stage",
		"d.plan_id", "p.name", "d.created_at").
		From("deals d").
		Join("contacts c ON c.id = d.contact_id").
		LeftJoin("plans p ON p.id = d.plan_id")
}

func scanDeal(row tenantq.Row) (Deal, error) {
	var d Deal
	err := row.Scan(&d.ID, &d.ContactID, &d.ContactName, &d.Title, &d.AmountCents, &d.Stage,
		&d.PlanID, &d.PlanName, &d.CreatedAt)
	return d, err
}

// Deals returns the deals of one of the tenant's contacts, oldest first.
func (s *Store) Deals(ctx context.Context, scope tenantq.Scope, contactID int64) ([]Deal, error) {
	if _, err := s.Contact(ctx, scope, contactID); err != nil {
		return nil, err
	}
	rows, err := deals(scope).Where(sq.Eq{"d.contact_id": contactID}).OrderBy("d.id").Query(ctx, s.run)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Deal{}
	for rows.Next() {
		d, err := scanDeal(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, d)
	}
	return list, rows.Err()
}

// Deal returns one of the tenant's deals.
func (s *Store) Deal(ctx context.Context, scope tenantq.Scope, id int64) (Deal, error) {
	d, err := scanDeal(deals(scope).Where(sq.Eq{"d.id": id}).QueryRow(ctx, s.run))
	return d, notFound(err, "deal")
}

// CreateDeal adds a deal, at stage lead, to one of the tenant's contacts. A contact of another
// tenant is not found: the foreign key includes tenant_id.
func (s *Store) CreateDeal(ctx context.Context, scope tenantq.Scope, contactID int64, nd NewDeal) (Deal, error) {
	title := strings.TrimSpace(nd.Title)
	switch {
	case title == "":
		return Deal{}, fmt.Errorf("%w: a deal needs a title", ErrInvalid)
	case nd.AmountCents < 0:
		return Deal{}, fmt.Errorf("%w: amount_cents must not be negative", ErrInvalid)
	}
	var id int64
	err := scope.Insert("deals").
		Columns("contact_id", "title", "amount_cents", "plan_id").
		Values(contactID, title, nd.AmountCents, nd.PlanID).
		Suffix("RETURNING id").
		QueryRow(ctx, s.run).
		Scan(&id)
	switch constraint(err) {
	case "deals_contact_fk":
		return Deal{}, fmt.Errorf("contact %w", ErrNotFound)
	case "deals_plan_fk":
		return Deal{}, fmt.Errorf("%w: no plan %d", ErrInvalid, *nd.PlanID)
	}
	if err != nil {
		return Deal{}, err
	}
	return s.Deal(ctx, scope, id)
}

// SetDealStage moves one of the tenant's deals to a stage of [Stages].
func (s *Store) SetDealStage(ctx context.Context, scope tenantq.Scope, id int64, stage string) (Deal, error) {
	if !slices.Contains(Stages, stage) {
		return Deal{}, fmt.Errorf("%w: stage must be one of %s", ErrInvalid, strings.Join(Stages, ", "))
	}
	n, err := scope.Update("deals").Set("stage", stage).Where(sq.Eq{"id": id}).Exec(ctx, s.run)
	if err != nil {
		return Deal{}, err
	}
	if n == 0 {
		return Deal{}, fmt.Errorf("deal %w", ErrNotFound)
	}
	return s.Deal(ctx, scope, id)
}

// Notes returns the notes on one of the tenant's contacts, oldest first.
func (s *Store) Notes(ctx context.Context, scope tenantq.Scope, contactID int64) ([]Note, error) {
	if _, err := s.Contact(ctx, scope, contactID); err != nil {
		return nil, err
	}
	rows, err := scope.Select("id", "contact_id", "body", "created_at").
		From("notes").
		Where(sq.Eq{"contact_id": contactID}).
		OrderBy("id").
		Query(ctx, s.run)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Note{}
	for rows.Next() {
		var n Note
		if err := rows.Scan(&n.ID, &n.ContactID, &n.Body, &n.CreatedAt); err != nil {
			return nil, err
		}
		list = append(list, n)
	}
	return list, rows.Err()
}

// AddNote adds a note to one of the tenant's contacts.
func (s *Store) AddNote(ctx context.Context, scope tenantq.Scope, contactID int64, body string) (Note, error) {
	n := Note{ContactID: contactID, Body: strings.TrimSpace(body)}
	if n.Body == "" {
		return Note{}, fmt.Errorf("%w: a note needs a body", ErrInvalid)
	}
	err := scope.Insert("notes").
		Columns("contact_id", "body").
		Values(contactID, n.Body).
		Suffix("RETURNING id, created_at").
		QueryRow(ctx, s.run).
		Scan(&n.ID, &n.CreatedAt)
	if constraint(err) == "notes_contact_fk" {
		return Note{}, fmt.Errorf("contact %w", ErrNotFound)
	}
	return n, err
}

// DeleteNote deletes one of the tenant's notes.
func (s *Store) DeleteNote(ctx context.Context, scope tenantq.Scope, id int64) error {
	n, err := scope.Delete("notes").Where(sq.Eq{"id": id}).Exec(ctx, s.run)
	if err == nil && n == 0 {
		err = fmt.Errorf("note %w", ErrNotFound)
	}
	return err
}

// StageCounts counts the tenant's deals in each stage.
//
// It is the example's deliberate mistake: written by hand, it forgets the tenant and would
// count every tenant's deals. tenantvet reports it:
//
//	unpinned: table "deals" has no tenant predicate; add "tenant_id = $1" to the WHERE clause
//
// and, should it ship anyway, the guard refuses to run it (the API answers 500, not another
// tenant's numbers). The fix is to build it with the scope, which pins deals to the tenant:
//
//	scope.Select("stage", "count(*)").From("deals").GroupBy("stage").Query(ctx, s.run)
func (s *Store) StageCounts(ctx context.Context, scope tenantq.Scope) (map[string]int64, error) {
	rows, err := s.db.Query(ctx, "SELECT stage, count(*) FROM deals GROUP BY stage")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[string]int64{}
	for rows.Next() {
		var stage string
		var n int64
		if err := rows.Scan(&stage, &n); err != nil {
			return nil, err
		}
		counts[stage] = n
	}
	return counts, rows.Err()
}

// ContactsPerTenant counts every tenant's contacts, for billing. It crosses tenants on purpose:
// it is for the admin job, never for a tenant's request. The context is marked unscoped, so the
// guard lets the statement pass and the Tenancy's audit hook records it with the reason.
func (s *Store) ContactsPerTenant(ctx context.Context) (map[int64]int64, error) {
	ctx = tenantq.WithUnscoped(ctx, "billing: contacts per tenant")
	//tenantvet:ignore billing counts every tenant's contacts; run by the admin job only, audited
	rows, err := s.db.Query(ctx, "SELECT tenant_id, count(*) FROM contacts GROUP BY tenant_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[int64]int64{}
	for rows.Next() {
		var tenant, n int64
		if err := rows.Scan(&tenant, &n); err != nil {
			return nil, err
		}
		counts[tenant] = n
	}
	return counts, rows.Err()
}

// notFound turns pgx's "no rows" into ErrNotFound, naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s %w", what, ErrNotFound)
	}
	return err
}

// constraint returns the name of the foreign key err violates, or "".
func constraint(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23503" { // foreign_key_violation
		return pe.ConstraintName
	}
	return ""
}
